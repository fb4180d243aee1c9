package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.config.MissingSettingException;
import org.opentest4j.TestAbortedException;

import java.util.Locale;

/**
 * A check's outcome, decided in one place for every reader (the run's outputs, the self-tests): passed; degraded (over a
 * warning band, never failing the run); skipped (a missing setting, a maintenance window, a cause another check
 * reported); failed (the system answered wrongly or not at all); broken (the suite could not judge); manual (a runbook
 * line for people).
 */
public enum Status {
    FAILED, BROKEN, DEGRADED, SKIPPED, PASSED, MANUAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a check that ended with {@code thrown} (null: it passed). */
    public static Status of(Throwable thrown) {
        if (thrown == null) {
            return PASSED;
        }
        if (thrown instanceof Degraded) {
            return DEGRADED;
        }
        if (thrown instanceof ManualStep) {
            return MANUAL;
        }
        if (thrown instanceof TestAbortedException || thrown instanceof MissingSettingException) {
            return SKIPPED;
        }
        return thrown instanceof AssertionError ? FAILED : BROKEN;
    }

    /** Passed and degraded count as success (degraded never fails a run); skipped runs are not counted at all. */
    public static boolean succeeded(String label) {
        return label.equals("passed") || label.equals("degraded");
    }
}
