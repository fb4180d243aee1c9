package com.aiqueryhub.monitor.run;

import java.util.List;

/**
 * Why a check ended without a verdict of its own, as data: found where it happens (a setting read, a maintenance window
 * checked) and carried to the verdict, the report and the notifications, so none of them reads it back out of a message.
 *
 * @param settings the keys of the settings to set (a missing setting: the one read, then the others the check declares
 *                 it needs; "none of" several: each that would do)
 */
public record Cause(Kind kind, List<String> settings) {

    public enum Kind {
        /** The check reached its own verdict (passed, failed, degraded...). */
        NONE,
        /** A setting the check needs is not set. */
        MISSING_SETTING,
        /** A planned maintenance window covers the check (maintenance.windows). */
        MAINTENANCE
    }

    public static final Cause NONE = new Cause(Kind.NONE, List.of());
    public static final Cause MAINTENANCE = new Cause(Kind.MAINTENANCE, List.of());

    public Cause {
        settings = List.copyOf(settings);
    }

    public static Cause missing(List<String> settings) {
        return new Cause(Kind.MISSING_SETTING, settings);
    }

    /** Carried by the exception a check ends with when its outcome has a cause of this kind. */
    public interface Carrier {
        Cause outcomeCause();
    }
}
