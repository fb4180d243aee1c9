package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.RunVerdict;
import com.aiqueryhub.monitor.run.Status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The end-of-run table for the console: one line per check, failures first, no stack traces, the verdict last. */
final class ConsoleTable {
    private ConsoleTable() {
    }

    static String render(String environment, List<CheckResult> results, RunVerdict verdict, Duration took, Path report) {
        StringBuilder sb = new StringBuilder("\n");
        sb.append("AI Query Hub monitor | environment ").append(environment).append(" | ").append(results.size())
                .append(" entries: ");
        for (Status s : Status.values()) {
            long n = results.stream().filter(r -> r.status() == s).count();
            sb.append(n).append(' ').append(s.label()).append(s == Status.MANUAL ? "" : ", ");
        }
        sb.append(" | ").append(took.toMillis()).append(" ms\n");
        int idWidth = Math.max(5, results.stream().mapToInt(r -> r.info().id().length()).max().orElse(5));
        String format = "%-8s  %-8s  %-7s  %-" + idWidth + "s  %s%n";
        sb.append(String.format(format, "STATUS", "SEVERITY", "RESPOND", "CHECK", "REASON"));
        for (CheckResult r : results) {
            String reason = r.status() != Status.PASSED ? r.firstLine()
                    : r.retries().isEmpty() ? r.info().name() : "passed after retry: " + r.retries().get(0);
            if (reason.length() > 220) {
                reason = reason.substring(0, 217) + "...";
            }
            sb.append(String.format(format, r.status().name(), r.info().severity().title(),
                    r.info().severity().respondWithin(), r.info().id(), reason));
        }
        sb.append(verdict.line()).append(" | report: ").append(report).append('\n');
        return sb.toString();
    }
}
