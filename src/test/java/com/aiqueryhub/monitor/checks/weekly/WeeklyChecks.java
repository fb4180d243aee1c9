package com.aiqueryhub.monitor.checks.weekly;

import com.aiqueryhub.monitor.checks.troubleshooting.DatabasePerformanceCheck;

/** The runbook's Weekly Operations, in runbook order; the self-tests run exactly these. */
public final class WeeklyChecks {
    public static final Class<?>[] CLASSES = {PerformanceReviewCheck.class, CostAnalysisCheck.class, SecurityAuditCheck.class,
            DatabasePerformanceCheck.class};

    private WeeklyChecks() {
    }
}
