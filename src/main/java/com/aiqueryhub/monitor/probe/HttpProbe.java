package com.aiqueryhub.monitor.probe;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes HTTP calls with REST Assured, each bounded by a connect and a read timeout, and turns every outcome
 * (answer, refusal, timeout, TLS failure) into an {@link HttpObservation}. It never throws for a transport
 * problem: "no answer" is an observation the check judges.
 */
public final class HttpProbe implements AutoCloseable {

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final RestAssuredConfig config;
    private final TlsTrust trust;
    static final int MAX_BODY = 1024 * 1024;
    /** Every call made (in memory only: headers may hold secrets), for the run's call count and the safety tests. */
    private final java.util.Queue<HttpCall> sent = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final int retries;
    private final Duration retryPause;
    private final boolean retryTimeouts;
    private final Duration maxRetryAfter;
    private final HttpClient jdkClient;
    /** The run's kept connections (http.resume-tls), or null: every call then closes its own. */
    @SuppressWarnings("deprecation")
    private final org.apache.http.impl.conn.PoolingClientConnectionManager keptConnections;

    public HttpProbe(Duration connectTimeout, Duration readTimeout, TlsTrust trust) {
        this(connectTimeout, readTimeout, trust, 0, Duration.ZERO, false, Duration.ZERO);
    }

    /**
     * @param retries       how many times a call that got no answer (refused, reset, timed out) is made again;
     *                      an answer, even a wrong one, is never retried
     * @param retryPause    the pause before each retry
     * @param maxRetryAfter the longest wait a "later" answer (429, or 503 with Retry-After) is granted, once per call;
     *                      a longer request to wait is judged at once; zero: never asked again (the single-call probe)
     */
    public HttpProbe(Duration connectTimeout, Duration readTimeout, TlsTrust trust, int retries, Duration retryPause,
                     boolean retryTimeouts, Duration maxRetryAfter) {
        this(connectTimeout, readTimeout, trust, retries, retryPause, retryTimeouts, maxRetryAfter, false);
    }

    /**
     * @param resumeTls one TLS context for every call, so a host's session is resumed instead of handshaken anew; off,
     *                  REST Assured builds a context per call and every call makes a first visitor's full handshake
     */
    public HttpProbe(Duration connectTimeout, Duration readTimeout, TlsTrust trust, int retries, Duration retryPause,
                     boolean retryTimeouts, Duration maxRetryAfter, boolean resumeTls) {
        this.retries = retries;
        this.maxRetryAfter = maxRetryAfter;
        this.retryTimeouts = retryTimeouts;
        this.retryPause = retryPause;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.trust = trust;
        HttpClientConfig client = HttpClientConfig.httpClientConfig()
                // Apache's client retries idempotent calls silently; retries here are ours, counted and shown
                .httpClientFactory(ApacheClients::withoutSilentRetries)
                .setParam("http.connection.timeout", (int) connectTimeout.toMillis())
                .setParam("http.socket.timeout", (int) readTimeout.toMillis())
                .setParam("http.connection-manager.timeout", connectTimeout.toMillis());
        this.keptConnections = resumeTls ? ApacheClients.keptConnections(trust) : null;
        if (keptConnections != null) {
            // a client per call as always (REST Assured adds its interceptors to the client it is given, so a shared
            // client would gunzip an answer once per earlier call), all drawing on the run's kept connections: no
            // handshake at all after a host's first
            client = client.httpClientFactory(() -> ApacheClients.clientOn(keptConnections));
        }
        this.config = RestAssuredConfig.config()
                .httpClient(client)
                .redirect(RedirectConfig.redirectConfig().followRedirects(true).maxRedirects(5))
                .sslConfig(resumeTls ? SSLConfig.sslConfig().sslSocketFactory(ApacheClients.sharedTls(trust))
                        : SSLConfig.sslConfig().trustStore(trust.trustStore()));
        this.jdkClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .sslContext(trust.sslContext())
                .build();
    }

    /** The run's probe, as its settings say (timeouts, retries, the longest "later" it waits for) and its trust. */
    public static HttpProbe of(com.aiqueryhub.monitor.config.Settings s, TlsTrust trust) {
        return new HttpProbe(s.get(com.aiqueryhub.monitor.config.Keys.HTTP_CONNECT_TIMEOUT),
                s.get(com.aiqueryhub.monitor.config.Keys.HTTP_READ_TIMEOUT), trust, s.get(com.aiqueryhub.monitor.config.Keys.HTTP_RETRIES),
                s.get(com.aiqueryhub.monitor.config.Keys.HTTP_RETRY_PAUSE), s.get(com.aiqueryhub.monitor.config.Keys.HTTP_RETRY_TIMEOUTS),
                s.get(com.aiqueryhub.monitor.config.Keys.HTTP_MAX_RETRY_AFTER), s.get(com.aiqueryhub.monitor.config.Keys.HTTP_RESUME_TLS));
    }

    /** Loads REST Assured's Groovy machinery once, so the first real probe's timing is not distorted. */
    public void warmUp() {
        send(HttpCall.get("http://127.0.0.1:9/warm-up"));
        sent.clear();
    }

    public HttpObservation send(HttpCall call) {
        return withRetries(() -> sendOnce(call));
    }

    /**
     * Makes the call until it gets an answer or the retries are used up; earlier failures stay visible. An answer that
     * says "later" (429, or 503 with Retry-After: a rate limit, a deploy in progress) is waited for as told, once,
     * when the wait is within {@code maxRetryAfter}; whatever the second answer is, it is the one judged.
     */
    private HttpObservation withRetries(java.util.function.Supplier<HttpObservation> attempt) {
        List<String> earlier = new ArrayList<>();
        HttpObservation result = attempt.get();
        int transportRetries = 0;
        boolean waitedAsTold = false;
        while (true) {
            Duration pause;
            if (retryable(result) && transportRetries < retries) {
                transportRetries++;
                pause = retryPause;
                earlier.add(result.summary() + " after " + result.elapsed().toMillis() + " ms");
            } else if (!waitedAsTold && !maxRetryAfter.isZero() && !maxRetryAfter.isNegative()
                    && askedToWait(result).filter(w -> w.compareTo(maxRetryAfter) <= 0).isPresent()) {
                waitedAsTold = true;
                pause = askedToWait(result).get();
                HttpObservation later = result;
                earlier.add("HTTP " + later.status() + " asking to wait " + human(pause) + " (" + later.header("Retry-After")
                        .map(v -> "Retry-After: " + v).or(() -> later.header("X-RateLimit-Reset").map(v -> "X-RateLimit-Reset: " + v))
                        .orElse("no wait named") + "); waited as told");
            } else {
                break;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            result = attempt.get();
        }
        return earlier.isEmpty() ? result : result.afterAttempts(earlier);
    }

    /**
     * How long an answer asks the caller to wait before calling again: a 429 (Retry-After, else the retry pause), or a
     * 503 that carries Retry-After (RFC 9110: delay-seconds or an HTTP date). Empty for every other answer.
     */
    Optional<Duration> askedToWait(HttpObservation o) {
        return laterAnswer(o) ? Optional.of(requestedWait(o).orElse(retryPause)) : Optional.empty();
    }

    /**
     * The wait a "later" answer names: Retry-After (RFC 9110), else X-RateLimit-Reset, the seconds until the window
     * resets (the Supabase Management API's documented header, sent on every answer; its 429 carries no Retry-After).
     */
    public static Optional<Duration> requestedWait(HttpObservation o) {
        return o.header("Retry-After").flatMap(HttpProbe::retryAfter)
                .or(() -> o.header("X-RateLimit-Reset").filter(v -> v.trim().matches("\\d{1,6}"))
                        .map(v -> Duration.ofSeconds(Long.parseLong(v.trim()))));
    }

    /** 429, or 503 with Retry-After: the server says "not now", not "broken". */
    public static boolean laterAnswer(HttpObservation o) {
        return o.answered() && (o.status() == 429 || (o.status() == 503 && o.header("Retry-After").isPresent()));
    }

    /** Retry-After as a wait: delay-seconds ("1"), or an HTTP date in the future (RFC 9110 section 10.2.3). */
    public static Optional<Duration> retryAfter(String value) {
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            java.time.ZonedDateTime at = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The longest wait a "later" answer is granted (http.max-retry-after). */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * Refused, reset and dropped connections are retried. A timeout only when {@code retryTimeouts}: it already
     * waited its whole timeout, and retrying doubles how long a hung endpoint holds the run. TLS failures are
     * never retried: a certificate does not fix itself in 500 ms.
     */
    private boolean retryable(HttpObservation o) {
        String reason = o.noAnswerReason().orElse(null);
        if (reason == null) {
            return false;
        }
        if (reason.contains("timed out")) {
            return retryTimeouts;
        }
        return reason.equals("connection refused") || reason.equals("connection reset")
                || reason.equals("connection closed without an answer");
    }

    /** Closes the kept connections, if any: none outlives the run. */
    @Override
    @SuppressWarnings("deprecation")
    public void close() {
        if (keptConnections != null) {
            keptConnections.shutdown();
        }
    }

    public List<HttpCall> sentCalls() {
        return List.copyOf(sent);
    }

    private HttpObservation sendOnce(HttpCall call) {
        sent.add(call);
        long start = System.nanoTime();
        try {
            RequestSpecification spec = RestAssured.given().config(config).urlEncodingEnabled(true);
            call.headers().forEach(spec::header);
            call.query().forEach(spec::queryParam);
            if (call.body() != null) {
                spec.body(call.body());
            }
            Response response = spec.request(call.method(), call.url());
            String body = cappedBody(response);
            Duration elapsed = Duration.ofMillis(response.getTime());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Header h : response.getHeaders()) {
                headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
            }
            return HttpObservation.answered(call, response.getStatusCode(), response.getStatusLine(), headers, body,
                    elapsed, HttpClient.Version.HTTP_1_1);
        } catch (Exception e) {
            return HttpObservation.noAnswer(call, describe(e, call.url()), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * Which protocol the server negotiates (HTTP/2 needs ALPN over TLS). REST Assured speaks HTTP/1.1 only,
     * so this one call goes through the JDK's client, with the same timeouts and trust.
     */
    public HttpObservation negotiateProtocol(HttpCall call) {
        return withRetries(() -> negotiateOnce(call));
    }

    private HttpObservation negotiateOnce(HttpCall call) {
        sent.add(call);
        long start = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.url()))
                    .timeout(readTimeout)
                    .method(call.method(), HttpRequest.BodyPublishers.noBody());
            call.headers().forEach(request::header);
            HttpResponse<String> response = jdkClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return HttpObservation.answered(call, response.statusCode(), null, response.headers().map(),
                    response.body(), Duration.ofNanos(System.nanoTime() - start), response.version());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpObservation.noAnswer(call, "interrupted", Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            return HttpObservation.noAnswer(call, describe(e, call.url()), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** At most {@link #MAX_BODY} bytes of the body: a 50 MB answer must not become a 50 MB string in a report. */
    private static String cappedBody(Response response) throws IOException {
        try (java.io.InputStream in = response.asInputStream()) {
            if (in == null) {
                return "";
            }
            byte[] head = in.readNBytes(MAX_BODY);
            boolean more = in.read() != -1;
            String text = new String(head, java.nio.charset.StandardCharsets.UTF_8);
            return more ? text + "\n... (body cut at " + MAX_BODY / 1024 + " kB)" : text;
        }
    }

    /** A transport failure in the words an on-call engineer uses, the same for every client (NetworkFailure). */
    String describe(Throwable error, String url) {
        return NetworkFailure.of(error, host(url), connectTimeout, readTimeout).words();
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
