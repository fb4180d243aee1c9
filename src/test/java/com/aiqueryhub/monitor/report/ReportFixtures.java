package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.run.Cause;
import com.aiqueryhub.monitor.run.CheckInfo;
import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.PreflightItem;
import com.aiqueryhub.monitor.run.RunOutcome;
import com.aiqueryhub.monitor.run.RunVerdict;
import com.aiqueryhub.monitor.run.Severity;
import com.aiqueryhub.monitor.run.Status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small synthetic checks and outcomes for the writers' unit tests: no sandbox, no run. */
final class ReportFixtures {

    static final Instant STARTED = Instant.parse("2026-03-02T08:00:00Z");
    static final Instant FINISHED = STARTED.plusMillis(4_250);
    static final RunOutcome.Timing TIMING = new RunOutcome.Timing(310, 120, 3_800);
    static final RunOutcome.Calls CALLS = new RunOutcome.Calls(5, 2, Map.of(
            "GET /rest/v1/queries", new RunOutcome.Endpoint(3, 3),
            "GET /v1/projects/ref/health", new RunOutcome.Endpoint(2, 0)));

    private ReportFixtures() {
    }

    static CheckInfo info(String id, String cadence, Severity severity) {
        return new CheckInfo(id, "name of " + id, cadence, severity, "remedy of " + id, "Morning Health Check", "step of " + id,
                null, "https://runbook.example/" + id, List.of(), List.of(), null);
    }

    static CheckInfo manualInfo(String id) {
        return new CheckInfo(id, "name of " + id, "daily", Severity.LOW, "remedy", "Morning Health Check", "step of " + id, null,
                "https://runbook.example/" + id, List.of(), List.of(), new CheckInfo.ManualInfo("needs a person", "https://dash.example"));
    }

    static CheckResult result(String id, Status status, String message, CheckResult.Figure... figures) {
        return new CheckResult(info(id, "daily", Severity.HIGH), status, 120, message, List.of(figures), List.of());
    }

    static CheckResult result(CheckInfo info, Status status, long durationMs, String message, List<CheckResult.Figure> figures,
                              List<String> retries) {
        return new CheckResult(info, status, durationMs, message, figures, retries);
    }

    /** A check skipped for a missing setting, its cause carried as data (as the run records it). */
    static CheckResult missingSetting(CheckInfo info, String key) {
        return new CheckResult(info, Status.SKIPPED, 2, "skipped: setting '" + key + "' is not set", List.of(), List.of(),
                Cause.missing(List.of(key)));
    }

    static CheckResult.Figure figure(String name, double value, String unit) {
        return new CheckResult.Figure(name, value, unit);
    }

    static RunOutcome outcome(String environment, boolean loaded, List<CheckResult> results) {
        return outcome(environment, loaded, results, List.of());
    }

    static RunOutcome outcome(String environment, boolean loaded, List<CheckResult> results, List<PreflightItem> preflight) {
        return new RunOutcome(environment, "eu-west-1", loaded, "daily", STARTED, FINISHED, results, RunVerdict.of(results), TIMING,
                CALLS, preflight);
    }
}
