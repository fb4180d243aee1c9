package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.probe.HttpCall;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a run found, gathered once at its end and handed to every output (summary.json, metrics.prom and the
 * push, the history, the trends page, Allure's files, notifications, the console): each writes from this alone.
 *
 * @param loaded    whether the run's settings loaded; a run that could not load them joins no history
 * @param preflight the preflight's items, when the run had a preflight
 */
public record RunOutcome(String environment, String location, boolean loaded, String tagExpression, Instant started,
                         Instant finished, List<CheckResult> results, RunVerdict verdict, Timing timing, Calls calls,
                         List<PreflightItem> preflight) {

    /** Start-up, the sandbox's part of it, and the check phase: first check start to last check end. */
    public record Timing(long monitorStartMs, long sandboxStartMs, long checkPhaseMs) {
    }

    /** The HTTP calls of the run, by endpoint (query strings left out), and how many carried a JWT credential. */
    public record Calls(int total, int managementApi, Map<String, Endpoint> byEndpoint) {
        public static final Calls NONE = new Calls(0, 0, Map.of());

        /**
         * @param credentials the values that make a call carry a valid JWT (the anon or service-role key; a user's token,
         *                    any JWT, counts too): some functions must never see one
         */
        public static Calls of(List<HttpCall> sent, String managementBase, List<String> credentials) {
            String management = managementBase.replaceAll("/+$", "");
            Map<String, int[]> counts = new TreeMap<>();
            int managementCalls = 0;
            for (HttpCall call : sent) {
                String url = call.url().contains("?") ? call.url().substring(0, call.url().indexOf('?')) : call.url();
                if (url.startsWith(management + "/v1/")) {
                    managementCalls++;
                }
                String path = url.replaceFirst("^https?://[^/]+", "");
                int[] c = counts.computeIfAbsent(call.method() + " " + path, k -> new int[2]);
                c[0]++;
                boolean credentialed = call.headers().entrySet().stream()
                        .filter(h -> h.getKey().equalsIgnoreCase("Authorization") || h.getKey().equalsIgnoreCase("apikey"))
                        .anyMatch(h -> credentials.stream().anyMatch(v -> h.getValue().contains(v))
                                // a signed-in user's token, made during the run
                                || com.aiqueryhub.monitor.probe.Jwt.parse(h.getValue().replaceFirst("(?i)^bearer\\s+", "")).isPresent());
                c[1] += credentialed ? 1 : 0;
            }
            Map<String, Endpoint> byEndpoint = new LinkedHashMap<>();
            counts.forEach((endpoint, c) -> byEndpoint.put(endpoint, new Endpoint(c[0], c[1])));
            return new Calls(sent.size(), managementCalls, byEndpoint);
        }
    }

    public record Endpoint(int calls, int withJwtCredential) {
    }

    /** What joins the time series and pages people: neither the preflight nor manual steps. */
    public List<CheckResult> health() {
        return results.stream().filter(r -> !r.info().isPreflight()).filter(r -> r.status() != Status.MANUAL).toList();
    }
}
