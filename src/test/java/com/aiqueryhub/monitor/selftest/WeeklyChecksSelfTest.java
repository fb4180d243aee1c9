package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves every weekly check: green on the healthy sandbox, red on exactly the fault it exists for. */
@Tag("alone") // its runs judge response times (p95): in the build's one-at-a-time pass, never beside others
class WeeklyChecksSelfTest {

    /** Tighter limits and fewer samples than the defaults: the same logic, in a few seconds (this class runs alone). */
    private static final Map<String, String> QUICK = Map.of(
            "performance.samples", "3",
            "threshold.p95", "800ms",
            "threshold.p95-degraded", "500ms",
            "metrics.sample-interval", "300ms");

    @Test
    void healthySandboxTurnsEveryWeeklyCheckGreen() {
        CheckRun.Result result = CheckRun.run(QUICK, WeeklyChecks.CLASSES);

        assertThat(result.byId()).hasSize(13);
        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).isEqualTo(result.byId().keySet());
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("slow-functions", Set.of("performance.ai-query-p95", "performance.telegram-p95", "performance.slack-p95"),
                        "p95 (ms) at most 800"),
                Arguments.of("error-rate", Set.of("performance.function-error-rate"), "8.00 % (700 of 8750 calls)"),
                Arguments.of("memory-high", Set.of("performance.db-memory"), "memory used at most 80.0 %; observed 90.0 %"),
                Arguments.of("cpu-high", Set.of("performance.db-cpu"), "CPU busy at most 70.0 %; observed 9"),
                Arguments.of("over-budget", Set.of("cost.daily-spend", "cost.monthly-spend"), "observed $15"),
                Arguments.of("audit-events", Set.of("security-audit.events"), "observed 3 untriaged, newest SUSPICIOUS_ACCESS"),
                // the audit check says why its count would mean nothing, instead of a clean zero
                Arguments.of("audit-table-missing", Set.of("security-audit.events"), "the runbook's SQL is stale"),
                Arguments.of("rls-hidden", Set.of("security-audit.events"), "row-level security hides rows"),
                Arguments.of("rls-violations", Set.of("db-performance.rls-violations"), "observed 2 Postgres errors"));
    }

    @ParameterizedTest(name = "{0} turns only {1} red")
    @MethodSource("faults")
    void eachFaultTurnsOnlyItsChecksRed(String fault, Set<String> expectedRed, String observedText) {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("sandbox.faults", fault);

        CheckRun.assertOnlyRed(CheckRun.run(settings, WeeklyChecks.CLASSES), expectedRed, Set.of(), observedText);
    }

    /** A table without triage (the runbook's audit_logs shape): every event counts, closed or not. */
    @Test
    void withoutATriageColumnEveryEventCounts() {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("sandbox.faults", "audit-events-triaged");
        settings.put("audit.status-column", "none");

        CheckRun.assertOnlyRed(CheckRun.run(settings, WeeklyChecks.CLASSES), Set.of("security-audit.events"), Set.of(),
                "untriaged events (no triage column (audit.status-column=none): every event)");
    }

    /** Forty triaged incidents in a week after four quiet ones: worth a look (degraded), not a page. */
    @Test
    void aWeekFarBusierThanTheFourBeforeIsDegraded() {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("sandbox.faults", "audit-volume-spike");

        CheckRun.Result result = CheckRun.run(settings, WeeklyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("degraded")).containsExactly("security-audit.events");
        assertThat(result.get("security-audit.events").message()).contains("expected at most 3.0 times the weekly mean of the "
                + "4 weeks before (2.0 events) this week; observed 40 events (0 untriaged; 40 triaged (among the 20 newest: "
                + "FALSE_POSITIVE 20; listed for review))");
    }

    /** Counters that have not moved yet are the Metrics API's pace, not a sick database: never red. */
    @Test
    void cpuCountersThatDoNotMoveAreNotAFailure() {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("sandbox.faults", "metrics-frozen");
        settings.put("metrics.max-wait", "1s");

        CheckRun.Result result = CheckRun.run(settings, WeeklyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("degraded")).containsExactly("performance.db-cpu");
        assertThat(result.get("performance.db-cpu").message()).contains("observed the same counters in every scrape");
    }

    /** A busy database restarted between the scrapes (counters reset, more CPUs) is still measured busy: red. */
    @Test
    void aBusyDatabaseRestartedBetweenTheScrapesIsStillRed() {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("sandbox.faults", "cpu-high,db-restarted");

        CheckRun.Result result = CheckRun.run(settings, WeeklyChecks.CLASSES);

        assertThat(result.withStatus("failed")).containsExactly("performance.db-cpu");
        assertThat(result.get("performance.db-cpu").message()).contains("observed 92.0 %");
    }

    /** Scrapes closer together than the endpoint's refresh see equal counters; the check waits for them to move. */
    @Test
    void cpuIsMeasuredOnceTheCountersMove() {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("sandbox.metrics-refresh", "1500ms"); // scrapes every 300 ms: four see no change first
        settings.put("sandbox.faults", "cpu-high");

        CheckRun.Result result = CheckRun.run(settings, WeeklyChecks.CLASSES);

        assertThat(result.withStatus("failed")).containsExactly("performance.db-cpu");
        assertThat(result.get("performance.db-cpu").message()).contains("observed 92.0 %");
    }

    @Test
    void spendIsReadFromEveryProviderWithAKeyAndTheSourceIsNamed() {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("budget.daily-usd", "11.99"); // a cent under today's $3.60 + $6.00 + $2.40

        CheckRun.Result result = CheckRun.run(settings, WeeklyChecks.CLASSES);

        assertThat(result.withStatus("failed")).containsExactly("cost.daily-spend");
        assertThat(result.get("cost.daily-spend").message())
                .contains("observed $12.00 from openrouter, anthropic, openai billing");
    }

    @Test
    void spendCanComeFromATeamsOwnQueryInstead() {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("cost.source", "sql");
        settings.put("cost.query", "select 'anthropic' as provider, 'claude' as model, 61.5 as today_usd, 900.0 as month_usd");

        CheckRun.Result result = CheckRun.run(settings, WeeklyChecks.CLASSES);

        assertThat(result.withStatus("failed")).containsExactly("cost.daily-spend");
        assertThat(result.get("cost.daily-spend").message()).contains("observed $61.50 from the database (cost.query)");
        assertThat(result.get("cost.monthly-spend").status()).isEqualTo("degraded");
    }

    @Test
    void aSlowFrontEndFailsItsP95() {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("sandbox.faults", "frontend-slow");
        settings.put("threshold.frontend.response-time", "300ms"); // the sandbox answers 1 s after this limit

        CheckRun.assertOnlyRed(CheckRun.run(settings, WeeklyChecks.CLASSES), Set.of("performance.frontend-p95"), Set.of(),
                "p95 (ms) at most 800");
    }

    @Test
    void aP95InTheWarningBandIsDegradedNotFailed() {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("threshold.p95-degraded", "0ms");

        CheckRun.Result result = CheckRun.run(settings, WeeklyChecks.CLASSES);

        assertThat(result.withStatus("degraded")).contains("performance.frontend-p95", "performance.ai-query-p95");
        assertThat(result.withStatus("failed")).isEmpty();
        assertThat(result.get("performance.frontend-p95").message())
                .startsWith("degraded: expected p95 (ms) at most 0 (warning band; failure above 800)");
    }
}
