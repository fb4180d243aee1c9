package com.aiqueryhub.monitor.run;

import java.util.List;

/**
 * Everything the report says about a check besides its outcome: read once from its annotations (check.CheckInfos) and
 * carried as data to every output (summary.json, metrics labels, notifications, the console table).
 *
 * @param manual set for a manual step: a runbook line for people, listed with where and why, never run
 */
public record CheckInfo(String id, String name, String cadence, Severity severity, String remedy, String section, String title,
                        String differsFromRunbook, String runbookUrl, List<String> dependsOn, List<String> components,
                        ManualInfo manual) {

    public static final List<String> CADENCES = List.of("daily", "weekly", "monthly", "emergency", "smoke", "preflight",
            "predeploy", "postdeploy");

    /** Why a manual step is not a check, and where a person does it. */
    public record ManualInfo(String why, String dashboard) {
    }

    public boolean isManual() {
        return manual != null;
    }

    public boolean isPreflight() {
        return cadence.equals("preflight");
    }

    /** The same check run to verify a deploy: a failure is Critical and its remedy is the rollback. */
    public CheckInfo verifyingADeploy(String rollbackRemedy) {
        return new CheckInfo(id, name, cadence, Severity.CRITICAL, rollbackRemedy + " If the deploy is not the cause: " + remedy,
                section, title, differsFromRunbook, runbookUrl, dependsOn, components, manual);
    }

    /** The lines every failure message ends with. */
    public String failureContext() {
        return "\nseverity: " + severity + "\nremedy: " + remedy + "\nrunbook: " + section + " > " + title + " " + runbookUrl;
    }
}
