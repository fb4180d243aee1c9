package com.aiqueryhub.monitor.run;

import org.opentest4j.TestAbortedException;

/** A check skipped for a reason the run keeps as data (a missing setting), beside the message people read. */
public final class Skipped extends TestAbortedException implements Cause.Carrier {

    private final transient Cause cause;

    public Skipped(String message, Cause cause) {
        super(message);
        this.cause = cause;
    }

    @Override
    public Cause outcomeCause() {
        return cause;
    }
}
