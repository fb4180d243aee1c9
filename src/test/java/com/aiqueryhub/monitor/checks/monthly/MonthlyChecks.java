package com.aiqueryhub.monitor.checks.monthly;

/** The runbook's Monthly Operations, in runbook order; the self-tests run exactly these. */
public final class MonthlyChecks {
    public static final Class<?>[] CLASSES = {CapacityPlanningCheck.class, BackupVerificationCheck.class, SecurityReviewCheck.class};

    private MonthlyChecks() {
    }
}
