package com.aiqueryhub.monitor.run;

/** The suite cannot judge the system: a setting is missing or wrong, or the sandbox cannot start. Shown as "broken". */
public final class SuiteMisconfigured extends RuntimeException {
    public SuiteMisconfigured(String message) {
        super(message, null, false, false); // the one-line message is the whole story
    }
}
