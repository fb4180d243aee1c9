package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.HttpProbe;
import com.aiqueryhub.monitor.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.AbstractAssert;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Conditions on an HTTP observation. Each failure names the expectation, the observed value and the
 * endpoint; a call that got no answer fails every condition with the reason (refused, timed out, ...).
 */
public final class HttpAssert extends AbstractAssert<HttpAssert, HttpObservation> {

    private final CheckContext check;

    private HttpAssert(CheckContext check, HttpObservation actual) {
        super(actual, HttpAssert.class);
        this.check = check;
    }

    /** Starts the conditions on {@code observation} and attaches its evidence to the report. */
    static HttpAssert of(CheckContext check, HttpObservation observation) {
        check.attach(observation.endpoint(), observation.evidence());
        List<String> retried = observation.earlierAttempts();
        for (int i = 0; i < retried.size(); i++) {
            check.retried("attempt " + (i + 1) + " got no answer: " + retried.get(i) + "; retried");
        }
        check.noteRetries(observation.endpoint(), retried);
        expectCredentialAccepted(check, observation);
        expectNotRateLimited(check, observation);
        return new HttpAssert(check, observation);
    }

    public HttpAssert hasStatus(int expected) {
        expectAnswer("HTTP " + expected);
        check.expect(actual.status() == expected, "HTTP " + expected, actual.summary(), actual.endpoint());
        return this;
    }

    /** An answer at all, whatever its status: without one, the check fails naming {@code wanted} and the network cause. */
    public HttpAssert answered(String wanted) {
        expectAnswer(wanted);
        return this;
    }

    public HttpAssert hasStatusIn(int... expected) {
        String wanted = "HTTP " + Arrays.stream(expected).mapToObj(Integer::toString).collect(Collectors.joining(" or "));
        expectAnswer(wanted);
        check.expect(Arrays.stream(expected).anyMatch(s -> s == actual.status()), wanted, actual.summary(), actual.endpoint());
        return this;
    }

    /** The body is JSON equal to {@code expectedJson} (field order and spacing do not matter). */
    public HttpAssert hasJsonBody(String expectedJson) {
        String wanted = "body " + expectedJson;
        expectAnswer(wanted);
        Object expected = Json.parse(expectedJson).orElse(null);
        Object observed = actual.json().orElse(null);
        check.expect(Objects.equals(expected, observed), wanted,
                observed == null ? "non-JSON body " + quote(actual.body()) : quote(actual.body()), actual.endpoint());
        return this;
    }

    public HttpAssert hasContentTypeContaining(String fragment) {
        String wanted = "Content-Type containing '" + fragment + "'";
        expectAnswer(wanted);
        String observed = actual.header("Content-Type").orElse("(none)");
        check.expect(observed.toLowerCase(Locale.ROOT).contains(fragment), wanted,
                "HTTP " + actual.status() + " with Content-Type '" + observed + "'", actual.endpoint());
        return this;
    }

    /**
     * Every header is present with its expected value ("*" = any value). Comma-separated values compare as
     * sets, case-insensitively, so "no-store, no-cache" equals "no-cache, no-store". All missing or wrong
     * headers are reported together.
     */
    public HttpAssert hasHeaders(Map<String, String> expected) {
        expectAnswer("headers " + describe(expected));
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String seen = actual.header(e.getKey()).orElse(null);
            boolean ok = seen != null && sameHeaderValue(seen, e.getValue());
            if (!ok) {
                wrong.put(e.getKey(), seen == null ? "(missing)" : "'" + seen + "'");
            }
        }
        check.expect(wrong.isEmpty(), "headers " + describe(expected), describe(wrong), actual.endpoint());
        return this;
    }

    /** A CORS answer that lets a page of {@code origin} read the API's answers ({@link #allowsOrigin}). */
    public HttpAssert allowsCorsFrom(String origin) {
        String wanted = "Access-Control-Allow-Origin: " + origin + " (or *, which lets any origin read an answer without credentials)";
        expectAnswer(wanted);
        String seen = actual.header("Access-Control-Allow-Origin").orElse(null);
        check.expect(seen != null && allowsOrigin(seen, origin), wanted, "Access-Control-Allow-Origin: "
                + (seen == null ? "(missing)" : "'" + seen + "'"), actual.endpoint());
        return this;
    }

    public HttpAssert hasHeader(String name, String expected) {
        return hasHeaders(Map.of(name, expected));
    }

    public HttpAssert respondedWithin(Duration limit) {
        String wanted = "an answer within " + limit.toMillis() + " ms";
        expectAnswer(wanted);
        // charted run over run against its limit: the number a slow week shows first
        check.figure("response-time-ms", actual.elapsed().toMillis(), "ms", (double) limit.toMillis(), null);
        check.expect(actual.elapsed().compareTo(limit) <= 0, wanted,
                "HTTP " + actual.status() + " after " + actual.elapsed().toMillis() + " ms", actual.endpoint());
        return this;
    }

    public HttpAssert usesProtocol(HttpClient.Version expected) {
        String wanted = "protocol " + protocolName(expected);
        expectAnswer(wanted);
        String observed = actual.protocol().map(HttpAssert::protocolName).orElse("unknown");
        check.expect(actual.protocol().orElse(null) == expected, wanted, observed, actual.endpoint());
        return this;
    }

    /** The JSON field at {@code path} equals {@code expected}. */
    public HttpAssert hasJsonValue(String path, Object expected) {
        String wanted = path + " = " + expected;
        expectAnswer(wanted);
        JsonNode node = actual.jsonObject().map(j -> j.path(path)).filter(n -> !n.isMissingNode() && !n.isNull()).orElse(null);
        Object observed = node == null ? null : node.isTextual() ? node.asText() : node.isBoolean() ? (Object) node.asBoolean()
                : node.isNumber() ? (Object) node.numberValue() : node.toString();
        check.expect(Objects.equals(expected, observed), wanted,
                observed == null ? actual.summary() : path + " = " + observed, actual.endpoint());
        return this;
    }

    /** A 401/403 from an endpoint we hold a credential for: the setting is wrong, not the system. */
    private static void expectCredentialAccepted(CheckContext check, HttpObservation observation) {
        if (!observation.answered() || (observation.status() != 401 && observation.status() != 403)) {
            return;
        }
        check.run().credentials().of(observation.call().url()).ifPresent(setting -> {
            throw check.misconfigured(setting.key(), "the credential in " + setting.key() + " was refused (HTTP "
                    + observation.status() + " from " + observation.endpoint() + "): set " + setting.envVar()
                    + " to a valid one; nothing is known about the system's health from this call");
        });
    }

    /**
     * An API we hold a credential for still answering "later" after the one wait it was granted: the suite could not
     * look, which says nothing about the system. Its limit is per user and shared by every runner and script.
     */
    private static void expectNotRateLimited(CheckContext check, HttpObservation observation) {
        if (!HttpProbe.laterAnswer(observation)) {
            return;
        }
        check.run().credentials().of(observation.call().url()).ifPresent(setting -> {
            Duration asked = HttpProbe.requestedWait(observation).orElse(null);
            Duration max = check.run().http().maxRetryAfter();
            boolean waited = !observation.earlierAttempts().isEmpty();
            String after = asked == null ? "no wait named" : "asked to wait " + asked.toSeconds() + " s";
            throw check.rateLimited(setting.key(), observation.endpoint() + " answered HTTP " + observation.status() + " (" + after
                    + (waited ? ") again after the wait it asked for" : asked != null && asked.compareTo(max) > 0
                    ? ", longer than http.max-retry-after " + max.toSeconds() + " s)" : ")")
                    + ": lower the run frequency or give this runner its own token (" + setting.envVar()
                    + "); the limit is per user, shared by every runner and script using it; nothing is known about the "
                    + "system's health from this call");
        });
    }

    private void expectAnswer(String wanted) {
        if (!actual.answered()) {
            throw Verdict.failure(wanted, actual.summary(), actual.endpoint());
        }
    }

    /** A header's value as {@link #hasHeaders} judges it: the same comma-separated tokens, any case; "*" expects any value. */
    /**
     * Whether a CORS answer's {@code Access-Control-Allow-Origin} lets a page of {@code origin} read it, by the browser's
     * own rule (Fetch standard, CORS check): the origin itself, or {@code *} for a request without credentials, which the
     * app's calls are (a bearer token in a header, no cookies; Supabase's own _shared/cors.ts answers {@code *}). A list
     * of origins, another origin or an empty value is refused by every browser.
     */
    public static boolean allowsOrigin(String seen, String origin) {
        String value = seen.strip();
        return value.equals("*") || value.equalsIgnoreCase(origin.replaceAll("/+$", ""));
    }

    static boolean sameHeaderValue(String seen, String expected) {
        return expected.equals("*") || tokens(seen).equals(tokens(expected));
    }

    private static Set<String> tokens(String headerValue) {
        return Arrays.stream(headerValue.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(Map<String, String> headers) {
        return headers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String protocolName(HttpClient.Version version) {
        return version == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1";
    }

    static String quote(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.isEmpty() ? "(empty body)" : "'" + (flat.length() > 200 ? flat.substring(0, 200) + "..." : flat) + "'";
    }
}
