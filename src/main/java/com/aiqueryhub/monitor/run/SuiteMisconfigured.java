package com.aiqueryhub.monitor.run;

/** The suite cannot judge the system: a setting is missing or wrong, or the sandbox cannot start. Shown as "broken". */
public final class SuiteMisconfigured extends RuntimeException implements Cause.Carrier {

    private final transient Cause cause;

    public SuiteMisconfigured(String message) {
        this(message, Cause.NONE);
    }

    public SuiteMisconfigured(String message, Cause cause) {
        super(message, null, false, false); // the one-line message is the whole story
        this.cause = cause;
    }

    @Override
    public Cause outcomeCause() {
        return cause;
    }
}
