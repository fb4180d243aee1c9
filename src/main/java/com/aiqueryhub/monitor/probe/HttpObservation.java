package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one HTTP call observed: the answer, or why there was none. Checks judge it; the report shows it
 * as masked evidence.
 */
public final class HttpObservation {

    static final int EVIDENCE_BODY_LIMIT = 4_096;

    private final HttpCall call;
    private final int status;
    private final String statusLine;
    private final Map<String, List<String>> headers;
    private final String body;
    private final Duration elapsed;
    private final String noAnswer;
    private final HttpClient.Version protocol;
    private final List<String> earlierAttempts;

    private HttpObservation(HttpCall call, int status, String statusLine, Map<String, List<String>> headers,
                            String body, Duration elapsed, String noAnswer, HttpClient.Version protocol,
                            List<String> earlierAttempts) {
        this.call = call;
        this.earlierAttempts = List.copyOf(earlierAttempts);
        this.status = status;
        this.statusLine = statusLine;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        this.headers = h;
        this.body = body;
        this.elapsed = elapsed;
        this.noAnswer = noAnswer;
        this.protocol = protocol;
    }

    public static HttpObservation answered(HttpCall call, int status, String statusLine, Map<String, List<String>> headers,
                                           String body, Duration elapsed, HttpClient.Version protocol) {
        return new HttpObservation(call, status, statusLine, headers, body == null ? "" : body, elapsed, null, protocol, List.of());
    }

    public static HttpObservation noAnswer(HttpCall call, String reason, Duration elapsed) {
        return new HttpObservation(call, 0, null, Map.of(), "", elapsed, reason, null, List.of());
    }

    /** The same observation, noting the attempts before it that got no answer (and were retried). */
    HttpObservation afterAttempts(List<String> earlier) {
        return new HttpObservation(call, status, statusLine, headers, body, elapsed, noAnswer, protocol, earlier);
    }

    /** The same answer with its body replaced: what must never be kept (secret digests) is dropped at the probe. */
    public HttpObservation withBody(String replacement) {
        return new HttpObservation(call, status, statusLine, headers, replacement, elapsed, noAnswer, protocol, earlierAttempts);
    }

    /** Transport failures that were retried before this outcome; empty when the first attempt counted. */
    public List<String> earlierAttempts() {
        return earlierAttempts;
    }

    public HttpCall call() {
        return call;
    }

    public String endpoint() {
        return call.endpoint();
    }

    public boolean answered() {
        return noAnswer == null;
    }

    /** Why nothing came back (refused, timed out, TLS failure...), empty when an answer came. */
    public Optional<String> noAnswerReason() {
        return Optional.ofNullable(noAnswer);
    }

    public int status() {
        return status;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    public String body() {
        return body;
    }

    public Duration elapsed() {
        return elapsed;
    }

    public Optional<HttpClient.Version> protocol() {
        return Optional.ofNullable(protocol);
    }

    /** The body as a JSON tree (an object or an array), or empty when it is not JSON. */
    public Optional<JsonNode> json() {
        String trimmed = body.trim();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return Optional.empty();
        }
        return Json.parse(trimmed);
    }

    /** The body as a JSON object, or empty when it is not one. */
    public Optional<JsonNode> jsonObject() {
        return json().filter(JsonNode::isObject);
    }

    /** Short description of what came back, for "observed ..." in messages. */
    public String summary() {
        if (!answered()) {
            return "no answer (" + noAnswer + ")";
        }
        String b = body.strip().replaceAll("\\s+", " ");
        return "HTTP " + status + (b.isEmpty() ? " with an empty body" : " " + abbreviate(b, 200));
    }

    /** Request and response as text; the caller masks it before it leaves the JVM. */
    public String evidence() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < earlierAttempts.size(); i++) {
            sb.append("attempt ").append(i + 1).append(": ").append(earlierAttempts.get(i)).append(" (retried)\n");
        }
        if (!earlierAttempts.isEmpty()) {
            sb.append("attempt ").append(earlierAttempts.size() + 1).append(":\n");
        }
        sb.append(call.method()).append(' ').append(call.url());
        if (!call.query().isEmpty()) {
            sb.append('?').append(call.query().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&")));
        }
        sb.append('\n');
        call.headers().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        if (call.body() != null) {
            sb.append('\n').append(abbreviate(call.body(), EVIDENCE_BODY_LIMIT)).append('\n');
        }
        sb.append("\n--- ");
        if (!answered()) {
            sb.append("no answer after ").append(elapsed.toMillis()).append(" ms: ").append(noAnswer).append('\n');
            return sb.toString();
        }
        sb.append(statusLine == null ? "HTTP " + status : statusLine)
                .append(protocol == null ? "" : " [" + protocol + "]")
                .append(" in ").append(elapsed.toMillis()).append(" ms\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(String.join(", ", v)).append('\n'));
        sb.append('\n').append(abbreviate(body, EVIDENCE_BODY_LIMIT)).append('\n');
        return sb.toString();
    }

    static String abbreviate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit) + "... (" + text.length() + " characters in all)";
    }

    @Override
    public String toString() {
        return endpoint().toLowerCase(Locale.ROOT) + " -> " + summary();
    }
}
