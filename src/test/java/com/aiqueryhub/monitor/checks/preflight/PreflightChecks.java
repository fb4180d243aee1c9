package com.aiqueryhub.monitor.checks.preflight;

/** The preflight of a deployment; the self-tests run exactly this. */
public final class PreflightChecks {
    public static final Class<?>[] CLASSES = {PreflightCheck.class};

    private PreflightChecks() {
    }
}
