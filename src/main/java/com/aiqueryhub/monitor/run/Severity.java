package com.aiqueryhub.monitor.run;

/** The runbook's escalation matrix, and the Allure severity each level is shown as. */
public enum Severity {
    CRITICAL("Critical", "5 min", "blocker"),
    HIGH("High", "15 min", "critical"),
    MEDIUM("Medium", "2 h", "normal"),
    LOW("Low", "24 h", "minor");

    private final String title;
    private final String respondWithin;
    private final String allure;

    Severity(String title, String respondWithin, String allure) {
        this.title = title;
        this.respondWithin = respondWithin;
        this.allure = allure;
    }

    public String title() {
        return title;
    }

    public String respondWithin() {
        return respondWithin;
    }

    /** Allure's severity label value (blocker, critical, normal, minor). */
    public String allureSeverity() {
        return allure;
    }

    /** "critical", "high", "medium" or "low" (a setting's value, a label's), any case; empty otherwise. */
    public static java.util.Optional<Severity> named(String name) {
        return java.util.Arrays.stream(values()).filter(s -> s.title.equalsIgnoreCase(name.trim())).findFirst();
    }

    /** Whether this is at least as urgent as {@code least}. */
    public boolean atLeast(Severity least) {
        return compareTo(least) <= 0;
    }

    /** The label value the series and alerts carry: critical, high, medium, low. */
    public String label() {
        return title.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return title + " (respond within " + respondWithin + ")";
    }
}
