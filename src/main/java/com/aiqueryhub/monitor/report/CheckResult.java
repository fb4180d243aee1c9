package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.check.CheckInfo;
import com.aiqueryhub.monitor.check.Severity;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One check's outcome, as summary.json and the console table show it. */
public record CheckResult(CheckInfo info, Status status, long durationMs, String message, Map<String, Object> figures,
                          List<String> retries) {

    public enum Status {
        FAILED, BROKEN, DEGRADED, SKIPPED, PASSED, MANUAL;

        public String label() {
            return name().toLowerCase();
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

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", info.id());
        m.put("name", info.name());
        m.put("cadence", info.cadence());
        m.put("status", status.label());
        Severity s = info.severity();
        m.put("severity", s.title().toLowerCase());
        m.put("respondWithin", s.respondWithin());
        m.put("durationMs", durationMs);
        m.put("message", message == null ? "" : message);
        m.put("runbook", info.runbookUrl());
        if (!retries.isEmpty()) {
            m.put("retries", retries);
            m.put("passedAfterRetry", status == Status.PASSED);
        }
        if (!figures.isEmpty()) {
            m.put("figures", figures);
        }
        return m;
    }
}
