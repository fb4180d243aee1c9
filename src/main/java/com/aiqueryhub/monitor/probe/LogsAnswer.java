package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Optional;

/**
 * A Management API logs answer ({@code {result: [...], error}}, contracts/ext/management-api/logs*.http): its rows, or
 * the error the logs backend gave, quoted as it said it.
 */
public final class LogsAnswer {

    private LogsAnswer() {
    }

    /** The backend's error, when the answer carries one. */
    public static Optional<JsonNode> error(HttpObservation logs) {
        return logs.jsonObject().map(j -> j.path("error")).filter(e -> !e.isMissingNode() && !e.isNull());
    }

    /** "Backend error! Retry your query.": the logs service's own trouble, neither ours nor the query's. */
    public static boolean backendTrouble(JsonNode error) {
        return error.isTextual() && error.asText().toLowerCase(Locale.ROOT).contains("retry");
    }

    /**
     * A refusal in the logs backend's own words: its message (and status) when the error is an object
     * (contracts/ext/management-api/logs-error.http), else the JSON it sent, never a Java map's toString.
     */
    public static String asTheSourceSaidIt(JsonNode error) {
        if (error.isObject() && error.path("message").isTextual()) {
            return "'" + error.get("message").asText() + "'" + (error.path("status").isTextual() ? " (" + error.get("status").asText() + ")" : "");
        }
        return error.isTextual() ? "'" + error.asText() + "'" : Json.compact(error);
    }
}
