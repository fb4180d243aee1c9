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

    @Override
    public String toString() {
        return title + " (respond within " + respondWithin + ")";
    }
}
