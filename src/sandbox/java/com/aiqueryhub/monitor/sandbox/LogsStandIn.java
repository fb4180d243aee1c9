package com.aiqueryhub.monitor.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.aiqueryhub.monitor.sandbox.Answers.authorized;
import static com.aiqueryhub.monitor.sandbox.Answers.json;
import static com.aiqueryhub.monitor.sandbox.Sandbox.PROJECT_REF;
import static com.aiqueryhub.monitor.sandbox.SandboxJson.array;
import static com.aiqueryhub.monitor.sandbox.SandboxJson.object;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The Management API's logs endpoint: the answers to the suite's queries (errors overnight, error rate, RLS refusals),
 * in the shape of contracts/ext/management-api/logs*.http. Its faults spike, spread, quote or refuse them.
 */
record LogsStandIn(Set<Fault> faults, WireMockServer platform) {

    /** The logs endpoint (GET .../analytics/endpoints/logs.all) for the Management API's {@code token}. */
    void stub(String token, int errorLimit) {
        String base = "/v1/projects/" + PROJECT_REF;
        // a call without its parameters (never made by the suite): status per the spec, body not documented
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/analytics/endpoints/logs.all")), token).atPriority(8)
                .willReturn(json(400, object("error", "sql, iso_timestamp_start and iso_timestamp_end are required"))));
        String logs = base + "/analytics/endpoints/logs.all";
        platform.stubFor(logsQuery(token, logs, "(?is).*select.*", 5).willReturn(json(200, topErrors(errorLimit))));
        // the error totals (logs.error-count-query)
        platform.stubFor(logsQuery(token, logs, "(?is).*as total.*", 3).willReturn(json(200,
                logsAnswer(object("total", errorTotal(errorLimit))))));
        // the weekly error-rate query (it reads function_edge_logs' status codes), one day per call
        // (traffic-grown: forty times the calls, at the same small share of 5xx)
        boolean busier = faults.contains(Fault.TRAFFIC_GROWN);
        platform.stubFor(logsQuery(token, logs, "(?is).*status_code.*", 2).willReturn(json(200,
                logsAnswer(object("total", busier ? 50_000 : 1250, "errors", faults.contains(Fault.ERROR_RATE) ? 100 : busier ? 240 : 6)))));
        // PostgreSQL's refusals of writes that break a row-level security policy (logs.rls-violation-query)
        platform.stubFor(logsQuery(token, logs, "(?is).*row-level security.*", 1).willReturn(json(200,
                logsAnswer(object("total", faults.contains(Fault.RLS_VIOLATIONS) ? 2 : 0)))));
        if (faults.contains(Fault.LOGS_QUERY_REFUSED)) {
            platform.stubFor(logsQuery(token, logs, "(?is).*function_logs.*", 1).willReturn(json(200, logsTableUnknown())));
        }
    }

    /**
     * A logs answer with these rows and no error (contracts/ext/management-api/logs.http: {result: [...], error: null});
     * with logs-quoted-numbers every number in a row written as a string, as APIs that quote 64-bit integers do
     * (contracts/ext/management-api/logs-quoted-numbers.http).
     */
    private ObjectNode logsAnswer(ObjectNode... rows) {
        if (faults.contains(Fault.LOGS_QUOTED_NUMBERS)) {
            for (ObjectNode row : rows) {
                List<String> numeric = new ArrayList<>();
                row.fields().forEachRemaining(f -> {
                    if (f.getValue().isNumber()) {
                        numeric.add(f.getKey());
                    }
                });
                numeric.forEach(name -> row.put(name, row.get(name).asText()));
            }
        }
        return object("result", array((Object[]) rows), "error", null);
    }

    /**
     * The logs backend's answer to a query naming a table it does not know: AnalyticsResponse.error as an object, in the
     * shape of contracts/ext/management-api/logs-error.http (code, errors[{domain, location, locationType, message,
     * reason}], message, status).
     */
    private static ObjectNode logsTableUnknown() {
        String message = "Table not found: function_logs";
        return object("result", array(), "error", object("code", 400,
                "errors", array(object("domain", "global", "location", "q", "locationType", "parameter", "message", message,
                        "reason", "invalidQuery")),
                "message", message, "status", "INVALID_ARGUMENT"));
    }

    private static MappingBuilder logsQuery(String token, String path, String sqlPattern, int priority) {
        return authorized(get(urlPathEqualTo(path)), token).atPriority(priority)
                .withQueryParam("sql", matching(sqlPattern))
                .withQueryParam("iso_timestamp_start", matching("\\d{4}-\\d\\d-\\d\\dT.*"))
                .withQueryParam("iso_timestamp_end", matching("\\d{4}-\\d\\d-\\d\\dT.*"));
    }

    private int errorTotal(int limit) {
        if (faults.contains(Fault.ERROR_SPIKE)) {
            // on a day forty times as busy, a spike is forty times as loud: one call in twenty logging an error
            return faults.contains(Fault.TRAFFIC_GROWN) ? 2_500 : Math.max(limit, 1) * 3 + limit + 4;
        }
        if (faults.contains(Fault.TRAFFIC_GROWN)) {
            return 150; // 0.3 % of 50,000 calls: the healthy share of a busy day, six times the quiet day's floor
        }
        return faults.contains(Fault.ERRORS_SPREAD) ? 40 : 3;
    }

    /** The top error messages of the last 24 h (logs.error-query): {event_message, count} rows, most frequent first. */
    private ObjectNode topErrors(int limit) {
        if (faults.contains(Fault.ERRORS_SPREAD)) {
            List<ObjectNode> rows = new ArrayList<>();
            for (int i = 0; i < 10; i++) { // the query's limit 10: twenty messages of two each, ten shown
                rows.add(errorRow("Error: upstream request " + (i + 1) + " failed", 2));
            }
            return logsAnswer(rows.toArray(ObjectNode[]::new));
        }
        return errorLog(limit);
    }

    private ObjectNode errorLog(int limit) {
        if (faults.contains(Fault.ERROR_SPIKE)) {
            int big = Math.max(limit, 1) * 3;
            return logsAnswer(
                    errorRow("AI provider request failed: 503 Service Unavailable", big),
                    errorRow("Error: connection pool exhausted", limit),
                    errorRow("TypeError: Cannot read properties of undefined (reading 'content')", 4));
        }
        return logsAnswer(
                errorRow("AI provider request failed: 429 Too Many Requests", 2),
                errorRow("TypeError: Cannot read properties of undefined (reading 'content')", 1));
    }

    private static ObjectNode errorRow(String message, int count) {
        return object("event_message", message, "count", count);
    }
}
