package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.probe.HttpObservation;

import java.util.List;
import java.util.Map;

/** Reads a Management API logs answer. A query the logs backend refuses is the setting's defect, not an outage. */
public final class LogsQuery {
    private LogsQuery() {
    }

    /** The one {@code total} a counting query (one row, column {@code total}) returns. */
    public static long total(HttpObservation logs, String querySetting) {
        List<Map<String, Object>> rows = rows(logs, querySetting);
        Verdict.expect(rows.size() == 1 && rows.get(0).get("total") instanceof Number,
                "one row with a numeric total (" + querySetting + ")", rows.toString(), logs.endpoint());
        return ((Number) rows.get(0).get("total")).longValue();
    }

    /**
     * A refusal in the logs backend's own words: its message (and status) when the error is an object
     * (contracts/ext/management-api/logs-error.http), else the JSON it sent, never a Java map's toString.
     */
    public static String asTheSourceSaidIt(Object error) {
        if (error instanceof Map<?, ?> object && object.get("message") instanceof String message) {
            return "'" + message + "'" + (object.get("status") instanceof String status ? " (" + status + ")" : "");
        }
        return error instanceof String text ? HttpAssert.quote(text) : com.aiqueryhub.monitor.json.Json.compact(error);
    }

    /** The {@code result} rows of a logs answer to the query in {@code querySetting}. */
    public static List<Map<String, Object>> rows(HttpObservation logs, String querySetting) {
        HttpAssert.assertThat(logs);
        Object error = logs.json().filter(j -> j.get() instanceof Map).map(j -> j.<Object>get("error")).orElse(null);
        if (logs.answered() && error != null && !(error instanceof Map)
                && String.valueOf(error).toLowerCase(java.util.Locale.ROOT).contains("retry")) {
            // "Backend error! Retry your query.": the logs service's trouble, neither ours nor the query's
            throw new Degraded("expected an answer to the logs query in " + querySetting + "; observed the logs backend's "
                    + "error " + HttpAssert.quote(String.valueOf(error)) + ": nothing could be counted this run — " + logs.endpoint());
        }
        if (logs.answered() && error != null) {
            // Supabase is moving logs to a new backend in which today's table names may stop resolving
            throw Monitor.get().misconfigured(querySetting, "the logs endpoint refused the query in " + querySetting + " ("
                    + asTheSourceSaidIt(error) + " from " + logs.endpoint() + "): fix the query for the "
                    + "project's current log tables");
        }
        HttpAssert.assertThat(logs).hasStatus(200);
        List<Map<String, Object>> rows = logs.json().map(j -> j.<Map<String, Object>>getList("result")).orElse(null);
        Verdict.expect(rows != null, "a logs answer with a result list", logs.summary(), logs.endpoint());
        return rows;
    }
}
