package com.aiqueryhub.monitor.run;

import java.util.Comparator;
import java.util.List;

/**
 * One check's outcome: its status, how long it took, its message (masked), the figures it measured, its retries, and why
 * it reached no verdict of its own ({@link Cause}, as data).
 */
public record CheckResult(CheckInfo info, Status status, long durationMs, String message, List<Figure> figures,
                          List<String> retries, Cause cause) {

    public CheckResult(CheckInfo info, Status status, long durationMs, String message, List<Figure> figures, List<String> retries) {
        this(info, status, durationMs, message, figures, retries, Cause.NONE);
    }

    /**
     * A number a check measured, with its unit ("ms", "%", "USD", "bytes"...), and, where the check judges it, the limit
     * above which it fails and the level above which it is degraded (the same settings, in the same unit; null where the
     * check has none): a chart draws them, so a figure says whether it is fine.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Figure(String name, double value, String unit, Double limit, Double warn) {
        public Figure(String name, double value, String unit) {
            this(name, value, unit, null, null);
        }
    }

    /** Failures first, the most urgent first. */
    public static final Comparator<CheckResult> WORST_FIRST = Comparator
            .comparing(CheckResult::status)
            .thenComparing(r -> r.info().severity())
            .thenComparing(r -> r.info().id());

    public String firstLine() {
        if (message == null || message.isBlank()) {
            return "";
        }
        return message.lines().findFirst().orElse("").strip();
    }

    public boolean bad() {
        return status == Status.FAILED || status == Status.BROKEN;
    }
}
