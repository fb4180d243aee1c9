package com.aiqueryhub.monitor.run;

/** A check found the system unhealthy. Shown as "failed"; the message is masked and ends with severity, remedy and runbook link. */
public final class CheckFailure extends AssertionError {
    public CheckFailure(String message, StackTraceElement[] trace) {
        super(message);
        setStackTrace(trace);
    }
}
