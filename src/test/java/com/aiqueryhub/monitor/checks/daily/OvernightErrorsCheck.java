package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.Evidence;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.probe.AiQueryHub;
import com.aiqueryhub.monitor.probe.HttpObservation;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.aiqueryhub.monitor.check.HttpAssert.assertThat;

@Daily
@RunbookStep(id = "overnight-errors", title = "Review Overnight Errors", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", severity = Severity.HIGH,
        differsFromRunbook = "Instead of reading the dashboard's log view, the check runs the logs query "
                + "(setting logs.error-query) over the last 24 hours through the Management API and counts error-level entries.")
class OvernightErrorsCheck {

    @Check(id = "volume", name = "Error-level log entries of the last 24 h stay under the limit",
            remedy = "Runbook 'High Error Rates': open the top messages attached here in the function logs; a burst of "
                    + "provider errors points at AI keys or rate limits, connection errors at the pool, JWT errors at auth.")
    void errorsUnderLimit() {
        HttpObservation logs = AiQueryHub.overnightErrors();
        assertThat(logs).hasStatus(200);
        Object error = logs.json().map(j -> (Object) j.get("error")).orElse(null);
        Verdict.expect(error == null, "a log query result", "error " + error, logs.endpoint());
        List<Map<String, Object>> rows = logs.json().map(j -> j.<Map<String, Object>>getList("result")).orElse(List.of());
        long total = rows.stream().mapToLong(r -> r.get("count") instanceof Number n ? n.longValue() : 1).sum();
        Evidence.attach("top error messages (last 24 h)", rows.stream()
                .map(r -> String.format("%6s  %s", r.getOrDefault("count", 1), r.get("event_message")))
                .collect(Collectors.joining("\n", "count  message\n", "\n")));
        int limit = Monitor.get().settings().integer("threshold.overnight-errors");
        String top = rows.isEmpty() ? "" : ", most frequent: '" + rows.get(0).get("event_message") + "'";
        Verdict.expect(total <= limit, "at most " + limit + " error-level entries in 24 h",
                total + " entries" + top, logs.endpoint());
    }
}
