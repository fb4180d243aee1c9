package com.aiqueryhub.monitor.run;

/**
 * The monitor could not look this run, for a reason on its own side (its network, its credential refused, a setting
 * naming what the deployment lacks, an API that keeps answering 429): nothing is known about the system from it. The
 * outcome "not observed" (Allure: broken), with its cause as data; never a failure, never production's page.
 */
public final class Unobservable extends RuntimeException implements Cause.Carrier {

    private final transient Cause cause;

    public Unobservable(String message) {
        this(message, Cause.NONE);
    }

    public Unobservable(String message, Cause cause) {
        super(message, null, false, false);
        this.cause = cause;
    }

    @Override
    public Cause outcomeCause() {
        return cause;
    }
}
