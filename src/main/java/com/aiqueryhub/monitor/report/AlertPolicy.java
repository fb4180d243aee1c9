package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.RunVerdict;
import com.aiqueryhub.monitor.run.Severity;
import com.aiqueryhub.monitor.run.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * When people are told, as a pure function of the previous state, this run's results and the time: no channel, no file,
 * no clock of its own. The {@link Notifier} reads the state, asks here, sends what is decided and writes the state back.
 * The rules are Gatus's failure and success thresholds (runs in a row before a message, before a recovery), a reminder
 * interval for the same failures, and which run may close what.
 */
final class AlertPolicy {

    /** The policy's settings: notify.after-failures, notify.after-successes, notify.reminder-interval. */
    record Rules(int afterFailures, int afterSuccesses, Duration reminderInterval) {
        Rules {
            afterFailures = Math.max(1, afterFailures);
            afterSuccesses = Math.max(1, afterSuccesses);
        }
    }

    /**
     * This run as the policy sees it.
     *
     * @param failing        the checks this run found failing or broken, worst first
     * @param failingIds     those, the failures earlier runs found that this run did not judge healthy again, and the
     *                       marker of a run that checked nothing
     * @param judgedOk       the checks this run judged healthy (passed or degraded): only these may close anything
     * @param nothingChecked the verdict line of a run that checked nothing, else null
     */
    record Outlook(List<CheckResult> failing, TreeSet<String> failingIds, Set<String> judgedOk, String nothingChecked,
                   int failedRuns, int passedRuns) {
    }

    /** For the message channels: the event to send (failure, reminder, recovery), or why nothing is sent now. */
    record MessageDecision(String event, Notifier.Delivery withheld) {
        static final MessageDecision NOTHING = new MessageDecision(null, null);

        static MessageDecision send(String event) {
            return new MessageDecision(event, null);
        }

        static MessageDecision withhold(String event, String why) {
            return new MessageDecision(null, new Notifier.Delivery("all", event, false, why));
        }
    }

    private AlertPolicy() {
    }

    /** This run's outlook, carried over from {@code previous}. */
    static Outlook assess(Notifier.State previous, List<CheckResult> results, RunVerdict verdict) {
        List<CheckResult> failing = results.stream().filter(CheckResult::bad).sorted(CheckResult.WORST_FIRST).toList();
        TreeSet<String> failingIds = failing.stream().map(r -> r.info().id()).collect(Collectors.toCollection(TreeSet::new));
        // a monitor that lost its settings, cannot reach anything (BLIND) or could not start as asked (MISCONFIGURED) must
        // say so in its own words, not stay silent as if healthy; it opens and closes no production incident
        String nothingChecked = verdict.kind() == RunVerdict.Kind.NOTHING_CHECKED || verdict.monitorSide() ? verdict.line() : null;
        if (nothingChecked != null) {
            failingIds.add(Notifier.NOTHING_CHECKED);
        }
        // a failure this run did not judge again (another cadence's check, one skipped here) is still a failure: a smoke
        // run every ten minutes never "recovers" the database check the daily run found failing
        Set<String> judgedOk = results.stream().filter(r -> r.status() == Status.PASSED || r.status() == Status.DEGRADED)
                .map(r -> r.info().id()).collect(Collectors.toSet());
        for (String earlier : previous.failing()) {
            if (!judgedOk.contains(earlier) && !(earlier.equals(Notifier.NOTHING_CHECKED) && nothingChecked == null)) {
                failingIds.add(earlier);
            }
        }
        int failedRuns = failingIds.isEmpty() ? 0 : previous.failedRuns() + 1;
        int passedRuns = failingIds.isEmpty() ? previous.passedRuns() + 1 : 0;
        return new Outlook(failing, failingIds, judgedOk, nothingChecked, failedRuns, passedRuns);
    }

    /** Slack, Telegram and the webhook: one message per run with news. */
    static MessageDecision messages(Notifier.State previous, Outlook run, Rules rules, Instant now) {
        if (run.failing().isEmpty() && run.nothingChecked() == null && !run.failingIds().isEmpty()) {
            return MessageDecision.NOTHING; // only failures an earlier run of another cadence found: nothing new to say
        }
        TreeSet<String> previousIds = new TreeSet<>(previous.failing());
        if (!run.failingIds().isEmpty()) {
            if (previousIds.isEmpty() && run.failedRuns() < rules.afterFailures()) {
                return MessageDecision.withhold("pending", "failing run " + run.failedRuns() + " of the " + rules.afterFailures()
                        + " in a row that notify.after-failures asks for before a message");
            }
            boolean same = run.failingIds().equals(previousIds);
            Instant notifiedAt = Optional.ofNullable(previous.notifiedAt()).map(Instant::parse).orElse(null);
            if (same && notifiedAt != null && now.isBefore(notifiedAt.plus(rules.reminderInterval()))) {
                return MessageDecision.withhold("suppressed", "the same " + run.failingIds().size()
                        + " failure(s) as the previous run were notified at " + notifiedAt + "; a reminder follows after "
                        + human(rules.reminderInterval()));
            }
            return MessageDecision.send(same ? "reminder" : "failure");
        }
        if (previousIds.isEmpty()) {
            return MessageDecision.NOTHING;
        }
        if (run.passedRuns() < rules.afterSuccesses()) {
            return MessageDecision.withhold("pending", "passing run " + run.passedRuns() + " of the " + rules.afterSuccesses()
                    + " in a row that notify.after-successes asks for before the recovery message");
        }
        return MessageDecision.send("recovery");
    }

    /**
     * Alertmanager and PagerDuty, one channel: each failing check at or above {@code least} is opened (again every run:
     * both deduplicate) once the failures are due; each open one this run judged healthy is closed, at once while other
     * checks still fail, after notify.after-successes healthy runs when the whole run is healthy.
     */
    static Incidents.Plan incidents(Map<String, Incidents.Open> open, Severity least, Outlook run, Rules rules) {
        List<CheckResult> firing = run.failing().stream().filter(r -> r.info().severity().atLeast(least)).toList();
        boolean due = !firing.isEmpty() && (run.failedRuns() >= rules.afterFailures() || !open.isEmpty());
        Map<String, Incidents.Open> resolve = new LinkedHashMap<>();
        if (!run.failing().isEmpty() || run.passedRuns() >= rules.afterSuccesses()) {
            open.forEach((id, o) -> {
                if (run.judgedOk().contains(id)) {
                    resolve.put(id, o);
                }
            });
        }
        return new Incidents.Plan(due ? firing : List.of(), resolve);
    }

    private static String human(Duration d) {
        return d.toHours() > 0 && d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
