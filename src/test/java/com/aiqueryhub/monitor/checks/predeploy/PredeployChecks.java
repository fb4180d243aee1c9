package com.aiqueryhub.monitor.checks.predeploy;

/** The runbook's production deploy checklist; the self-tests run exactly these. */
public final class PredeployChecks {
    public static final Class<?>[] CLASSES = {DeployChecklistCheck.class};

    private PredeployChecks() {
    }
}
