package com.aiqueryhub.monitor.checks.smoke;

/** The runbook's Quick Health Script; the self-tests run exactly these. */
public final class SmokeChecks {
    public static final Class<?>[] CLASSES = {QuickHealthCheck.class};

    private SmokeChecks() {
    }
}
