package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the person on call gets: fewer false alarms (retries on transport errors only, upstream awareness,
 * maintenance windows) and messages that arrive once, remind later, announce recovery, and never leak a
 * secret; proven against notification receivers on loopback, including one that is down and one that is slow.
 */
// started among the first (see pom.xml, surefire's class order): its runs wait seconds on purpose
@org.junit.jupiter.api.Order(4)
class OnCallSelfTest {

    private static final String CANARY = "canary-oncall-7f3a9c2e";
    private WireMockServer receiver;
    /** This test's runs share one folder: the notifications' state of one run is the next one's memory. */
    private Path reportDir;

    @BeforeEach
    void startReceiverInAFreshFolder() {
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        receiver.start();
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        reportDir = CheckRun.freshReportDir();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
    }

    @Test
    void aFlakyEndpointThatRecoversOnRetryPassesMarkedAsRetried() throws IOException {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "frontend-flaky", "monitor.report.dir", reportDir.toString()),
                DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).isEmpty();
        assertThat(checks(summary())).filteredOn(c -> Boolean.TRUE.equals(c.get("passedAfterRetry")))
                .extracting(c -> c.get("id")).contains("frontend.status");
    }

    @Test
    void withoutRetriesTheSameBlipIsAFailure() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "frontend-flaky", "http.retries", "0"), DailyChecks.CLASSES);

        assertThat(result.get("frontend.status").status()).isEqualTo("failed");
        assertThat(result.get("frontend.status").message()).contains("observed no answer (connection reset)");
    }

    @Test
    void failuresDuringAnUpstreamIncidentSaySoAndStillFail() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "upstream-incident,db-down"), DailyChecks.CLASSES);

        assertThat(result.get("database.sql").status()).isEqualTo("failed");
        assertThat(result.get("database.sql").message()).startsWith("upstream incident at Supabase (major): "
                + "Unplanned Database Outage (API, Management Portal)\nexpected select 1");
        assertThat(result.withStatus("failed")).containsExactly("database.sql");
    }

    /** A maintenance is context only for the checks of the component it names. */
    @Test
    void aMaintenanceNoteGoesOnlyToTheChecksOfItsComponent() {
        CheckRun.Result database = CheckRun.run(Map.of("sandbox.faults", "statuspage-maintenance-database,db-down,cors-broken"),
                DailyChecks.CLASSES);
        assertThat(database.get("database.sql").message()).startsWith("upstream scheduled maintenance at Supabase: "
                + "Schedule maintenance\nexpected select 1");
        assertThat(database.get("backend-api.cors").message()).as("edge functions are not under maintenance")
                .startsWith("expected Access-Control-Allow-Origin: ");

        CheckRun.Result api = CheckRun.run(Map.of("sandbox.faults", "statuspage-maintenance,db-down"), DailyChecks.CLASSES);
        assertThat(api.get("database.sql").message()).as("a maintenance of another component").startsWith("expected select 1");
    }

    @Test
    void aDegradedRunIsVisibleButDoesNotFail() throws IOException {
        CheckRun.Result result = CheckRun.run(Map.of("threshold.p95-degraded", "0ms", "performance.samples", "2",
                "metrics.sample-interval", "200ms", "monitor.report.dir", reportDir.toString()),
                WeeklyChecks.CLASSES[0]); // the performance review

        assertThat(result.withStatus("failed")).isEmpty();
        Map<String, Object> summary = summary();
        assertThat(checks(summary)).filteredOn(c -> "degraded".equals(c.get("status"))).isNotEmpty();
        Map<?, ?> totals = (Map<?, ?>) summary.get("totals");
        assertThat(totals.get("failed")).isEqualTo(0);
        assertThat(totals.containsKey("degraded")).isTrue();
        assertThat(summary.get("healthy")).isEqualTo(true);
    }

    @Test
    void checksInsideAnActiveMaintenanceWindowAreSkippedAndNotNotified() throws IOException {
        String start = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(30).truncatedTo(ChronoUnit.MINUTES).toString();
        Map<String, String> settings = notifying(Map.of("sandbox.faults", "db-down",
                "maintenance.windows", start + "/PT2H@UTC=tag:daily"));

        CheckRun.Result result = CheckRun.run(settings, DailyChecks.CLASSES);

        assertThat(result.withStatus("skipped")).isEqualTo(result.byId().keySet());
        assertThat(result.get("database.sql").message()).startsWith("maintenance: planned window " + start + "/PT2H@UTC=tag:daily");
        assertThat(receiver.getAllServeEvents()).as("no notification during maintenance").isEmpty();
        assertThat(summary().get("verdict")).as("a planned silence, not a lost monitor").isEqualTo("MAINTENANCE");
        // the cause travels as data, beside the wording
        assertThat(checks(summary())).allSatisfy(c -> assertThat(c.get("cause")).as("%s", c.get("id")).isEqualTo("maintenance"));
    }

    @Test
    void aWindowCanCoverSomeChecksOnly() {
        String start = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(5).truncatedTo(ChronoUnit.MINUTES).toString();
        CheckRun.Result result = CheckRun.run(Map.of("maintenance.windows", start + "/2h=database.*, frontend.status"),
                DailyChecks.CLASSES);

        assertThat(result.withStatus("skipped")).containsExactlyInAnyOrder("database.project-status", "database.services",
                "database.sql", "frontend.status", "ai-answer.answers", // opt-in, off
                "frontend.renders", "journey.session-kept"); // the browser, switched off in the self-tests
    }

    @Test
    void failureThenSilenceThenReminderThenRecovery() throws IOException {
        Map<String, String> failing = notifying(Map.of("sandbox.faults", "db-down,cors-broken"));

        CheckRun.run(failing, DailyChecks.CLASSES);
        List<LoggedRequest> first = receiver.findAll(postRequestedFor(anyUrl()));
        assertThat(first).as("one message per channel").hasSize(3);
        String slack = body(first, "/slack");
        assertThat(slack).contains("FAILING: 2 AI Query Hub check(s) on local", "Critical (respond within 5 min):",
                "- backend-api.cors: expected", "- database.sql: expected", "Report: https://reports.example/run/42");
        assertThat(body(first, "/bot" + CANARY + "/sendMessage")).contains("\"chat_id\":\"-100123\"");
        Map<String, Object> hook = json(body(first, "/hook"));
        assertThat(hook).containsEntry("event", "failure").containsEntry("environment", "local");
        assertThat((List<?>) hook.get("failures")).hasSize(2);
        assertThat(first).allSatisfy(r -> assertThat(r.getBodyAsString()).doesNotContain(CANARY + "-db"));

        receiver.resetRequests();
        CheckRun.run(failing, DailyChecks.CLASSES);
        assertThat(receiver.findAll(postRequestedFor(anyUrl()))).as("same failures inside the interval: silence").isEmpty();
        assertThat(notifications(summary())).extracting(n -> n.get("event")).containsExactly("suppressed");

        Map<String, String> remindNow = new HashMap<>(failing);
        remindNow.put("notify.reminder-interval", "0s");
        CheckRun.run(remindNow, DailyChecks.CLASSES);
        assertThat(body(receiver.findAll(postRequestedFor(anyUrl())), "/slack")).contains("STILL FAILING (reminder");

        receiver.resetRequests();
        CheckRun.run(notifying(Map.of()), DailyChecks.CLASSES);
        List<LoggedRequest> recovery = receiver.findAll(postRequestedFor(anyUrl()));
        assertThat(recovery).hasSize(3);
        assertThat(body(recovery, "/slack")).contains("RECOVERED", "backend-api.cors", "database.sql");
        assertThat(json(body(recovery, "/hook"))).containsEntry("event", "recovery");

        receiver.resetRequests();
        CheckRun.run(notifying(Map.of()), DailyChecks.CLASSES);
        assertThat(receiver.findAll(postRequestedFor(anyUrl()))).as("healthy after healthy: nothing to say").isEmpty();
    }

    /** Frequent schedules: a page only after failing runs in a row, the all-clear only after passing runs in a row. */
    @Test
    void theAlertPolicyWaitsForRunsInARow() throws IOException {
        Map<String, String> policy = Map.of("notify.after-failures", "2", "notify.after-successes", "2");
        Map<String, String> failing = notifying(Map.of("sandbox.faults", "db-down"));
        failing.putAll(policy);
        Map<String, String> healthy = notifying(policy);

        CheckRun.run(failing, DailyChecks.CLASSES);
        assertThat(receiver.findAll(postRequestedFor(anyUrl()))).as("one failing run: no message yet").isEmpty();
        assertThat(notifications(summary())).singleElement().satisfies(n -> assertThat((String) n.get("detail"))
                .contains("failing run 1 of the 2 in a row"));

        CheckRun.run(healthy, DailyChecks.CLASSES); // a blip: the count starts again
        CheckRun.run(failing, DailyChecks.CLASSES);
        assertThat(receiver.findAll(postRequestedFor(anyUrl()))).as("the blip reset the count").isEmpty();

        CheckRun.run(failing, DailyChecks.CLASSES);
        assertThat(body(receiver.findAll(postRequestedFor(anyUrl())), "/slack")).contains("FAILING: 1 AI Query Hub check(s)");

        receiver.resetRequests();
        CheckRun.run(healthy, DailyChecks.CLASSES);
        assertThat(receiver.findAll(postRequestedFor(anyUrl()))).as("one passing run: no recovery yet").isEmpty();
        CheckRun.run(healthy, DailyChecks.CLASSES);
        assertThat(body(receiver.findAll(postRequestedFor(anyUrl())), "/slack")).contains("RECOVERED", "database.sql");
    }

    /** A monitor that lost its settings tells people, and says so again only as a reminder. */
    @Test
    void aRunThatCheckedNothingIsNotified(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("lost.properties"), "# nothing\n");
        Map<String, String> settings = notifying(Map.of("env.file", empty.toString()));

        CheckRun.run(settings, DailyChecks.CLASSES);

        assertThat(body(receiver.findAll(postRequestedFor(anyUrl())), "/slack"))
                .contains("NOTHING CHECKED: none of the 20 selected checks reached a verdict; settings missing: db.url (DB_URL), "
                        + "frontend.url (FRONTEND_URL)");
    }

    @Test
    void aReceiverThatIsDownIsReportedAndChangesNothingElse() throws IOException {
        Map<String, String> settings = notifying(Map.of("sandbox.faults", "db-down"));
        settings.put("notify.slack.webhook-url", "http://127.0.0.1:" + closedPort() + "/slack");

        CheckRun.Result result = CheckRun.run(settings, DailyChecks.CLASSES);

        assertThat(result.get("database.sql").status()).isEqualTo("failed");
        assertThat(notifications(summary())).anySatisfy(n -> {
            assertThat(n).containsEntry("channel", "slack").containsEntry("delivered", false);
            assertThat((String) n.get("detail")).contains("NOT delivered: no answer (connection refused)");
        }).anySatisfy(n -> assertThat(n).containsEntry("channel", "webhook").containsEntry("delivered", true));
    }

    @Test
    void aSlowReceiverCostsOnlyTheNotificationTimeout() throws IOException {
        // a minute's wait if the run waited for it; the run itself takes seconds even on a busy machine: far from both
        receiver.stubFor(post(urlEqualTo("/slack")).willReturn(aResponse().withStatus(200).withFixedDelay(60_000)));
        Map<String, String> settings = notifying(Map.of("sandbox.faults", "db-down", "notify.timeout", "500ms"));

        Instant start = Instant.now();
        CheckRun.run(settings, DailyChecks.CLASSES);

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(40));
        assertThat(notifications(summary())).anySatisfy(n -> assertThat((String) n.get("detail"))
                .contains("NOT delivered: no answer (timed out: no response within 500 ms)"));
    }

    private Map<String, String> notifying(Map<String, String> base) {
        Map<String, String> s = new HashMap<>(base);
        String url = "http://127.0.0.1:" + receiver.port();
        s.put("notify.slack.webhook-url", url + "/slack");
        s.put("notify.telegram.bot-token", CANARY);
        s.put("notify.telegram.chat-id", "-100123");
        s.put("notify.telegram.api-url", url);
        s.put("notify.webhook.url", url + "/hook");
        s.put("notify.webhook.token", CANARY + "-hook");
        s.put("db.password", CANARY + "-db");
        s.put("report.url", "https://reports.example/run/42");
        s.put("monitor.report.dir", reportDir.toString());
        return s;
    }

    private static String body(List<LoggedRequest> requests, String path) {
        return requests.stream().filter(r -> r.getUrl().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no request to " + path + " among " + requests.stream().map(LoggedRequest::getUrl).toList()))
                .getBodyAsString();
    }

    private Map<String, Object> summary() throws IOException {
        return json(Files.readString(reportDir.resolve("summary.json")));
    }

    private static Map<String, Object> json(String text) {
        return JsonMaps.parse(text);
    }

    private static List<Map<String, Object>> checks(Map<String, Object> summary) {
        return JsonMaps.list(summary, "checks");
    }

    private static List<Map<String, Object>> notifications(Map<String, Object> summary) {
        return JsonMaps.list(summary, "notifications");
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
