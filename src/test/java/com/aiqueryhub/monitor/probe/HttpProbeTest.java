package com.aiqueryhub.monitor.probe;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.params.CoreConnectionPNames;
import org.apache.http.params.CoreProtocolPNames;
import org.apache.http.params.HttpParams;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Transport failures become observations with a reason, within the probe's timeouts. */
class HttpProbeTest {

    private final HttpProbe probe = new HttpProbe(Duration.ofSeconds(1), Duration.ofMillis(700), TlsTrust.of(null));

    @Test
    void refusedConnectionIsAnObservationNotAnException() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpObservation o = probe.send(HttpCall.get("http://127.0.0.1:" + port + "/"));

        assertThat(o.answered()).isFalse();
        assertThat(o.summary()).isEqualTo("no answer (connection refused)");
    }

    @Test
    void silentServerTimesOutWithinTheReadTimeout() throws IOException {
        List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    held.add(silent.accept());
                } catch (IOException ignored) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            HttpObservation o = probe.send(HttpCall.get("http://127.0.0.1:" + silent.getLocalPort() + "/"));

            // the connection was accepted: what ran out was the read timeout, not the connect timeout
            await().atMost(Duration.ofSeconds(30)).until(() -> held.size() == 1);
            assertThat(o.summary()).isEqualTo("no answer (timed out: no response within 700 ms)");
            // at least the timeout; at most far less than the for-ever a silent server would take
            assertThat(o.elapsed()).isBetween(Duration.ofMillis(600), Duration.ofSeconds(30));
        }
    }

    @Test
    void aWrongAnswerIsNeverRetriedAndADroppedConnectionIs() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        server.start();
        try {
            server.stubFor(get("/error").willReturn(aResponse().withStatus(500)));
            server.stubFor(get("/blip").inScenario("blip").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
            server.stubFor(get("/blip").inScenario("blip").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200)));
            HttpProbe retrying = new HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(1), TlsTrust.of(null), 2,
                    Duration.ofMillis(50), false, Duration.ZERO);
            String base = "http://127.0.0.1:" + server.port();

            HttpObservation error = retrying.send(HttpCall.get(base + "/error"));
            HttpObservation blip = retrying.send(HttpCall.get(base + "/blip"));

            assertThat(error.status()).isEqualTo(500);
            assertThat(error.earlierAttempts()).isEmpty();
            server.verify(1, getRequestedFor(urlEqualTo("/error")));
            assertThat(blip.status()).isEqualTo(200);
            assertThat(blip.earlierAttempts()).singleElement().asString().startsWith("no answer (connection reset)");
            assertThat(blip.evidence()).startsWith("attempt 1: no answer (connection reset)");
            server.verify(2, getRequestedFor(urlEqualTo("/blip")));
        } finally {
            server.stop();
        }
    }

    /**
     * The clients are made with Apache's defaults written out (ApacheClients), not looked up per call: what a server
     * receives is what Apache's own default client sends, with the run's connections kept or not.
     */
    @Test
    @SuppressWarnings("deprecation")
    void aCallCarriesApachesOwnDefaults() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        server.start();
        HttpParams apaches = new DefaultHttpClient().getParams();
        try {
            server.stubFor(get("/agent").willReturn(aResponse().withStatus(200)));
            for (boolean kept : new boolean[]{false, true}) {
                try (HttpProbe probe = new HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(1), TlsTrust.of(null), 0,
                        Duration.ZERO, false, Duration.ZERO, kept)) {
                    assertThat(probe.send(HttpCall.get("http://127.0.0.1:" + server.port() + "/agent")).status()).isEqualTo(200);
                }
            }
            String agent = (String) apaches.getParameter(CoreProtocolPNames.USER_AGENT);
            assertThat(agent).startsWith("Apache-HttpClient/");
            server.verify(2, getRequestedFor(urlEqualTo("/agent")).withHeader("User-Agent", equalTo(agent)));
            HttpParams ours = ApacheClients.defaultParams();
            for (String name : new String[]{CoreProtocolPNames.PROTOCOL_VERSION,
                    CoreProtocolPNames.HTTP_CONTENT_CHARSET, CoreConnectionPNames.TCP_NODELAY,
                    CoreConnectionPNames.SOCKET_BUFFER_SIZE, CoreProtocolPNames.USER_AGENT}) {
                assertThat(ours.getParameter(name)).as(name).isEqualTo(apaches.getParameter(name));
            }
        } finally {
            server.stop();
        }
    }

    /** 429, and 503 with Retry-After, say "later": waited for once, as told, within http.max-retry-after. */
    @Test
    void anAnswerThatSaysLaterIsWaitedForOnceAsTold() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        server.start();
        try {
            for (String path : new String[]{"/limited", "/deploying", "/reset-header"}) {
                server.stubFor(get(path).inScenario(path).whenScenarioStateIs(Scenario.STARTED).willReturn(path.equals("/deploying")
                        ? aResponse().withStatus(503).withHeader("Retry-After", "1")
                        : path.equals("/limited") ? aResponse().withStatus(429).withHeader("Retry-After", "1")
                        : aResponse().withStatus(429).withHeader("X-RateLimit-Reset", "1")).willSetStateTo("ok"));
                server.stubFor(get(path).inScenario(path).whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200)));
            }
            server.stubFor(get("/always").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
            server.stubFor(get("/too-long").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
            server.stubFor(get("/down").willReturn(aResponse().withStatus(503)));
            HttpProbe probe = new HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(1), TlsTrust.of(null), 1,
                    Duration.ofMillis(50), false, Duration.ofSeconds(10));
            String base = "http://127.0.0.1:" + server.port();

            long start = System.nanoTime();
            HttpObservation limited = probe.send(HttpCall.get(base + "/limited"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited the second it was asked to")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(limited.status()).isEqualTo(200);
            assertThat(limited.earlierAttempts()).singleElement().asString()
                    .isEqualTo("HTTP 429 asking to wait 1 s (Retry-After: 1); waited as told");
            assertThat(probe.send(HttpCall.get(base + "/deploying")).status()).isEqualTo(200);
            assertThat(probe.send(HttpCall.get(base + "/reset-header")).earlierAttempts()).singleElement().asString()
                    .contains("X-RateLimit-Reset: 1");

            HttpObservation always = probe.send(HttpCall.get(base + "/always"));
            assertThat(always.status()).as("judged after one wait, never a second").isEqualTo(429);
            server.verify(2, getRequestedFor(urlEqualTo("/always")));

            HttpObservation tooLong = probe.send(HttpCall.get(base + "/too-long"));
            assertThat(tooLong.earlierAttempts()).as("a minute is longer than http.max-retry-after: not waited").isEmpty();
            server.verify(1, getRequestedFor(urlEqualTo("/too-long")));
            assertThat(HttpProbe.requestedWait(tooLong)).contains(Duration.ofSeconds(60));

            assertThat(probe.send(HttpCall.get(base + "/down")).earlierAttempts()).as("a 503 that names no wait is an answer")
                    .isEmpty();
            server.verify(1, getRequestedFor(urlEqualTo("/down")));
        } finally {
            server.stop();
        }
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(HttpProbe.retryAfter("120")).contains(Duration.ofSeconds(120));
        String inTwoMinutes = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(2));
        assertThat(HttpProbe.retryAfter(inTwoMinutes)).hasValueSatisfying(d -> assertThat(d)
                .isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121)));
        assertThat(HttpProbe.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).as("a date in the past: now").contains(Duration.ZERO);
        assertThat(HttpProbe.retryAfter("soon")).isEmpty();
    }

    @Test
    void evidenceShowsRequestAndNoAnswer() {
        HttpObservation o = HttpObservation.noAnswer(HttpCall.get("https://a.example/x").header("Authorization", "Bearer t")
                .queryParam("q", "1"), "connection refused", Duration.ofMillis(5));

        assertThat(o.evidence()).startsWith("GET https://a.example/x?q=1\nAuthorization: Bearer t\n")
                .contains("no answer after 5 ms: connection refused");
        assertThat(o.endpoint()).isEqualTo("GET https://a.example/x");
    }

    /**
     * The client ports a plain HTTP server saw, one per call: the same port twice is one connection kept between calls.
     */
    private static List<Integer> clientPortsOf(HttpProbe probe, int calls) throws IOException {
        List<Integer> ports = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            ports.add(exchange.getRemoteAddress().getPort());
            // compressed, as every real host answers: a client that decodes twice (REST Assured adds its gzip
            // interceptor to whatever client it is given) fails from the second call on
            java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(gzipped)) {
                gz.write("{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, gzipped.size());
            exchange.getResponseBody().write(gzipped.toByteArray());
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ping";
        try {
            // a run's checks call at once: four callers, each making its calls one after another
            java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<List<HttpObservation>>> made = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                made.add(callers.submit(() -> {
                    List<HttpObservation> mine = new ArrayList<>();
                    for (int i = 0; i < calls; i++) {
                        mine.add(probe.send(HttpCall.get(url)));
                    }
                    return mine;
                }));
            }
            callers.shutdown();
            for (java.util.concurrent.Future<List<HttpObservation>> f : made) {
                for (HttpObservation o : f.get(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    assertThat(o.status()).as(o.summary()).isEqualTo(200);
                    assertThat(o.body()).isEqualTo("{\"ok\":true}");
                }
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        } finally {
            server.stop(0);
        }
        return ports;
    }

    /** Production measures what a first visitor meets: every call a connection (and a handshake) of its own. */
    @Test
    void everyCallOpensItsOwnConnectionByDefault() throws IOException {
        // timeouts far from a loopback answer's milliseconds, on any machine: this counts connections, nothing else
        HttpProbe firstVisitor = new HttpProbe(Duration.ofSeconds(5), Duration.ofSeconds(5), TlsTrust.of(null));

        List<Integer> ports = clientPortsOf(firstVisitor, 3);

        assertThat(ports).hasSize(12).doesNotHaveDuplicates();
    }

    /** The sandbox's self-tests keep a run's connections (http.resume-tls): a caller's calls after its first make none. */
    @Test
    void keptConnectionsServeTheCallsThatFollow() throws IOException {
        HttpProbe keeping = new HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(5), TlsTrust.of(null), 0, Duration.ZERO,
                false, Duration.ZERO, true);

        List<Integer> ports = clientPortsOf(keeping, 3);

        // twelve calls, four at a time: at most four connections, each serving the calls after its first
        assertThat(ports).hasSize(12);
        assertThat(new java.util.HashSet<>(ports)).hasSizeLessThanOrEqualTo(4);
    }
}
