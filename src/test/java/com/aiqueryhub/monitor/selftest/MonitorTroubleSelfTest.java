package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor's own trouble reaches the monitor's owner, in its own words, and never production's pager: a run that
 * could not start as asked (MISCONFIGURED) still writes and pushes its series and tells its channels and its heartbeat;
 * a blind run is named blind. Proven against receivers on loopback: a webhook, a heartbeat, a Pushgateway, PagerDuty.
 */
class MonitorTroubleSelfTest {

    private WireMockServer receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        receiver.start();
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
    }

    private Map<String, String> channels(String faults) {
        String url = "http://127.0.0.1:" + receiver.port();
        Map<String, String> settings = new HashMap<>();
        settings.put("sandbox.faults", faults);
        settings.put("notify.webhook.url", url + "/hook");
        settings.put("notify.heartbeat.url", url + "/ping/abc");
        settings.put("pushgateway.url", url + "/gateway");
        settings.put("notify.pagerduty.routing-key", "R0UT1NGKEY0000000000000000000000");
        settings.put("notify.pagerduty.url", url + "/pagerduty");
        return settings;
    }

    @Test
    void aMistypedFaultTellsTheOwnerEverywhereAndPagesNobody() {
        CheckRun.Result result = CheckRun.run(channels("db-dwn"), DailyChecks.CLASSES);

        assertThat(result.summary().path("verdict").asText()).isEqualTo("MISCONFIGURED");
        String metrics = result.file("metrics.prom");
        assertThat(metrics).containsPattern("synthetic_monitor_run_misconfigured\\{[^}]*\\} 1")
                .doesNotContain("synthetic_monitor_check_success{");
        List<LoggedRequest> pushed = receiver.findAll(anyRequestedFor(urlPathMatching("/gateway/metrics/job/synthetic_monitor/.*")));
        assertThat(pushed).as("pushed").singleElement().satisfies(p -> assertThat(p.getBodyAsString()).contains("synthetic_monitor_run_misconfigured"));
        List<LoggedRequest> hook = receiver.findAll(anyRequestedFor(urlEqualTo("/hook")));
        assertThat(hook).singleElement().satisfies(h -> assertThat(JsonMaps.parse(h.getBodyAsString()))
                .containsEntry("event", "misconfigured"));
        assertThat(receiver.findAll(anyRequestedFor(urlEqualTo("/ping/abc/fail")))).as("the heartbeat's failure ping").hasSize(1);
        assertThat(receiver.findAll(anyRequestedFor(urlPathMatching("/pagerduty.*")))).as("nobody paged").isEmpty();
    }

    @Test
    void aBlindRunIsNamedBlindNotAFailure() {
        CheckRun.Result result = CheckRun.run(channels("runner-offline"), DailyChecks.CLASSES);

        assertThat(result.summary().path("verdict").asText()).isEqualTo("BLIND");
        List<LoggedRequest> hook = receiver.findAll(anyRequestedFor(urlEqualTo("/hook")));
        assertThat(hook).singleElement().satisfies(h -> assertThat(JsonMaps.parse(h.getBodyAsString())).containsEntry("event", "blind"));
        assertThat(receiver.findAll(anyRequestedFor(urlPathMatching("/pagerduty.*")))).as("nobody paged").isEmpty();
    }

    /**
     * Every production address refusing this runner while the references answer: production gone everywhere, or
     * addresses that were never right. A deployment whose addresses never answered is the monitor's to check (a typo);
     * once they have answered a run, the same failure is production's.
     */
    @Test
    void addressesThatNeverAnsweredAreTheMonitorsToCheckOnceTheyAnsweredProductions() {
        String dir = CheckRun.freshReportDir().toString();
        Map<String, String> down = channels("hosts-down");
        down.put("monitor.report.dir", dir);

        CheckRun.Result first = CheckRun.run(down, DailyChecks.CLASSES);
        assertThat(first.summary().path("verdictLine").asText()).startsWith("MISCONFIGURED: never reached: ")
                .contains("check frontend.url, supabase.url and db.url");
        assertThat(first.withStatus("failed")).as("outcomes: %s", first.byId()).isEmpty();
        assertThat(first.file("metrics.prom")).doesNotContainPattern("synthetic_monitor_check_success\\{[^}]*\\} 0");
        assertThat(receiver.findAll(anyRequestedFor(urlPathMatching("/pagerduty.*")))).as("nobody paged").isEmpty();

        CheckRun.run(Map.of("monitor.report.dir", dir), DailyChecks.CLASSES); // the addresses answer a run
        CheckRun.Result later = CheckRun.run(down, DailyChecks.CLASSES);
        assertThat(later.summary().path("verdict").asText()).isEqualTo("UNHEALTHY");
        assertThat(later.withStatus("failed")).contains("frontend.status", "database.sql");
    }
}
