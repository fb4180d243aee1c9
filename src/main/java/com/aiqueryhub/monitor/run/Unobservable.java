package com.aiqueryhub.monitor.run;

/**
 * The suite could not look this run (an API that keeps answering 429): nothing is known about the system from it.
 * Shown as "broken", once; the other checks that needed the same API are skipped pointing at it.
 */
public final class Unobservable extends RuntimeException {
    public Unobservable(String message) {
        super(message, null, false, false);
    }
}
