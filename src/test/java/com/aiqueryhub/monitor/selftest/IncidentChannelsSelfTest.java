package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.sandbox.Contract;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channels that page and the monitor of the monitor, proven against receivers on loopback that answer as the real
 * services do (the recorded answers of contracts/ext/pagerduty and contracts/ext/healthchecks): PagerDuty's Events API v2
 * (one incident per failing check, resolved on recovery, the escalation matrix as its minimum severity, retried only
 * where PagerDuty says so, its routing key never written down), the heartbeat's start, success and fail pings, each
 * message channel's minimum severity, and the shape of what Alertmanager is sent. A channel that cannot be reached is
 * listed as not delivered and changes no check's outcome.
 */
// started among the first (see pom.xml, surefire's class order): its runs wait seconds on purpose
@org.junit.jupiter.api.Order(4)
class IncidentChannelsSelfTest {

    /** 32 characters, as PagerDuty's integration keys: it must reach PagerDuty and nothing the run writes. */
    private static final String ROUTING_KEY = "R0utingKeyCanary7f3a9c2e0b1d4e5f";
    private static final String LOCATION = "selftest-runner";
    private static final String REPORT = "https://reports.example/run/42";
    private static final String HEARTBEAT = "/hc/5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278";

    private WireMockServer receiver;
    /** Each test's runs share one folder: one run's notification state is the next one's memory. */
    private Path reportDir;

    @BeforeEach
    void startReceiverInAFreshFolder() {
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        receiver.start();
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        receiver.stubFor(post(urlEqualTo("/pagerduty")).willReturn(answer("ext/pagerduty/accepted")));
        receiver.stubFor(post(urlPathMatching("/hc/.*")).willReturn(answer("ext/healthchecks/ping-ok")));
        // Alertmanager's 200 has no body (api/v2 postAlerts, v0.25.0); the real one is the lead's end-to-end test
        receiver.stubFor(post(urlEqualTo("/am/api/v2/alerts")).willReturn(aResponse().withStatus(200)));
        reportDir = CheckRun.freshReportDir();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
    }

    // ---- PagerDuty ----

    @Test
    void aFailingCheckTriggersOneIncidentKeyedByEnvironmentLocationAndCheck() {
        CheckRun.Result result = CheckRun.run(pagerDuty(Map.of("sandbox.faults", "db-down")), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).containsExactly("database.sql");
        List<Map<String, Object>> events = events();
        assertThat(events).as("one event for the one failing check").hasSize(1);
        Map<String, Object> event = events.get(0);
        assertThat(event).containsEntry("routing_key", ROUTING_KEY).containsEntry("event_action", "trigger")
                .containsEntry("dedup_key", "local/" + LOCATION + "/database.sql");
        Map<String, Object> payload = map(event, "payload");
        assertThat(payload).containsEntry("severity", "critical").containsKeys("summary", "source");
        assertThat((String) payload.get("summary")).startsWith("database.sql failed on local: ").hasSizeLessThanOrEqualTo(1024);
        String remedy = line(result.get("database.sql").message(), "remedy: ");
        assertThat((String) map(payload, "custom_details").get("remedy")).as("the remedy the report gives").startsWith(remedy);
        assertThat(JsonMaps.list(event, "links")).anySatisfy(l -> assertThat(l).containsEntry("href", REPORT));

        assertThat(notifications()).filteredOn(n -> "pagerduty".equals(n.get("channel"))).singleElement().satisfies(n -> {
            assertThat(n).containsEntry("event", "trigger database.sql").containsEntry("delivered", true);
            assertThat((String) n.get("detail")).isEqualTo("delivered (HTTP 202)");
        });
        assertNothingWrittenHolds(ROUTING_KEY);
    }

    /** The escalation matrix: High pages by default (as PagerDuty's "error"), not where PagerDuty is for Critical only. */
    @Test
    void aHighFailureStaysOffThePagerWhenPagerDutyIsCriticalOnly() {
        Map<String, String> criticalOnly = pagerDuty(Map.of("sandbox.faults", "error-spike"));
        criticalOnly.put("notify.pagerduty.min-severity", "critical");

        CheckRun.Result result = CheckRun.run(criticalOnly, DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).containsExactly("overnight-errors.volume");
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/pagerduty")))).as("a High failure, a Critical-only pager").isEmpty();
        assertThat(notifications()).noneMatch(n -> "pagerduty".equals(n.get("channel")));

        // the same failure with the default minimum (high) pages, as PagerDuty's "error"
        reportDir = CheckRun.freshReportDir();
        CheckRun.run(pagerDuty(Map.of("sandbox.faults", "error-spike")), DailyChecks.CLASSES);
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("event_action", "trigger").containsEntry("dedup_key", "local/" + LOCATION + "/overnight-errors.volume");
            assertThat(map(e, "payload")).containsEntry("severity", "error");
        });
    }

    @Test
    void aHealthyRunResolvesTheIncidentWithTheSameKey() {
        CheckRun.run(pagerDuty(Map.of("sandbox.faults", "db-down")), DailyChecks.CLASSES);
        assertThat(events()).singleElement().satisfies(e -> assertThat(e).containsEntry("event_action", "trigger"));

        receiver.resetRequests();
        CheckRun.Result healthy = CheckRun.run(pagerDuty(Map.of()), DailyChecks.CLASSES);

        assertThat(healthy.withStatus("failed")).isEmpty();
        assertThat(events()).singleElement().satisfies(e -> assertThat(e).containsEntry("event_action", "resolve")
                .containsEntry("dedup_key", "local/" + LOCATION + "/database.sql").containsEntry("routing_key", ROUTING_KEY));
        assertThat(notifications()).filteredOn(n -> "pagerduty".equals(n.get("channel")))
                .singleElement().satisfies(n -> assertThat(n).containsEntry("event", "resolve database.sql").containsEntry("delivered", true));

        receiver.resetRequests();
        CheckRun.run(pagerDuty(Map.of()), DailyChecks.CLASSES);
        assertThat(events()).as("healthy after healthy: nothing open, nothing sent").isEmpty();
        assertNothingWrittenHolds(ROUTING_KEY);
    }

    /** A smoke run every ten minutes judges other checks: it never closes the daily run's incident, nor says "recovered". */
    @Test
    void aRunOfAnotherCadenceLeavesTheIncidentOpen() {
        Map<String, String> withSlack = new java.util.HashMap<>(pagerDuty(Map.of()));
        withSlack.put("notify.slack.webhook-url", "http://127.0.0.1:" + receiver.port() + "/slack");
        Map<String, String> failing = new java.util.HashMap<>(withSlack);
        failing.put("sandbox.faults", "db-down");
        CheckRun.run(failing, DailyChecks.CLASSES);
        assertThat(events()).singleElement().satisfies(e -> assertThat(e).containsEntry("event_action", "trigger"));

        receiver.resetRequests();
        CheckRun.run(withSlack, com.aiqueryhub.monitor.checks.smoke.SmokeChecks.CLASSES);
        assertThat(events()).as("database.sql was not judged by the smoke run").isEmpty();
        assertThat(receiver.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/slack")))).as("no RECOVERED message").isEmpty();

        CheckRun.run(withSlack, DailyChecks.CLASSES);
        assertThat(events()).singleElement().satisfies(e -> assertThat(e).containsEntry("event_action", "resolve"));
    }

    @Test
    void theFirstTriggerWaitsForTheFailingRunsInARowAsked() {
        Map<String, String> failing = pagerDuty(Map.of("sandbox.faults", "db-down", "notify.after-failures", "2"));

        CheckRun.run(failing, DailyChecks.CLASSES);
        assertThat(events()).as("one failing run of the two asked: no page yet").isEmpty();

        CheckRun.run(failing, DailyChecks.CLASSES);
        assertThat(events()).singleElement().satisfies(e -> assertThat(e).containsEntry("event_action", "trigger")
                .containsEntry("dedup_key", "local/" + LOCATION + "/database.sql"));
    }

    @Test
    void aRateLimitMetOnceIsRetriedAndDelivered() {
        receiver.stubFor(post(urlEqualTo("/pagerduty")).inScenario("rate limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(answer("ext/pagerduty/rate-limited")).willSetStateTo("minute over"));
        receiver.stubFor(post(urlEqualTo("/pagerduty")).inScenario("rate limit").whenScenarioStateIs("minute over")
                .willReturn(answer("ext/pagerduty/accepted")));

        CheckRun.Result result = CheckRun.run(pagerDuty(Map.of("sandbox.faults", "db-down")), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).containsExactly("database.sql");
        List<Map<String, Object>> sent = events();
        assertThat(sent).as("the 429, then the same event again").hasSize(2);
        assertThat(sent.get(1)).isEqualTo(sent.get(0));
        assertThat(notifications()).filteredOn(n -> "pagerduty".equals(n.get("channel"))).singleElement().satisfies(n -> {
            assertThat(n).containsEntry("delivered", true);
            assertThat((String) n.get("detail")).isEqualTo("delivered (HTTP 202 after 2 attempts)");
        });
    }

    @Test
    void anInvalidEventIsNotRetriedListedAsNotDeliveredAndChangesNoOutcome() {
        receiver.stubFor(post(urlEqualTo("/pagerduty")).willReturn(answer("ext/pagerduty/invalid-event")));

        CheckRun.Result result = CheckRun.run(pagerDuty(Map.of("sandbox.faults", "db-down")), DailyChecks.CLASSES);

        // counted for the failing check alone: what the retry policy did with its event, whatever else the run judged
        assertThat(events()).filteredOn(e -> String.valueOf(e.get("dedup_key")).endsWith("/database.sql"))
                .as("a 400 is the event's own fault: sent once").hasSize(1);
        Map<String, Object> summary = summary();
        assertThat(JsonMaps.list(summary, "notifications")).filteredOn(n -> "pagerduty".equals(n.get("channel")))
                .singleElement().satisfies(n -> {
                    assertThat(n).containsEntry("event", "trigger database.sql").containsEntry("delivered", false);
                    assertThat((String) n.get("detail")).as("PagerDuty's words, once, after one attempt")
                            .isEqualTo("NOT delivered: HTTP 400 " + Contract.load("ext/pagerduty/invalid-event").body());
                });
        // the same outcomes as without the pager: one Critical failure, every other check as in a failing run
        CheckRun.Result without = CheckRun.run(Map.of("sandbox.faults", "db-down", "monitor.location", LOCATION), DailyChecks.CLASSES);
        assertThat(statuses(result)).isEqualTo(statuses(without));
        assertThat(summary.get("verdictLine")).isEqualTo(without.summary().path("verdictLine").asText());
        assertThat(summary.get("healthy")).isEqualTo(false);
        assertNothingWrittenHolds(ROUTING_KEY);
    }

    // ---- heartbeat ----

    @Test
    void aHealthyRunPingsStartThenSuccess() {
        CheckRun.Result result = CheckRun.run(heartbeat(Map.of()), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).isEmpty();
        List<LoggedRequest> pings = pings();
        assertThat(pings).extracting(LoggedRequest::getUrl).containsExactly(HEARTBEAT + "/start", HEARTBEAT);
        assertThat(pings).allSatisfy(p -> assertThat(p.getHeader("Content-Type")).startsWith("text/plain"));
        assertThat(pings.get(1).getBodyAsString()).isEqualTo(summary().get("verdictLine") + "\n").startsWith("HEALTHY: ");
        assertThat(notifications()).filteredOn(n -> "heartbeat".equals(n.get("channel")))
                .extracting(n -> n.get("event"), n -> n.get("delivered"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("start", true), org.assertj.core.groups.Tuple.tuple("success", true));
    }

    @Test
    void aFailingRunPingsStartThenFailWithTheVerdictLine() {
        CheckRun.run(heartbeat(Map.of("sandbox.faults", "db-down")), DailyChecks.CLASSES);

        List<LoggedRequest> pings = pings();
        assertThat(pings).extracting(LoggedRequest::getUrl).containsExactly(HEARTBEAT + "/start", HEARTBEAT + "/fail");
        String verdictLine = (String) summary().get("verdictLine");
        assertThat(verdictLine).startsWith("UNHEALTHY: ").contains("database.sql");
        assertThat(pings.get(1).getBodyAsString()).as("the verdict line as plain text").isEqualTo(verdictLine + "\n");
        assertThat(pings.get(1).getHeader("Content-Type")).startsWith("text/plain");
    }

    @Test
    void aHeartbeatThatIsDownIsListedAndChangesNothingElse() throws IOException {
        Map<String, String> settings = heartbeat(Map.of());
        settings.put("notify.heartbeat.url", "http://127.0.0.1:" + closedPort() + HEARTBEAT);

        CheckRun.Result result = CheckRun.run(settings, DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).isEmpty();
        Map<String, Object> summary = summary();
        assertThat(summary.get("healthy")).isEqualTo(true);
        assertThat((String) summary.get("verdictLine")).startsWith("HEALTHY: ");
        assertThat(JsonMaps.list(summary, "notifications")).filteredOn(n -> "heartbeat".equals(n.get("channel")))
                .hasSize(2).allSatisfy(n -> {
                    assertThat(n).containsEntry("delivered", false);
                    assertThat((String) n.get("detail")).contains("NOT delivered: no answer (connection refused)");
                });
    }

    // ---- message channels: their minimum severity ----

    @Test
    void slackForCriticalOnlyHearsNothingOfAHighFailureWhileTheWebhookDoes() {
        Map<String, String> settings = base(Map.of("sandbox.faults", "error-spike"));
        String url = "http://127.0.0.1:" + receiver.port();
        settings.put("notify.slack.webhook-url", url + "/slack");
        settings.put("notify.slack.min-severity", "critical");
        settings.put("notify.webhook.url", url + "/hook");

        CheckRun.Result result = CheckRun.run(settings, DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).containsExactly("overnight-errors.volume");
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/slack")))).as("Slack hears Critical only").isEmpty();
        List<LoggedRequest> hook = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
        assertThat(hook).hasSize(1);
        Map<String, Object> payload = JsonMaps.parse(hook.get(0).getBodyAsString());
        assertThat(payload).containsEntry("event", "failure");
        assertThat(JsonMaps.list(payload, "failures")).singleElement().satisfies(f -> assertThat(f)
                .containsEntry("id", "overnight-errors.volume").containsEntry("severity", "high"));
        assertThat(notifications()).extracting(n -> n.get("channel")).containsExactly("webhook");
    }

    // ---- Alertmanager: what it is sent (the real Alertmanager is the end-to-end test's) ----

    @Test
    void alertmanagerIsSentTheRulesLabelsFiringThenResolved() {
        Map<String, String> settings = base(Map.of("sandbox.faults", "db-down"));
        settings.put("notify.alertmanager.url", "http://127.0.0.1:" + receiver.port() + "/am/");

        Instant before = Instant.now();
        CheckRun.run(settings, DailyChecks.CLASSES);

        Map<String, Object> firing = alert("database.sql");
        Map<String, Object> labels = map(firing, "labels");
        assertThat(labels).containsOnlyKeys("alertname", "check", "cadence", "severity", "environment", "location", "job")
                .containsEntry("alertname", "SyntheticCheckFailing").containsEntry("check", "database.sql")
                .containsEntry("severity", "critical").containsEntry("environment", "local").containsEntry("location", LOCATION)
                .containsEntry("job", "synthetic_monitor");
        assertThat((String) labels.get("cadence")).contains("daily");
        assertThat(Instant.parse((String) firing.get("endsAt"))).as("firing: endsAt ahead").isAfter(Instant.now());
        assertThat(firing).containsEntry("generatorURL", REPORT);
        assertThat(notifications()).filteredOn(n -> "alertmanager".equals(n.get("channel"))).singleElement()
                .satisfies(n -> assertThat(n).containsEntry("delivered", true));

        receiver.resetRequests();
        Map<String, String> healthy = base(Map.of());
        healthy.put("notify.alertmanager.url", settings.get("notify.alertmanager.url"));
        CheckRun.run(healthy, DailyChecks.CLASSES);
        Instant after = Instant.now();

        Map<String, Object> resolved = alert("database.sql");
        assertThat(map(resolved, "labels")).as("the same alert: the same labels").isEqualTo(labels);
        assertThat(Instant.parse((String) resolved.get("endsAt"))).as("resolved: endsAt not after now")
                .isBeforeOrEqualTo(after).isAfter(before.minusSeconds(1));
    }

    // ---- helpers ----

    private Map<String, String> base(Map<String, String> given) {
        Map<String, String> s = new HashMap<>(given);
        s.put("monitor.location", LOCATION);
        s.put("report.url", REPORT);
        s.put("monitor.report.dir", reportDir.toString());
        return s;
    }

    /** The monitor's own trouble never pages production's on-call, nor closes what production's failure opened. */
    @Test
    void aBlindRunNeitherPagesNorResolvesAndSaysSoInItsOwnWords() {
        CheckRun.run(pagerDuty(Map.of("sandbox.faults", "db-down")), DailyChecks.CLASSES); // opens database.sql
        receiver.resetRequests();
        Map<String, String> blind = heartbeat(pagerDuty(Map.of("sandbox.faults", "runner-offline")));
        blind.put("notify.slack.webhook-url", "http://127.0.0.1:" + receiver.port() + "/slack");

        CheckRun.Result result = CheckRun.run(blind, DailyChecks.CLASSES);

        assertThat(result.summary().path("verdict").asText()).isEqualTo("BLIND");
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/pagerduty")))).as("no trigger, and no resolve of database.sql")
                .isEmpty();
        assertThat(receiver.findAll(postRequestedFor(urlPathMatching("/hc/.*")))).extracting(LoggedRequest::getUrl)
                .containsExactly(HEARTBEAT + "/start", HEARTBEAT + "/fail");
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/slack")))).singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains("BLIND: this runner cannot resolve any name")
                        .doesNotContain("FAILING"));
    }

    private Map<String, String> pagerDuty(Map<String, String> given) {
        Map<String, String> s = base(given);
        s.put("notify.pagerduty.routing-key", ROUTING_KEY);
        s.put("notify.pagerduty.url", "http://127.0.0.1:" + receiver.port() + "/pagerduty");
        return s;
    }

    private Map<String, String> heartbeat(Map<String, String> given) {
        Map<String, String> s = base(given);
        s.put("notify.heartbeat.url", "http://127.0.0.1:" + receiver.port() + HEARTBEAT);
        return s;
    }

    /** A recorded answer, served as recorded. */
    private static ResponseDefinitionBuilder answer(String fixture) {
        Contract c = Contract.load(fixture);
        ResponseDefinitionBuilder r = aResponse().withStatus(c.status()).withBody(c.body());
        c.headers().forEach(r::withHeader);
        return r;
    }

    /** The PagerDuty events received, oldest first. */
    private List<Map<String, Object>> events() {
        return receiver.findAll(postRequestedFor(urlEqualTo("/pagerduty"))).stream()
                .map(r -> JsonMaps.parse(r.getBodyAsString())).toList();
    }

    private List<LoggedRequest> pings() {
        return receiver.findAll(postRequestedFor(urlPathMatching("/hc/.*")));
    }

    /** The last alert posted to Alertmanager for {@code check}. */
    private Map<String, Object> alert(String check) {
        List<LoggedRequest> posts = receiver.findAll(postRequestedFor(urlEqualTo("/am/api/v2/alerts")));
        assertThat(posts).as("one post of the run's alerts").hasSize(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) (List<?>) JsonMaps.parseList(posts.get(0).getBodyAsString());
        return alerts.stream().filter(a -> check.equals(map(a, "labels").get("check"))).findFirst()
                .orElseThrow(() -> new AssertionError("no alert for " + check + " in " + alerts));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> json, String field) {
        return (Map<String, Object>) json.get(field);
    }

    private Map<String, Object> summary() {
        try {
            return JsonMaps.parse(Files.readString(reportDir.resolve("summary.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Map<String, Object>> notifications() {
        return JsonMaps.list(summary(), "notifications");
    }

    private static Map<String, String> statuses(CheckRun.Result result) {
        Map<String, String> out = new java.util.TreeMap<>();
        result.byId().forEach((id, o) -> out.put(id, o.status()));
        return out;
    }

    /** The text after {@code prefix} on its line of a failure message. */
    private static String line(String message, String prefix) {
        return message.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length())).orElseThrow(() -> new AssertionError("no '" + prefix + "' in " + message));
    }

    /** No file the run left under its report folder (summary.json, the history, the state...) holds {@code secret}. */
    private void assertNothingWrittenHolds(String secret) {
        try (Stream<Path> files = Files.walk(reportDir)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).as("the run wrote its files").isNotEmpty();
            for (Path f : all) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as("%s", f).doesNotContain(secret);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
