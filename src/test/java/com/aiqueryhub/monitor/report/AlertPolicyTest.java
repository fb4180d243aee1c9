package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.RunVerdict;
import com.aiqueryhub.monitor.run.Severity;
import com.aiqueryhub.monitor.run.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert policy as a table: (what was told, runs in a row, this run, time) -> what is sent. No channel, no file. */
class AlertPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    private static final AlertPolicy.Rules ONE_RUN = new AlertPolicy.Rules(1, 1, Duration.ofHours(4));

    @ParameterizedTest(name = "told [{0}], {1} failed / {2} passed before, now failing [{3}], passing [{4}], "
            + "after {5}/{6}, told {7} min ago: {8}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # told before | failed runs | passed runs | failing now | passing now | after-failures | after-successes | told minutes ago | decision
            -            | 0 | 5 | a          | b   | 1 | 1 | -   | send failure
            -            | 0 | 5 | a          | b   | 3 | 1 | -   | withhold pending
            -            | 2 | 0 | a          | b   | 3 | 1 | -   | send failure
            a            | 1 | 0 | a          | b   | 1 | 1 | 30  | withhold suppressed
            a            | 1 | 0 | a          | b   | 1 | 1 | 300 | send reminder
            a            | 1 | 0 | a,b        | -   | 1 | 1 | 30  | send failure
            a            | 1 | 0 | -          | a,b | 1 | 1 | 30  | send recovery
            a            | 1 | 0 | -          | a,b | 1 | 2 | 30  | withhold pending
            a            | 0 | 1 | -          | a,b | 1 | 2 | 30  | send recovery
            -            | 0 | 7 | -          | a,b | 1 | 1 | -   | nothing
            # a failure another cadence found, not judged here: still failing, but nothing new to say
            a            | 1 | 0 | -          | b   | 1 | 1 | 30  | nothing
            """)
    void messagesFollowTheTable(String told, int failedRuns, int passedRuns, String failingNow, String passingNow, int afterFailures,
                                int afterSuccesses, Integer toldMinutesAgo, String decision) {
        Notifier.State previous = new Notifier.State(ids(told), toldMinutesAgo == null ? null
                : NOW.minus(Duration.ofMinutes(toldMinutesAgo)).toString(), failedRuns, passedRuns);
        List<CheckResult> results = new ArrayList<>();
        ids(failingNow).forEach(id -> results.add(ReportFixtures.result(id, Status.FAILED, "expected x; observed y")));
        ids(passingNow).forEach(id -> results.add(ReportFixtures.result(id, Status.PASSED, "")));

        AlertPolicy.Outlook run = AlertPolicy.assess(previous, results, RunVerdict.of(results));
        AlertPolicy.MessageDecision got = AlertPolicy.messages(previous,
                run, new AlertPolicy.Rules(afterFailures, afterSuccesses, Duration.ofHours(4)), NOW);

        String said = got.event() != null ? "send " + got.event() : got.withheld() != null ? "withhold " + got.withheld().event()
                : "nothing";
        assertThat(said).isEqualTo(decision);
    }

    @Test
    void aRunThatCheckedNothingIsAFailureUntilChecksRunAgain() {
        List<CheckResult> skipped = List.of(ReportFixtures.result("a", Status.SKIPPED, "skipped: setting 'x' is not set"));
        AlertPolicy.Outlook run = AlertPolicy.assess(Notifier.State.NONE, skipped, RunVerdict.of(skipped));

        assertThat(run.failingIds()).containsExactly(Notifier.NOTHING_CHECKED);
        assertThat(AlertPolicy.messages(Notifier.State.NONE, run, ONE_RUN, NOW).event()).isEqualTo("failure");
    }

    @Test
    void anIncidentOpensAtItsSeverityAndClosesOnlyWhenJudgedHealthy() {
        CheckResult lowFailure = new CheckResult(ReportFixtures.info("low", "daily", Severity.LOW), Status.FAILED, 1, "x", List.of(),
                List.of());
        List<CheckResult> results = List.of(ReportFixtures.result("high", Status.FAILED, "x"), lowFailure,
                ReportFixtures.result("fixed", Status.PASSED, ""));
        Map<String, Incidents.Open> open = new LinkedHashMap<>();
        open.put("fixed", new Incidents.Open("high", "daily"));
        open.put("not-run", new Incidents.Open("high", "weekly"));
        AlertPolicy.Outlook run = AlertPolicy.assess(new Notifier.State(List.of("fixed", "not-run"), null, 1, 0), results,
                RunVerdict.of(results));

        Incidents.Plan plan = AlertPolicy.incidents(open, Severity.HIGH, run, ONE_RUN);

        assertThat(plan.failing()).extracting(r -> r.info().id()).containsExactly("high");
        // the check another cadence runs stays open: this run did not judge it
        assertThat(plan.resolve()).containsOnlyKeys("fixed");
    }

    @Test
    void noIncidentOpensBeforeTheRunsInARowTheRulesAskFor() {
        List<CheckResult> results = List.of(ReportFixtures.result("high", Status.FAILED, "x"));
        AlertPolicy.Outlook run = AlertPolicy.assess(Notifier.State.NONE, results, RunVerdict.of(results));

        Incidents.Plan plan = AlertPolicy.incidents(Map.of(), Severity.HIGH, run, new AlertPolicy.Rules(2, 1, Duration.ofHours(4)));

        assertThat(plan.failing()).isEmpty();
    }

    private static List<String> ids(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::strip).toList();
    }
}
