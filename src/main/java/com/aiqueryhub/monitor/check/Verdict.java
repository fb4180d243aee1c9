package com.aiqueryhub.monitor.check;

/** The one shape of every failure message: what healthy is, what was seen, where. */
public final class Verdict {
    private Verdict() {
    }

    public static AssertionError failure(String expected, String observed, String endpoint) {
        return new AssertionError("expected " + expected + "; observed " + observed + " — " + endpoint);
    }

    /**
     * Judges a value against a warning band and a failure limit (higher is worse): fails above
     * {@code failAbove}, ends the check degraded above {@code warnAbove}, passes otherwise.
     */
    public static void band(double value, double warnAbove, double failAbove, String what, String observed, String endpoint) {
        expect(value <= failAbove, what + " at most " + trim(failAbove), observed, endpoint);
        if (value > warnAbove) {
            throw new Degraded("expected " + what + " at most " + trim(warnAbove) + " (warning band; failure above "
                    + trim(failAbove) + "); observed " + observed + " — " + endpoint);
        }
    }

    /** The same for a value where lower is worse (days left, say): fails below {@code failBelow}. */
    public static void bandAtLeast(double value, double warnBelow, double failBelow, String what, String observed, String endpoint) {
        expect(value >= failBelow, what + " at least " + trim(failBelow), observed, endpoint);
        if (value < warnBelow) {
            throw new Degraded("expected " + what + " at least " + trim(warnBelow) + " (warning band; failure below "
                    + trim(failBelow) + "); observed " + observed + " — " + endpoint);
        }
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    /** Fails with the standard message unless {@code ok}; records the condition as a passed step when it holds. */
    public static void expect(boolean ok, String expected, String observed, String endpoint) {
        if (!ok) {
            throw failure(expected, observed, endpoint);
        }
        String seen = observed.length() > 80 ? observed.substring(0, 77) + "..." : observed;
        Evidence.passed(expected + " (observed " + seen + ")");
    }
}
