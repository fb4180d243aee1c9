package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.config.Setting;

import java.util.List;
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
        HEALTHY("HEALTHY"), UNHEALTHY("UNHEALTHY"), NOTHING_CHECKED("NOTHING CHECKED"), MAINTENANCE("MAINTENANCE"),
        NO_CHECK_RAN("NO CHECK RAN");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** Whether the run's exit status may be 0: healthy, or every check inside a planned maintenance window. */
    public boolean passes() {
        return kind == Kind.HEALTHY || kind == Kind.MAINTENANCE;
    }

    public static RunVerdict of(List<CheckResult> all) {
        List<CheckResult> checks = all.stream().filter(r -> r.status() != Status.MANUAL).toList();
        long manual = all.size() - checks.size();
        String manualNote = manual == 0 ? "" : "; " + manual + " manual step" + (manual == 1 ? "" : "s") + " listed for people";
        if (checks.isEmpty()) {
            return new RunVerdict(Kind.NO_CHECK_RAN, "NO CHECK RAN" + manualNote, "the tag expression selected no check");
        }
        List<CheckResult> bad = checks.stream().filter(r -> r.status() == Status.FAILED
                || r.status() == Status.BROKEN).sorted(CheckResult.WORST_FIRST).toList();
        long skipped = count(checks, Status.SKIPPED);
        long degraded = count(checks, Status.DEGRADED);
        long checked = checks.size() - skipped;
        if (!bad.isEmpty()) {
            var worst = bad.get(0).info().severity();
            return new RunVerdict(Kind.UNHEALTHY, "UNHEALTHY: " + bad.size() + " of " + checks.size() + " checks need attention; worst "
                    + worst.title() + " (respond within " + worst.respondWithin() + "): " + bad.stream()
                    .filter(r -> r.info().severity() == worst).map(r -> r.info().id()).collect(Collectors.joining(", "))
                    + manualNote, null);
        }
        if (checked == 0) {
            boolean maintenance = checks.stream().allMatch(r -> r.cause().kind() == Cause.Kind.MAINTENANCE);
            if (maintenance) {
                return new RunVerdict(Kind.MAINTENANCE, "MAINTENANCE: nothing checked, every selected check is inside a planned "
                        + "window (maintenance.windows)" + manualNote, null);
            }
            String why = reason(checks);
            return new RunVerdict(Kind.NOTHING_CHECKED, "NOTHING CHECKED: none of the " + checks.size() + " selected checks "
                    + "reached a verdict; " + why + manualNote, why);
        }
        String counted = skipped == 0 ? checks.size() + " checks" : checked + " of " + checks.size() + " checked, " + skipped + " skipped";
        return new RunVerdict(Kind.HEALTHY, "HEALTHY: " + counted + (degraded > 0 ? ", " + degraded + " degraded" : "") + manualNote,
                null);
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

    private static long count(List<CheckResult> results, Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

}
