package com.aiqueryhub.monitor.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One place decides the verdict: production's trouble (UNHEALTHY) apart from the monitor's own (BLIND, MISCONFIGURED, not observed). */
class RunVerdictTest {

    @Test
    void aDegradedCheckMakesTheRunDegradedAndItStillPasses() {
        RunVerdict verdict = RunVerdict.of(List.of(result("a", Status.PASSED, Cause.NONE), result("b", Status.DEGRADED, Cause.NONE)));

        assertThat(verdict.kind()).isEqualTo(RunVerdict.Kind.DEGRADED);
        assertThat(verdict.line()).isEqualTo("DEGRADED: 2 checks, 1 degraded");
        assertThat(verdict.passes()).isTrue();
        assertThat(verdict.healthy()).isTrue();
    }

    @Test
    void aCheckNotObservedIsNamedWithItsCauseAndTheRunDoesNotPass() {
        RunVerdict verdict = RunVerdict.of(List.of(result("a", Status.PASSED, Cause.NONE),
                result("b", Status.NOT_OBSERVED, Cause.monitorSetting("supabase.access-token"))));

        assertThat(verdict.kind()).isEqualTo(RunVerdict.Kind.HEALTHY);
        assertThat(verdict.line()).isEqualTo("HEALTHY: 1 of 2 checked; 1 not observed: the monitor's setting supabase.access-token");
        assertThat(verdict.passes()).as("the monitor's owner must act").isFalse();
        assertThat(verdict.monitorSide()).isFalse();
    }

    @Test
    void aRunnerThatReachesNothingIsBlindUnlessProductionFailedToo() {
        Cause network = new Cause(Cause.Kind.RUNNER_NETWORK, List.of(), "this runner cannot resolve any name (production and 1 "
                + "reference): the runner's DNS or network, not production");
        RunVerdict blind = RunVerdict.of(List.of(result("a", Status.NOT_OBSERVED, network), result("b", Status.PASSED, Cause.NONE)));

        assertThat(blind.kind()).isEqualTo(RunVerdict.Kind.BLIND);
        assertThat(blind.line()).startsWith("BLIND: this runner cannot resolve any name");
        assertThat(blind.monitorSide()).isTrue();
        assertThat(blind.passes()).isFalse();

        RunVerdict failed = RunVerdict.of(List.of(result("a", Status.NOT_OBSERVED, network), result("b", Status.FAILED, Cause.NONE)));
        assertThat(failed.kind()).isEqualTo(RunVerdict.Kind.UNHEALTHY);
    }

    @Test
    void aRunThatCouldNotStartIsOneMisconfiguredLine() {
        Cause start = new Cause(Cause.Kind.RUN_MISCONFIGURED, List.of(), "unknown environment 'prodution'");
        RunVerdict verdict = RunVerdict.of(List.of(result("a", Status.SKIPPED, start), result("b", Status.SKIPPED, start)));

        assertThat(verdict.line()).isEqualTo("MISCONFIGURED: unknown environment 'prodution'");
        assertThat(verdict.monitorSide()).isTrue();
    }

    @Test
    void aTagExpressionThatSelectsNothingNamesEveryGroup() {
        RunVerdict verdict = RunVerdict.of(List.of(), "dayly");

        assertThat(verdict.kind()).isEqualTo(RunVerdict.Kind.MISCONFIGURED);
        assertThat(verdict.line()).startsWith("MISCONFIGURED: no check was selected by the tag expression 'dayly': use -Dgroups=")
                .contains("smoke", "daily", "weekly", "monthly", "emergency", "predeploy", "postdeploy", "preflight");
    }

    private static CheckResult result(String id, Status status, Cause cause) {
        CheckInfo info = new CheckInfo(id, "name of " + id, "daily", Severity.HIGH, "remedy", "Morning Health Check", "step", null,
                "https://runbook.example/" + id, List.of(), List.of(), null);
        return new CheckResult(info, status, 1, status == Status.PASSED ? "" : "message of " + id, List.of(), List.of(), cause);
    }
}
