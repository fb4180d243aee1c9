package com.aiqueryhub.monitor.checks.daily;

/** The runbook's Morning Health Check, in runbook order; the self-tests run exactly these. */
public final class DailyChecks {
    public static final Class<?>[] CLASSES = {
            FrontendCheck.class, BackendApiCheck.class, AiAnswerCheck.class, DatabaseCheck.class, OvernightErrorsCheck.class,
            SignedInJourneyCheck.class, AuthSigningKeysCheck.class};

    private DailyChecks() {
    }
}
