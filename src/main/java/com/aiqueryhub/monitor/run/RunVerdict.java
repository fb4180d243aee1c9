package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.config.Setting;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run says about itself, in one line: how many checks reached a verdict, how many did not, and the worst.
 * A run in which no selected check reached a verdict is not healthy: it says NOTHING CHECKED and why (the settings
 * that were missing), and fails, so a monitor that lost its settings can never stay green. Manual steps are counted
 * apart: they are runbook lines for people, never checks.
 */
public record RunVerdict(Kind kind, String line, String reason) {

    public enum Kind {
        HEALTHY("HEALTHY"),
        /** Healthy, with checks over a warning band: nobody is paged, the figures are worth a look. */
        DEGRADED("DEGRADED"),
        UNHEALTHY("UNHEALTHY"), NOTHING_CHECKED("NOTHING CHECKED"), MAINTENANCE("MAINTENANCE"),
        NO_CHECK_RAN("NO CHECK RAN"),
        /** The runner reaches no name at all: its own network, not production's (nothing failed, nobody paged). */
        BLIND("BLIND"),
        /** The run could not start as asked (an unknown environment, fault or group): one line, nothing looked at. */
        MISCONFIGURED("MISCONFIGURED"),
        /** A preflight: whether the monitor fits a deployment, in its own words; it says nothing of production's health. */
        PREFLIGHT("PREFLIGHT");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * Whether the run's exit status may be 0: healthy with every selected check observed, or every check inside a
     * planned maintenance window. A check not observed makes the job red: its owner, the monitor's, must act.
     */
    public boolean passes() {
        return (healthy() && reason == null) || kind == Kind.MAINTENANCE || (kind == Kind.PREFLIGHT && reason == null);
    }

    /** Healthy or degraded: every check production was judged by passed (some over a warning band). */
    public boolean healthy() {
        return kind == Kind.HEALTHY || kind == Kind.DEGRADED;
    }

    /** A run the monitor's own trouble decided (blind, misconfigured): it must never page production's on-call. */
    public boolean monitorSide() {
        return kind == Kind.BLIND || kind == Kind.MISCONFIGURED || kind == Kind.PREFLIGHT;
    }

    /** Every group a run may select with -Dgroups (JUnit tag expressions of them work too). */
    public static final List<String> GROUPS = List.of("smoke", "daily", "weekly", "monthly", "emergency", "predeploy", "postdeploy",
            "preflight");

    public static RunVerdict of(List<CheckResult> all) {
        return of(all, "");
    }

    /** The verdict of a run of {@code tagExpression} (-Dgroups) that ended with {@code all}. */
    public static RunVerdict of(List<CheckResult> all, String tagExpression) {
        List<CheckResult> checks = all.stream().filter(r -> r.status() != Status.MANUAL).toList();
        long manual = all.size() - checks.size();
        String manualNote = manual == 0 ? "" : "; " + manual + " manual step" + (manual == 1 ? "" : "s") + " listed for people";
        if (checks.isEmpty() && manual == 0) {
            String why = noCheckSelected(tagExpression);
            return new RunVerdict(Kind.MISCONFIGURED, "MISCONFIGURED: " + why, why);
        }
        if (checks.isEmpty()) {
            return new RunVerdict(Kind.NO_CHECK_RAN, "NO CHECK RAN" + manualNote, "the tag expression selected manual steps only");
        }
        if (checks.stream().allMatch(r -> r.info().isPreflight())) {
            return preflight(checks);
        }
        List<CheckResult> bad = checks.stream().filter(r -> r.status() == Status.FAILED
                || r.status() == Status.BROKEN).sorted(CheckResult.WORST_FIRST).toList();
        List<CheckResult> notObserved = checks.stream().filter(r -> r.status() == Status.NOT_OBSERVED).toList();
        long skipped = count(checks, Status.SKIPPED);
        long degraded = count(checks, Status.DEGRADED);
        long checked = checks.size() - skipped - notObserved.size();
        Optional<CheckResult> runMisconfigured = checks.stream()
                .filter(r -> r.cause().kind() == Cause.Kind.RUN_MISCONFIGURED).findFirst();
        if (runMisconfigured.isPresent()) {
            String why = runMisconfigured.get().cause().detail();
            return new RunVerdict(Kind.MISCONFIGURED, "MISCONFIGURED: " + why, why);
        }
        String notObservedNote = notObserved.isEmpty() ? "" : "; " + notObserved.size() + " not observed: " + notObserved.stream()
                .map(r -> r.cause().words()).distinct().collect(Collectors.joining("; "));
        Optional<CheckResult> neverReached = notObserved.stream().filter(r -> r.cause().kind() == Cause.Kind.NEVER_REACHED).findFirst();
        if (bad.isEmpty() && neverReached.isPresent()) {
            String why = neverReached.get().cause().detail();
            return new RunVerdict(Kind.MISCONFIGURED, "MISCONFIGURED: " + why + manualNote, why);
        }
        List<CheckResult> settingsLost = notObserved.stream().filter(r -> r.cause().kind() == Cause.Kind.MISSING_SETTING).toList();
        if (bad.isEmpty() && !settingsLost.isEmpty()) {
            // strict mode: a setting the monitor lacks is its own trouble (production's findings, when any, still come first)
            String why = reason(settingsLost);
            return new RunVerdict(Kind.MISCONFIGURED, "MISCONFIGURED: " + settingsLost.size() + " of " + checks.size()
                    + " checks could not look; " + why + manualNote, why);
        }
        if (bad.isEmpty() && notObserved.stream().anyMatch(r -> r.cause().kind() == Cause.Kind.RUNNER_NETWORK)) {
            String line = notObserved.stream().filter(r -> r.cause().kind() == Cause.Kind.RUNNER_NETWORK).findFirst()
                    .map(r -> r.cause().detail()).orElse("");
            return new RunVerdict(Kind.BLIND, "BLIND: " + line + manualNote, line);
        }
        if (!bad.isEmpty()) {
            var worst = bad.get(0).info().severity();
            return new RunVerdict(Kind.UNHEALTHY, "UNHEALTHY: " + bad.size() + " of " + checks.size() + " checks need attention; worst "
                    + worst.title() + " (respond within " + worst.respondWithin() + "): " + bad.stream()
                    .filter(r -> r.info().severity() == worst).map(r -> r.info().id()).collect(Collectors.joining(", "))
                    + notObservedNote + manualNote, null);
        }
        if (checked == 0) {
            boolean maintenance = checks.stream().allMatch(r -> r.cause().kind() == Cause.Kind.MAINTENANCE);
            if (maintenance) {
                return new RunVerdict(Kind.MAINTENANCE, "MAINTENANCE: nothing checked, every selected check is inside a planned "
                        + "window (maintenance.windows)" + manualNote, null);
            }
            String why = notObserved.isEmpty() ? reason(checks) : notObservedNote.substring(2);
            return new RunVerdict(Kind.NOTHING_CHECKED, "NOTHING CHECKED: none of the " + checks.size() + " selected checks "
                    + "reached a verdict; " + why + manualNote, why);
        }
        long unjudged = checks.size() - checked;
        String counted = unjudged == 0 ? checks.size() + " checks" : checked + " of " + checks.size() + " checked"
                + (skipped == 0 ? "" : ", " + skipped + " skipped");
        Kind kind = degraded > 0 ? Kind.DEGRADED : Kind.HEALTHY;
        return new RunVerdict(kind, kind.word() + ": " + counted + (degraded > 0 ? ", " + degraded + " degraded" : "")
                + notObservedNote + manualNote, notObserved.isEmpty() ? null : notObservedNote.substring(2));
    }

    /**
     * A preflight's verdict: whether the monitor fits the deployment, never a word about production's health.
     * "PREFLIGHT: every item fits", or "PREFLIGHT: 3 to change (settings, journey)" naming the parts with problems.
     */
    private static RunVerdict preflight(List<CheckResult> parts) {
        List<String> toChange = parts.stream().filter(CheckResult::bad).map(r -> r.info().id().replaceFirst("^preflight\\.", ""))
                .toList();
        long unknown = count(parts, Status.DEGRADED);
        String unsure = unknown == 0 ? "" : "; " + unknown + " could not be judged";
        if (toChange.isEmpty()) {
            return new RunVerdict(Kind.PREFLIGHT, "PREFLIGHT: every item fits" + unsure, null);
        }
        String why = toChange.size() + " to change (" + String.join(", ", toChange) + ")";
        return new RunVerdict(Kind.PREFLIGHT, "PREFLIGHT: " + why + unsure, why);
    }

    /** Why nothing was checked: the settings the skipped checks lacked (their causes), else their first reason. */
    static String reason(List<CheckResult> skipped) {
        Set<String> keys = skipped.stream().filter(r -> r.cause().kind() == Cause.Kind.MISSING_SETTING)
                .flatMap(r -> r.cause().settings().stream()).collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!keys.isEmpty()) {
            return "settings missing: " + keys.stream().map(k -> k + " (" + Setting.envVarName(k) + ")")
                    .collect(Collectors.joining(", ")) + " (is the environment file or the CI variables lost?)";
        }
        return "every check was skipped: " + skipped.get(0).firstLine().replaceFirst("^skipped: ", "");
    }

    /** The one line of a tag expression that selects nothing, naming every group there is. */
    public static String noCheckSelected(String tagExpression) {
        return "no check was selected" + (tagExpression == null || tagExpression.isBlank() ? "" : " by the tag expression '"
                + tagExpression + "'") + ": use -Dgroups=" + String.join(", ", GROUPS.subList(0, GROUPS.size() - 1)) + " or "
                + GROUPS.get(GROUPS.size() - 1) + " (JUnit tag expressions such as 'weekly | monthly' work too)";
    }

    private static long count(List<CheckResult> results, Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

}
