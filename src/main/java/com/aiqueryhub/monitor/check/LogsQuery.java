package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.json.JsonNumbers;
import com.aiqueryhub.monitor.run.Cause;
import com.aiqueryhub.monitor.run.Unobservable;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.LogsAnswer;
import com.aiqueryhub.monitor.run.Degraded;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/** Reads a Management API logs answer. A query the logs backend refuses is the setting's defect, not an outage. */
public final class LogsQuery {
    private LogsQuery() {
    }

    /** The one {@code total} a counting query (one row, column {@code total}) returns. */
    public static long total(CheckContext check, HttpObservation logs, Setting<String> query) {
        List<JsonNode> rows = rows(check, logs, query);
        if (rows.size() != 1) {
            throw notCounted("one row with a total", rows.toString(), query, logs);
        }
        return count(rows.get(0), "total", query, logs);
    }

    /** A count column of one row of a logs answer: a number or a string holding one, else the monitor could not count. */
    public static long count(JsonNode row, String column, Setting<String> query, HttpObservation logs) {
        java.util.OptionalLong value = JsonNumbers.whole(row.path(column));
        if (value.isEmpty()) {
            throw notCounted("a count (a number, or a string holding one) in column " + column, row.toString(), query, logs);
        }
        return value.getAsLong();
    }

    /** The query's shape or the provider's format, never the system's health: nothing was counted. */
    private static Unobservable notCounted(String wanted, String observed, Setting<String> query, HttpObservation logs) {
        return new Unobservable("not observed: expected " + wanted + " from the query in " + query.key() + "; observed "
                + HttpAssert.quote(observed) + ": the query setting or the logs API's answer changed, nothing was counted — "
                + logs.endpoint(), Cause.monitorSetting(query.key()));
    }

    /**
     * The sum of the {@code total} column of a logs answer, or empty when it could not be read (no answer, a refusal,
     * the backend's trouble): for figures that only give context to a verdict and must never break it.
     */
    public static Optional<Long> totalIfAnswered(HttpObservation logs) {
        if (!logs.answered() || logs.status() != 200 || LogsAnswer.error(logs).isPresent()) {
            return Optional.empty();
        }
        JsonNode result = logs.jsonObject().map(j -> j.path("result")).filter(JsonNode::isArray).orElse(null);
        if (result == null || result.isEmpty()) {
            return Optional.empty();
        }
        long sum = 0;
        for (JsonNode row : result) {
            java.util.OptionalLong total = JsonNumbers.whole(row.path("total"));
            if (total.isEmpty()) {
                return Optional.empty();
            }
            sum += total.getAsLong();
        }
        return Optional.of(sum);
    }

    /** The {@code result} rows of a logs answer to {@code query}. */
    public static List<JsonNode> rows(CheckContext check, HttpObservation logs, Setting<String> query) {
        HttpAssert answer = check.that(logs);
        Optional<JsonNode> error = logs.answered() ? LogsAnswer.error(logs) : Optional.empty();
        if (error.isPresent() && LogsAnswer.backendTrouble(error.get())) {
            // "Backend error! Retry your query.": the logs service's trouble, neither ours nor the query's
            throw new Degraded("expected an answer to the logs query in " + query.key() + "; observed the logs backend's "
                    + "error " + LogsAnswer.asTheSourceSaidIt(error.get()) + ": nothing could be counted this run — " + logs.endpoint());
        }
        if (error.isPresent()) {
            // Supabase is moving logs to a new backend in which today's table names may stop resolving
            throw check.misconfigured(query.key(), "the logs endpoint refused the query in " + query.key() + " ("
                    + LogsAnswer.asTheSourceSaidIt(error.get()) + " from " + logs.endpoint() + "): fix the query for the "
                    + "project's current log tables");
        }
        answer.hasStatus(200);
        JsonNode result = logs.jsonObject().map(j -> j.path("result")).filter(JsonNode::isArray).orElse(null);
        check.expect(result != null, "a logs answer with a result list", logs.summary(), logs.endpoint());
        return java.util.stream.StreamSupport.stream(result.spliterator(), false).toList();
    }
}
