package com.aiqueryhub.monitor.run;

import java.util.List;

/**
 * Why a check ended without a verdict of its own, as data: found where it happens (a setting read, a maintenance window
 * checked) and carried to the verdict, the report and the notifications, so none of them reads it back out of a message.
 *
 * @param settings the keys of the settings to set (a missing setting: the one read; "none of" several: the first)
 * @param detail   the monitor-side cause in one line, as a verdict line repeats it ("" when the kind says it all)
 */
public record Cause(Kind kind, List<String> settings, String detail) {

    public enum Kind {
        /** The check reached its own verdict (passed, failed, degraded...). */
        NONE,
        /** A setting the check needs is not set. */
        MISSING_SETTING,
        /** A planned maintenance window covers the check (maintenance.windows). */
        MAINTENANCE,
        /** Not observed: a setting of the monitor's is wrong for this deployment (a refused credential, a missing column). */
        MONITOR_SETTING,
        /** Not observed: an API kept answering "later" (429) past the wait allowed. */
        RATE_LIMITED,
        /** Not observed: this runner reaches no name at all, production's nor the references' (its DNS or network). */
        RUNNER_NETWORK,
        /** Not observed: the run could not start (an unknown environment, fault or group): nothing was looked at. */
        RUN_MISCONFIGURED,
        /** Not observed: none of production's addresses has ever answered this runner (a typo in them, most likely). */
        NEVER_REACHED
    }

    public static final Cause NONE = new Cause(Kind.NONE, List.of());
    public static final Cause MAINTENANCE = new Cause(Kind.MAINTENANCE, List.of());

    public Cause {
        settings = List.copyOf(settings);
        detail = detail == null ? "" : detail;
    }

    public Cause(Kind kind, List<String> settings) {
        this(kind, settings, "");
    }

    public static Cause missing(List<String> settings) {
        return new Cause(Kind.MISSING_SETTING, settings);
    }

    public static Cause monitorSetting(String setting) {
        return new Cause(Kind.MONITOR_SETTING, List.of(setting));
    }

    /** Whether the monitor's own side kept it from looking (the outcome "not observed"); a missing setting is, always. */
    public boolean monitorSide() {
        return kind == Kind.MONITOR_SETTING || kind == Kind.RATE_LIMITED || kind == Kind.RUNNER_NETWORK
                || kind == Kind.RUN_MISCONFIGURED || kind == Kind.MISSING_SETTING || kind == Kind.NEVER_REACHED;
    }

    /** The cause in a few words, for a verdict line ("the monitor's setting supabase.access-token"). */
    public String words() {
        return switch (kind) {
            case MONITOR_SETTING -> "the monitor's setting " + String.join(", ", settings);
            case RATE_LIMITED -> "rate limited" + (settings.isEmpty() ? "" : " (" + String.join(", ", settings) + ")");
            case RUNNER_NETWORK -> "this runner's DNS or network";
            case RUN_MISCONFIGURED -> "the run's settings";
            case NEVER_REACHED -> "addresses never reached: " + String.join(", ", settings);
            case MISSING_SETTING -> "settings missing: " + String.join(", ", settings);
            case MAINTENANCE -> "maintenance";
            case NONE -> "no cause recorded";
        };
    }

    /** Carried by the exception a check ends with when its outcome has a cause of this kind. */
    public interface Carrier {
        Cause outcomeCause();
    }
}
