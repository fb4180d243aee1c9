package com.aiqueryhub.monitor.check;

/** The one shape of every failure message: what healthy is, what was seen, where. */
public final class Verdict {
    private Verdict() {
    }

    public static AssertionError failure(String expected, String observed, String endpoint) {
        return new AssertionError("expected " + expected + "; observed " + observed + " — " + endpoint);
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
