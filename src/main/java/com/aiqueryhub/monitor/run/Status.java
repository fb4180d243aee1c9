package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.config.MissingSettingException;
import org.opentest4j.TestAbortedException;

import java.util.Locale;

/**
 * A check's outcome, decided in one place for every reader (the run's outputs, the self-tests): passed; degraded (over a
 * warning band, never failing the run); skipped (a missing setting, a maintenance window, a cause another check
 * reported); failed (the system answered wrongly or not at all); broken (the check itself could not judge: a defect);
 * not observed (the monitor could not look, for a reason on its own side: its network, its credential, a setting that
 * names what the deployment lacks, a rate limit; never production's trouble); manual (a runbook line for people).
 */
public enum Status {
    FAILED, BROKEN, NOT_OBSERVED, DEGRADED, SKIPPED, PASSED, MANUAL;

    /** The status as summary.json, the history and the messages write it ("not observed"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The status as the console and messages write it ("NOT OBSERVED"). */
    public String word() {
        return name().replace('_', ' ');
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
        if (thrown instanceof Unobservable) {
            return NOT_OBSERVED;
        }
        return thrown instanceof AssertionError ? FAILED : BROKEN;
    }

    /** Passed and degraded count as success (degraded never fails a run); skipped runs are not counted at all. */
    public static boolean succeeded(String label) {
        return label.equals("passed") || label.equals("degraded");
    }
}
