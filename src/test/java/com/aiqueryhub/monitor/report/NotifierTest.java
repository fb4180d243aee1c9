package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.RunVerdict;
import com.aiqueryhub.monitor.run.Severity;
import com.aiqueryhub.monitor.run.Status;
import com.aiqueryhub.monitor.secret.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.aiqueryhub.monitor.report.ReportFixtures.info;
import static com.aiqueryhub.monitor.report.ReportFixtures.missingSetting;
import static com.aiqueryhub.monitor.report.ReportFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Each test is one receiver on loopback standing in for Slack or a generic webhook, and a few runs in a row. */
class NotifierTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final String REPORT = "https://ci.example/runs/42";

    @TempDir
    Path dir;

    private LoopbackReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = new LoopbackReceiver(200);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private final List<CheckResult> failing = List.of(
            result(info("frontend.status", "daily", Severity.CRITICAL), Status.FAILED, 300,
                    "expected HTTP 200; observed HTTP 503\nremedy: x", List.of(), List.of()),
            result(info("db.size", "daily", Severity.LOW), Status.PASSED, 10, "", List.of(), List.of()));
    private final List<CheckResult> passing = List.of(
            result(info("frontend.status", "daily", Severity.CRITICAL), Status.PASSED, 300, "", List.of(), List.of()));

    /** A notifier whose settings are {@code lines}, as an environment file; the state file lives in the temp folder. */
    private Notifier notifier(String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of(lines));
        all.add("notify.timeout=2s");
        Path env = dir.resolve("team.properties");
        Files.write(env, all, StandardCharsets.UTF_8);
        Settings settings = Settings.load(Map.of("env.file", env.toString()), Map.of());
        return new Notifier(settings, new Masker(settings.secretValues()), dir.resolve("history").resolve("monitor-notify-state.json"),
                REPORT);
    }

    private List<Notifier.Delivery> run(Notifier notifier, List<CheckResult> results, Instant at) throws IOException {
        return notifier.notify(results, RunVerdict.of(results), at);
    }

    private static String slackText(LoopbackReceiver.Request request) {
        return Json.parse(request.body()).orElseThrow().path("text").asText();
    }

    @Test
    void aFailureIsSentOnceThenSuppressedInsideTheReminderIntervalThenRemindedAndRecovered() throws IOException {
        Notifier notifier = notifier("notify.slack.webhook-url=" + receiver.uri("/services/T0/B0/x"), "notify.reminder-interval=4h");

        List<Notifier.Delivery> first = run(notifier, failing, T0);
        assertThat(first).containsExactly(new Notifier.Delivery("slack", "failure", true, "delivered (HTTP 200)"));
        assertThat(receiver.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/services/T0/B0/x");
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(slackText(r)).startsWith("FAILING: 1 AI Query Hub check(s) on ")
                    .contains("Critical (respond within 5 min):\n- frontend.status: expected HTTP 200; observed HTTP 503\n")
                    .doesNotContain("db.size", "remedy")
                    .endsWith("Report: " + REPORT + "\n");
        });

        List<Notifier.Delivery> again = run(notifier, failing, T0.plus(Duration.ofHours(1)));
        assertThat(again).singleElement().satisfies(d -> {
            assertThat(d.event()).isEqualTo("suppressed");
            assertThat(d.delivered()).isFalse();
            assertThat(d.detail()).contains("notified at " + T0, "a reminder follows after 4h");
        });
        assertThat(receiver.requests()).as("nothing sent inside the reminder interval").hasSize(1);

        List<Notifier.Delivery> reminder = run(notifier, failing, T0.plus(Duration.ofHours(5)));
        assertThat(reminder).extracting(Notifier.Delivery::event, Notifier.Delivery::delivered).containsExactly(
                org.assertj.core.groups.Tuple.tuple("reminder", true));
        assertThat(slackText(receiver.requests().get(1))).startsWith("STILL FAILING (reminder, first notified " + T0 + ")");

        List<Notifier.Delivery> recovery = run(notifier, passing, T0.plus(Duration.ofHours(6)));
        assertThat(recovery).containsExactly(new Notifier.Delivery("slack", "recovery", true, "delivered (HTTP 200)"));
        assertThat(slackText(receiver.requests().get(2)))
                .startsWith("RECOVERED: AI Query Hub checks are healthy again on ").contains("(were failing: frontend.status)");

        assertThat(run(notifier, passing, T0.plus(Duration.ofHours(7)))).as("healthy after healthy says nothing").isEmpty();
        assertThat(receiver.requests()).hasSize(3);
    }

    @Test
    void aDifferentFailureIsSentAtOnceEvenInsideTheInterval() throws IOException {
        Notifier notifier = notifier("notify.slack.webhook-url=" + receiver.uri("/slack"));
        run(notifier, failing, T0);
        List<CheckResult> other = List.of(result(info("database.connections", "daily", Severity.HIGH), Status.BROKEN, 5,
                "the check itself failed: NullPointerException", List.of(), List.of()));

        List<Notifier.Delivery> deliveries = run(notifier, other, T0.plus(Duration.ofMinutes(10)));

        assertThat(deliveries).extracting(Notifier.Delivery::event).containsExactly("failure");
        assertThat(slackText(receiver.requests().get(1))).contains("High (respond within 15 min):\n- database.connections:");
    }

    @Test
    void theGenericWebhookGetsTheFailuresAsJsonWithItsBearerToken() throws IOException {
        Notifier notifier = notifier("notify.webhook.url=" + receiver.uri("/hooks/monitor"), "notify.webhook.token=wh-token-123456");

        List<Notifier.Delivery> deliveries = run(notifier, failing, T0);

        assertThat(deliveries).containsExactly(new Notifier.Delivery("webhook", "failure", true, "delivered (HTTP 200)"));
        LoopbackReceiver.Request request = receiver.requests().get(0);
        assertThat(request.path()).isEqualTo("/hooks/monitor");
        assertThat(request.header("Authorization")).isEqualTo("Bearer wh-token-123456");
        JsonNode payload = Json.parse(request.body()).orElseThrow();
        assertThat(payload.path("event").asText()).isEqualTo("failure");
        assertThat(payload.path("environment").asText()).isEqualTo("team"); // the file's stem, never its path
        assertThat(payload.path("reportUrl").asText()).isEqualTo(REPORT);
        assertThat(payload.path("failures")).singleElement().satisfies(f -> {
            assertThat(f.path("id").asText()).isEqualTo("frontend.status");
            assertThat(f.path("severity").asText()).isEqualTo("critical");
            assertThat(f.path("respondWithin").asText()).isEqualTo("5 min");
            assertThat(f.path("status").asText()).isEqualTo("failed");
            assertThat(f.path("message").asText()).isEqualTo("expected HTTP 200; observed HTTP 503");
        });
        assertThat(payload.path("recovered")).isEmpty();

        run(notifier, passing, T0.plus(Duration.ofMinutes(10)));
        JsonNode recovered = Json.parse(receiver.requests().get(1).body()).orElseThrow();
        assertThat(recovered.path("event").asText()).isEqualTo("recovery");
        assertThat(recovered.path("failures")).isEmpty();
        assertThat(recovered.path("recovered").get(0).asText()).isEqualTo("frontend.status");
    }

    @Test
    void aReceiverThatIsDownIsADeliveryNotDeliveredAndTheFailureIsTriedAgainNextRun() throws IOException {
        URI down = LoopbackReceiver.closedPort("/services/T0/B0/secret-part");
        Notifier notifier = notifier("notify.slack.webhook-url=" + down);

        List<Notifier.Delivery> deliveries = run(notifier, failing, T0);

        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.channel()).isEqualTo("slack");
            assertThat(d.event()).isEqualTo("failure");
            assertThat(d.delivered()).isFalse();
            assertThat(d.detail()).startsWith("NOT delivered: no answer").doesNotContain("secret-part");
        });
        assertThat(run(notifier, failing, T0.plus(Duration.ofMinutes(10))))
                .as("an undelivered failure is not suppressed: it was never notified")
                .extracting(Notifier.Delivery::event).containsExactly("failure");
    }

    @Test
    void aReceiverThatAnswersAnErrorIsNotDelivered() throws IOException {
        receiver.answer(500);
        Notifier notifier = notifier("notify.slack.webhook-url=" + receiver.uri("/slack"));

        List<Notifier.Delivery> deliveries = run(notifier, failing, T0);

        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.delivered()).isFalse();
            assertThat(d.detail()).startsWith("NOT delivered: HTTP 500");
        });
    }

    @Test
    void afterFailuresWaitsForFailingRunsInARow() throws IOException {
        Notifier notifier = notifier("notify.slack.webhook-url=" + receiver.uri("/slack"), "notify.after-failures=2");

        assertThat(run(notifier, failing, T0)).singleElement().satisfies(d -> {
            assertThat(d.event()).isEqualTo("pending");
            assertThat(d.delivered()).isFalse();
        });
        assertThat(receiver.requests()).isEmpty();

        assertThat(run(notifier, failing, T0.plus(Duration.ofMinutes(10)))).extracting(Notifier.Delivery::event)
                .containsExactly("failure");
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aRunThatCheckedNothingIsSentAsTheMonitorsOwnEventNotAFailure() throws IOException {
        Notifier notifier = notifier("notify.slack.webhook-url=" + receiver.uri("/slack"));
        List<CheckResult> skipped = List.of(missingSetting(info("db.size", "daily", Severity.HIGH), "db.url"));

        List<Notifier.Delivery> deliveries = run(notifier, skipped, T0);

        assertThat(deliveries).extracting(Notifier.Delivery::event).containsExactly("nothing-checked");
        assertThat(slackText(receiver.requests().get(0))).startsWith("NOTHING CHECKED: none of the 1 selected checks")
                .contains("db.url (DB_URL)");
    }

    @Test
    void withoutAChannelNothingIsSentAndNoStateIsKept() throws IOException {
        Notifier notifier = notifier("notify.reminder-interval=1h");

        assertThat(run(notifier, failing, T0)).isEmpty();
        assertThat(receiver.requests()).isEmpty();
        assertThat(dir.resolve("history").resolve("monitor-notify-state.json")).doesNotExist();
    }
}
