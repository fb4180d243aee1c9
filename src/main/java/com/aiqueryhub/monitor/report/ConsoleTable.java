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
        if (verdict.kind() == RunVerdict.Kind.MISCONFIGURED) {
            // the run could not start as asked: one line says why, no check is listed as if production had been looked at
            sb.append(verdict.line()).append(" | report: ").append(report).append('\n');
            return sb.toString();
        }
        int idWidth = Math.max(5, results.stream().mapToInt(r -> r.info().id().length()).max().orElse(5));
        String format = "%-12s  %-8s  %-7s  %-" + idWidth + "s  %s%n";
        sb.append(String.format(format, "STATUS", "SEVERITY", "RESPOND", "CHECK", "REASON"));
        for (CheckResult r : results) {
            String reason = r.status() != Status.PASSED ? r.firstLine()
                    : r.retries().isEmpty() ? r.info().name() : "passed after retry: " + r.retries().get(0);
            if (reason.length() > 220) {
                reason = reason.substring(0, 217) + "...";
            }
            // the monitor's own trouble carries no production severity: nobody on call responds to it
            boolean monitorSide = r.status() == Status.NOT_OBSERVED || r.cause().monitorSide();
            sb.append(String.format(format, r.status().word(), monitorSide ? "-" : r.info().severity().title(),
                    monitorSide ? "-" : r.info().severity().respondWithin(), r.info().id(), reason));
        }
        sb.append(verdict.line()).append(" | report: ").append(report).append('\n');
        return sb.toString();
    }
}
