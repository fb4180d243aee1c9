package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.Evidence;
import com.aiqueryhub.monitor.check.LogsQuery;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.probe.AiQueryHub;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.report.Figures;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Daily
@RunbookStep(id = "overnight-errors", title = "Review Overnight Errors", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", severity = Severity.HIGH, components = {"logs", "analytics", "management api"},
        differsFromRunbook = "Instead of reading the dashboard's log view, the check runs logs queries "
                + "over the last 24 hours through the Management API: the total of error-level entries "
                + "(logs.error-count-query) is judged, and the most frequent messages (logs.error-query) are attached. "
                + "A top-N list is never summed: errors spread over many messages would be undercounted.")
class OvernightErrorsCheck {

    @Check(id = "volume", name = "Error-level log entries of the last 24 h stay under the limit",
            remedy = "Runbook 'High Error Rates': open the top messages attached here in the function logs; a burst of "
                    + "provider errors points at AI keys or rate limits, connection errors at the pool, JWT errors at auth.")
    void errorsUnderLimit() {
        HttpObservation count = AiQueryHub.overnightErrorCount();
        long total = LogsQuery.total(count, "logs.error-count-query");
        Figures.record("errors-24h", total, "entries");

        HttpObservation top = AiQueryHub.overnightTopErrors();
        List<Map<String, Object>> rows = top.answered() && top.status() == 200 ? LogsQuery.rows(top, "logs.error-query") : List.of();
        Evidence.attach("most frequent error messages (last 24 h)", rows.stream()
                .map(r -> String.format("%6s  %s", r.getOrDefault("count", "?"), r.get("event_message")))
                .collect(Collectors.joining("\n", "count  message\n", "\n")));
        int limit = Monitor.get().settings().integer("threshold.overnight-errors");
        String most = rows.isEmpty() ? "" : ", most frequent: '" + rows.get(0).get("event_message") + "'";
        Verdict.expect(total <= limit, "at most " + limit + " error-level entries in 24 h",
                total + " entries" + most, count.endpoint());
    }
}
