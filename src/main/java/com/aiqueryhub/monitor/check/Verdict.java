package com.aiqueryhub.monitor.check;

/** The one shape of every failure message: what healthy is, what was seen, where. */
public final class Verdict {
    private Verdict() {
    }

    public static AssertionError failure(String expected, String observed, String endpoint) {
        return new AssertionError("expected " + expected + "; observed " + observed + " — " + endpoint);
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
