package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
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
// among the first started (see pom.xml, surefire's class order): its longest runs must not be the build's last
@org.junit.jupiter.api.Order(3)
class WeeklyChecksSelfTest {

    /**
     * Fewer samples and scrapes closer together than the defaults: the same logic, in a few seconds. The latency limits
     * stay the sandbox's own roomy ones (local.properties), so a busy machine never makes a healthy endpoint slow.
     */
    private static final Map<String, String> QUICK = Map.of(
            "performance.samples", "3",
            "metrics.sample-interval", "300ms");

    /**
     * A small p95 limit, for the runs that prove it: the slow endpoints answer a second after it, and those runs judge
     * only the checks the fault slows (CheckRun.runOnly), so no healthy endpoint is measured against it.
     */
    private static final Map<String, String> SMALL_P95 = Map.of("threshold.p95", "300ms", "threshold.p95-degraded", "300ms");

    @Test
    void healthySandboxTurnsEveryWeeklyCheckGreen() {
        CheckRun.Result result = CheckRun.run(QUICK, WeeklyChecks.CLASSES);

        assertThat(result.byId()).hasSize(13);
        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).isEqualTo(result.byId().keySet());
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("error-rate", Set.of("performance.function-error-rate"), "8.00 % (700 of 8750 calls)"),
                Arguments.of("memory-high", Set.of("performance.db-memory"), "memory used at most 80.0 %; observed 90.0 %"),
                Arguments.of("cpu-high", Set.of("performance.db-cpu"), "CPU busy at most 70.0 %; observed 9"),
                Arguments.of("over-budget", Set.of("cost.daily-spend", "cost.monthly-spend"), "observed $15"),
                Arguments.of("audit-events", Set.of("security-audit.events"), "observed 3 untriaged, newest SUSPICIOUS_ACCESS"),
                // the audit check says why its count would mean nothing, instead of a clean zero
                Arguments.of("rls-violations", Set.of("db-performance.rls-violations"), "observed 2 Postgres errors"),
                // the same faults, their counts quoted by the logs API: the same verdicts (before, a quoted 5xx count read 0)
                Arguments.of("error-rate,logs-quoted-numbers", Set.of("performance.function-error-rate"), "8.00 % (700 of 8750 calls)"),
                Arguments.of("rls-violations,logs-quoted-numbers", Set.of("db-performance.rls-violations"), "observed 2 Postgres errors"));
    }

    @ParameterizedTest(name = "{0} turns only {1} red")
    @MethodSource("faults")
    void eachFaultTurnsOnlyItsChecksRed(String fault, Set<String> expectedRed, String observedText) {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("sandbox.faults", fault);

        CheckRun.assertOnlyRed(CheckRun.run(settings, WeeklyChecks.CLASSES), expectedRed, Set.of(), observedText);
    }

    /**
     * The monitor's own setup, not production: a table the settings name that the schema no longer has, a role that
     * row-level security hides rows from. Not observed, naming what to change; nothing red.
     */
    @ParameterizedTest(name = "{0}: {1} not observed")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            audit-table-missing | security-audit.events | set audit.table to a table that exists
            rls-hidden          | security-audit.events | row-level security hides rows from it
            """)
    void aMonitorSetupFaultIsNotObservedNeverRed(String fault, String check, String text) {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("sandbox.faults", fault);

        CheckRun.assertOnlyNotObserved(CheckRun.run(settings, WeeklyChecks.CLASSES), Set.of(check), text);
    }

    /** The slow functions, judged alone against a small limit: every sample is a second over it, however fast the machine. */
    @Test
    void slowFunctionsFailTheirP95() {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.putAll(SMALL_P95);
        settings.put("sandbox.faults", "slow-functions");
        Set<String> slowed = Set.of("performance.ai-query-p95", "performance.telegram-p95", "performance.slack-p95");

        CheckRun.Result result = CheckRun.runOnly(settings, slowed, WeeklyChecks.CLASSES);

        assertThat(result.byId().keySet()).isEqualTo(slowed);
        CheckRun.assertOnlyRed(result, slowed, Set.of(), "p95 (ms) at most 300");
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
        settings.putAll(SMALL_P95);
        settings.put("sandbox.faults", "frontend-slow");
        settings.put("threshold.frontend.response-time", "300ms"); // the sandbox answers the page 1 s after this limit

        CheckRun.Result result = CheckRun.runOnly(settings, Set.of("performance.frontend-p95"), WeeklyChecks.CLASSES);

        CheckRun.assertOnlyRed(result, Set.of("performance.frontend-p95"), Set.of(), "p95 (ms) at most 300");
    }

    @Test
    void aP95InTheWarningBandIsDegradedNotFailed() {
        Map<String, String> settings = new HashMap<>(QUICK);
        settings.put("threshold.p95-degraded", "0ms");

        CheckRun.Result result = CheckRun.run(settings, WeeklyChecks.CLASSES);

        assertThat(result.withStatus("degraded")).contains("performance.frontend-p95", "performance.ai-query-p95");
        assertThat(result.withStatus("failed")).isEmpty();
        assertThat(result.get("performance.frontend-p95").message())
                .startsWith("degraded: expected p95 (ms) at most 0 (warning band; failure above 20000)");
    }
}
