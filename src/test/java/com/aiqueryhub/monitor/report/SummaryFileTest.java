package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.RunOutcome;
import com.aiqueryhub.monitor.run.Severity;
import com.aiqueryhub.monitor.run.Status;
import com.aiqueryhub.monitor.secret.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.aiqueryhub.monitor.report.ReportFixtures.figure;
import static com.aiqueryhub.monitor.report.ReportFixtures.info;
import static com.aiqueryhub.monitor.report.ReportFixtures.missingSetting;
import static com.aiqueryhub.monitor.report.ReportFixtures.manualInfo;
import static com.aiqueryhub.monitor.report.ReportFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

class SummaryFileTest {

    private static final String SECRET = "sk-live-9f8e7d6c5b4a";

    @TempDir
    Path dir;

    private final List<CheckResult> results = List.of(
            result(info("frontend.status", "daily", Severity.CRITICAL), Status.PASSED, 850, "",
                    List.of(figure("p95-ms", 412.5, "ms"), figure("errors", 0, "requests")), List.of("attempt 1: connection reset")),
            result(info("database.connections", "daily", Severity.HIGH), Status.FAILED, 1_200,
                    "expected at most 80 % of max_connections; observed 97 %\nremedy: x", List.of(), List.of("attempt 1: timed out")),
            result(info("ai.latency", "daily", Severity.MEDIUM), Status.DEGRADED, 300, "degraded: p95 1800 ms", List.of(), List.of()),
            missingSetting(info("db.size", "daily", Severity.LOW), "db.url"),
            result(manualInfo("logs.review"), Status.MANUAL, 0, "manual step: look at the logs", List.of(), List.of()));

    private JsonNode write(RunOutcome outcome, List<Notifier.Delivery> deliveries, SummaryFile.Metrics metrics, Masker masker)
            throws IOException {
        Path file = dir.resolve("reports").resolve("summary.json");
        SummaryFile.write(file, outcome, deliveries, metrics, masker);
        return Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void writesTheVerdictTotalsPerStatusAndChecksRunWithoutManualSteps() throws IOException {
        RunOutcome outcome = ReportFixtures.outcome("staging", true, results);

        JsonNode summary = write(outcome, List.of(), null, Masker.none());

        assertThat(summary.path("environment").asText()).isEqualTo("staging");
        assertThat(summary.path("tagExpression").asText()).isEqualTo("daily");
        assertThat(summary.path("startedAt").asText()).isEqualTo("2026-03-02T08:00:00Z");
        assertThat(summary.path("durationMs").asLong()).isEqualTo(4_250);
        assertThat(summary.path("verdict").asText()).isEqualTo("UNHEALTHY");
        assertThat(summary.path("verdictLine").asText()).isEqualTo(outcome.verdict().line())
                .startsWith("UNHEALTHY: 1 of 4 checks need attention").contains("database.connections")
                .endsWith("1 manual step listed for people");
        assertThat(summary.path("healthy").asBoolean(true)).isFalse();
        assertThat(summary.has("reason")).isFalse();
        assertThat(summary.path("checksRun").asLong()).isEqualTo(4);
        JsonNode totals = summary.path("totals");
        assertThat(totals.path("passed").asLong()).isEqualTo(1);
        assertThat(totals.path("failed").asLong()).isEqualTo(1);
        assertThat(totals.path("broken").asLong()).isZero();
        assertThat(totals.path("degraded").asLong()).isEqualTo(1);
        assertThat(totals.path("skipped").asLong()).isEqualTo(1);
        assertThat(totals.path("manual").asLong()).isEqualTo(1);
        assertThat(summary.path("timing").path("checkPhaseMs").asLong()).isEqualTo(3_800);
    }

    @Test
    void aHealthyRunSaysSoAndANothingCheckedRunGivesItsReason() throws IOException {
        JsonNode healthy = write(ReportFixtures.outcome("staging", true, List.of(results.get(0))), List.of(), null, Masker.none());
        assertThat(healthy.path("verdict").asText()).isEqualTo("HEALTHY");
        assertThat(healthy.path("healthy").asBoolean()).isTrue();

        JsonNode nothing = write(ReportFixtures.outcome("staging", true, List.of(results.get(3))), List.of(), null, Masker.none());
        assertThat(nothing.path("verdict").asText()).isEqualTo("NOTHING CHECKED");
        assertThat(nothing.path("healthy").asBoolean(true)).isFalse();
        assertThat(nothing.path("reason").asText()).contains("db.url (DB_URL)");
    }

    @Test
    void writesEachCheckWithItsFiguresRetriesAndWhetherItPassedAfterARetry() throws IOException {
        JsonNode checks = write(ReportFixtures.outcome("staging", true, results), List.of(), null, Masker.none()).path("checks");

        assertThat(checks).hasSize(5);
        JsonNode passed = checks.get(0);
        assertThat(passed.path("id").asText()).isEqualTo("frontend.status");
        assertThat(passed.path("name").asText()).isEqualTo("name of frontend.status");
        assertThat(passed.path("cadence").asText()).isEqualTo("daily");
        assertThat(passed.path("status").asText()).isEqualTo("passed");
        assertThat(passed.path("severity").asText()).isEqualTo("critical");
        assertThat(passed.path("respondWithin").asText()).isEqualTo("5 min");
        assertThat(passed.path("durationMs").asLong()).isEqualTo(850);
        assertThat(passed.path("runbook").asText()).isEqualTo("https://runbook.example/frontend.status");
        assertThat(passed.path("figures").path("p95-ms").asDouble()).isEqualTo(412.5);
        assertThat(passed.path("figures").path("errors").asDouble()).isZero();
        assertThat(passed.path("retries").get(0).asText()).isEqualTo("attempt 1: connection reset");
        assertThat(passed.path("passedAfterRetry").asBoolean()).isTrue();

        JsonNode failed = checks.get(1);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("message").asText()).startsWith("expected at most 80 %");
        assertThat(failed.path("passedAfterRetry").asBoolean(true)).isFalse();
        assertThat(failed.has("figures")).isFalse();

        JsonNode degraded = checks.get(2);
        assertThat(degraded.path("status").asText()).isEqualTo("degraded");
        assertThat(degraded.has("retries")).isFalse();
        assertThat(degraded.has("passedAfterRetry")).isFalse();

        assertThat(checks.get(3).path("status").asText()).isEqualTo("skipped");
        assertThat(checks.get(4).path("status").asText()).isEqualTo("manual");
    }

    @Test
    void writesNotificationsCallsAndWhereTheMetricsWent() throws IOException {
        List<Notifier.Delivery> deliveries = List.of(new Notifier.Delivery("slack", "failure", true, "delivered (HTTP 200)"),
                new Notifier.Delivery("webhook", "failure", false, "NOT delivered: no answer (connection refused)"));
        SummaryFile.Metrics metrics = new SummaryFile.Metrics("reports/metrics.prom", "eu-west-1", false, "NOT pushed to http://pgw");

        JsonNode summary = write(ReportFixtures.outcome("staging", true, results), deliveries, metrics, Masker.none());

        JsonNode notifications = summary.path("notifications");
        assertThat(notifications).hasSize(2);
        assertThat(notifications.get(0).path("channel").asText()).isEqualTo("slack");
        assertThat(notifications.get(0).path("event").asText()).isEqualTo("failure");
        assertThat(notifications.get(0).path("delivered").asBoolean()).isTrue();
        assertThat(notifications.get(1).path("delivered").asBoolean(true)).isFalse();
        assertThat(notifications.get(1).path("detail").asText()).contains("connection refused");

        JsonNode calls = summary.path("calls");
        assertThat(calls.path("total").asInt()).isEqualTo(5);
        assertThat(calls.path("managementApi").asInt()).isEqualTo(2);
        assertThat(calls.path("byEndpoint").path("GET /rest/v1/queries").path("calls").asInt()).isEqualTo(3);
        assertThat(calls.path("byEndpoint").path("GET /rest/v1/queries").path("withJwtCredential").asInt()).isEqualTo(3);

        assertThat(summary.path("metrics").path("file").asText()).isEqualTo("reports/metrics.prom");
        assertThat(summary.path("metrics").path("location").asText()).isEqualTo("eu-west-1");
        assertThat(summary.path("metrics").path("pushed").asBoolean(true)).isFalse();
        assertThat(summary.path("metrics").path("pushDetail").asText()).isEqualTo("NOT pushed to http://pgw");
    }

    @Test
    void leavesOutMetricsWhenTheRunWroteNone() throws IOException {
        JsonNode summary = write(ReportFixtures.outcome("staging", true, results), List.of(), null, Masker.none());

        assertThat(summary.has("metrics")).isFalse();
        assertThat(summary.path("notifications")).isEmpty();
    }

    @Test
    void masksASecretValueWhereverItAppears() throws IOException {
        List<CheckResult> leaky = List.of(result("edge.ai-query", Status.FAILED, "expected HTTP 200; observed HTTP 401 for key "
                + SECRET + "\nremedy: rotate"));
        List<Notifier.Delivery> deliveries = List.of(new Notifier.Delivery("webhook", "failure", false,
                "NOT delivered: https://hooks.example/" + SECRET));

        SummaryFile.write(dir.resolve("summary.json"), ReportFixtures.outcome("staging", true, leaky), deliveries, null,
                new Masker(List.of(SECRET)));

        String text = Files.readString(dir.resolve("summary.json"), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(SECRET).contains("observed HTTP 401 for key ****", "https://hooks.example/****");
        assertThat(Json.parse(text)).as("still valid JSON after masking").isPresent();
    }
}
