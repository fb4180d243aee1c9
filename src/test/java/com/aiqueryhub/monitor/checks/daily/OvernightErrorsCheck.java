package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.LogsQuery;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.run.Severity;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

@Daily
@RunbookStep(id = "overnight-errors", title = "Review Overnight Errors", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", severity = Severity.HIGH, components = {"logs", "analytics", "management api"},
        differsFromRunbook = "Instead of reading the dashboard's log view, the check runs logs queries "
                + "over the last 24 hours through the Management API: the total of error-level entries "
                + "(logs.error-count-query) is judged, and the most frequent messages (logs.error-query) are attached. "
                + "A top-N list is never summed: errors spread over many messages would be undercounted.",
        needs = {"supabase.project-ref", "supabase.access-token"})
class OvernightErrorsCheck {

    @Check(id = "volume", name = "Error-level log entries of the last 24 h stay under the limit",
            remedy = "Runbook 'High Error Rates': open the top messages attached here in the function logs; a burst of "
                    + "provider errors points at AI keys or rate limits, connection errors at the pool, JWT errors at auth.")
    void errorsUnderLimit(Supabase supabase, Settings settings, CheckContext check) {
        supabase.askOvernightLogsAtOnce();
        HttpObservation count = supabase.overnightErrorCount();
        long total = LogsQuery.total(check, count, Keys.LOGS_ERROR_COUNT_QUERY);
        check.figure("errors-24h", total, "entries");

        HttpObservation top = supabase.overnightTopErrors();
        List<JsonNode> rows = top.answered() && top.status() == 200 ? LogsQuery.rows(check, top, Keys.LOGS_ERROR_QUERY) : List.of();
        check.attach("most frequent error messages (last 24 h)", rows.stream()
                .map(r -> String.format("%6s  %s", r.has("count") ? text(r.get("count")) : "?", text(r.get("event_message"))))
                .collect(Collectors.joining("\n", "count  message\n", "\n")));
        // errors grow with the traffic: a day ten times as busy at the same error share is no incident
        int floor = settings.get(Keys.THRESHOLD_OVERNIGHT_ERRORS);
        double share = settings.get(Keys.THRESHOLD_OVERNIGHT_ERROR_SHARE);
        Optional<Long> calls = LogsQuery.totalIfAnswered(supabase.lastDayOfCalls());
        calls.ifPresent(c -> check.figure("calls-24h", c, "calls"));
        long limit = Math.max(floor, calls.map(c -> (long) Math.floor(c * share / 100)).orElse(0L));
        String basis = calls.map(c -> String.format(Locale.ROOT, " (the larger of threshold.overnight-errors %d and %.1f %% "
                + "of the day's %d function calls)", floor, share, c)).orElse(" (threshold.overnight-errors; the day's "
                + "function calls could not be counted)");
        String most = rows.isEmpty() ? "" : ", most frequent: '" + text(rows.get(0).get("event_message")) + "'";
        check.expect(total <= limit, "at most " + limit + " error-level entries in 24 h" + basis,
                total + " entries" + most, count.endpoint());
    }

    /** A field of a logs row as text; null when absent or JSON null (printed "null", as the messages always were). */
    private static String text(JsonNode field) {
        return field == null || field.isNull() ? null : field.isValueNode() ? field.asText() : field.toString();
    }
}
