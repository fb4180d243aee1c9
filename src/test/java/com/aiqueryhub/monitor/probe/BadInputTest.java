package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.run.CheckInfo;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.run.Severity;
import com.aiqueryhub.monitor.sandbox.SandboxPki;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whatever a server sends back, or fails to, a probe ends with an observation and a check with a clear
 * one-line failure: never a hang, an out-of-memory error or a stack trace as the message.
 */
class BadInputTest {

    private final HttpProbe probe = new HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(2), TlsTrust.of(null));
    private WireMockServer server;
    private String base;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        server.start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** A check of a real deployment's settings (staging: nothing starts), judging what these servers answer. */
    private static CheckContext check() {
        RunContext run = RunContext.start(Settings.load(java.util.Map.of("env", "staging"), java.util.Map.of()));
        return new CheckContext(run, new CheckInfo("bad-input.answer", "judges a bad answer", "daily", Severity.HIGH,
                "none", "Tests", "Bad input", "", "runbook#bad-input", List.of(), List.of(), null));
    }

    @Test
    void htmlWhereJsonWasExpectedIsAWrongAnswer() {
        server.stubFor(get("/v1/projects/x").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Bad gateway page</body></html>")));

        HttpObservation o = probe.send(HttpCall.get(base + "/v1/projects/x"));

        assertThat(o.json()).isEmpty();
        assertThatThrownBy(() -> check().that(o).hasJsonValue("status", "ACTIVE_HEALTHY"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected status = ACTIVE_HEALTHY; observed HTTP 200 <html><body>Bad gateway page</body></html> — GET "
                        + base + "/v1/projects/x");
    }

    @Test
    void truncatedJsonIsAWrongAnswer() {
        server.stubFor(get("/v1/projects/x").willReturn(aResponse().withStatus(200).withBody("{\"status\":\"ACTIVE_HEAL")));

        HttpObservation o = probe.send(HttpCall.get(base + "/v1/projects/x"));

        assertThat(o.json()).isEmpty();
        assertThatThrownBy(() -> check().that(o).hasJsonBody("{\"status\":\"ACTIVE_HEALTHY\"}"))
                .hasMessageStartingWith("expected body {\"status\":\"ACTIVE_HEALTHY\"}; observed non-JSON body '{\"status\":\"ACTIVE_HEAL'");
    }

    @Test
    void aFiftyMegabyteBodyIsCut() {
        server.stubFor(get("/huge").willReturn(aResponse().withStatus(200).withBody(new byte[50 * 1024 * 1024])));

        // what is proven is the cut, not the speed: a read timeout no busy machine reaches
        HttpObservation o = new HttpProbe(Duration.ofSeconds(30), Duration.ofSeconds(30), TlsTrust.of(null))
                .send(HttpCall.get(base + "/huge"));

        assertThat(o.status()).isEqualTo(200);
        assertThat(o.body().length()).isLessThan(HttpProbe.MAX_BODY + 100);
        assertThat(o.body()).endsWith("(body cut at 1024 kB)");
        assertThat(o.evidence().length()).isLessThan(10_000);
    }

    @Test
    void aRedirectLoopIsNamed() {
        server.stubFor(get("/a").willReturn(aResponse().withStatus(302).withHeader("Location", "/b")));
        server.stubFor(get("/b").willReturn(aResponse().withStatus(302).withHeader("Location", "/a")));

        HttpObservation o = probe.send(HttpCall.get(base + "/a"));

        assertThat(o.answered()).isFalse();
        assertThat(o.summary()).startsWith("no answer (redirect loop");
    }

    @Test
    void tlsToAPlainHttpPortIsAHandshakeFailure() {
        HttpObservation o = probe.send(HttpCall.get("https://127.0.0.1:" + server.port() + "/"));

        assertThat(o.summary()).startsWith("no answer (TLS handshake failed");
    }

    @Test
    void anExpiredCertificateIsNamed(@TempDir Path dir) {
        SandboxPki pki = SandboxPki.create(dir);
        Instant now = Instant.now();
        Path keystore = pki.serverKeystore("expired.jks", "localhost", now.minus(30, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        WireMockServer expired = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(keystore.toString()).keystoreType(SandboxPki.KEYSTORE_TYPE).keystorePassword(SandboxPki.KEYSTORE_PASSWORD)
                .keyManagerPassword(SandboxPki.KEYSTORE_PASSWORD).notifier(new ConsoleNotifier(false)));
        expired.start();
        try {
            TlsTrust trust = TlsTrust.of(pki.caPem().toString());
            HttpObservation o = new HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(2), trust)
                    .send(HttpCall.get("https://localhost:" + expired.httpsPort() + "/"));
            CertificateObservation cert = new TlsProbe(trust, Duration.ofSeconds(1), Duration.ofSeconds(2))
                    .inspect(java.net.URI.create("https://localhost:" + expired.httpsPort()));

            assertThat(o.summary()).startsWith("no answer (TLS handshake failed").containsIgnoringCase("expired");
            assertThat(cert.verified()).isFalse();
            assertThat(cert.daysLeft()).isNegative();
        } finally {
            expired.stop();
        }
    }

    @Test
    void aHostThatResolvesNowhereIsNamed() {
        HttpProbe patient = new HttpProbe(Duration.ofSeconds(60), Duration.ofSeconds(60), TlsTrust.of(null));
        HttpObservation o = patient.send(HttpCall.get("https://status.nowhere.invalid/api/v2/summary.json"));

        assertThat(o.summary()).isEqualTo("no answer (name not resolved: status.nowhere.invalid)");
        // said at once, not after the minute a connection may take
        assertThat(o.elapsed()).isLessThan(Duration.ofSeconds(30));
    }

    /** One network cause, one wording: every client the suite uses names an unresolvable host the same way. */
    @Test
    void everyClientNamesAnUnresolvableHostTheSameWay() {
        String words = "name not resolved: www.nowhere.invalid";

        assertThat(probe.negotiateProtocol(HttpCall.request("HEAD", "https://www.nowhere.invalid/")).summary())
                .as("the JDK client (HTTP/2 negotiation)").isEqualTo("no answer (" + words + ")");
        assertThat(new TlsProbe(TlsTrust.of(null), Duration.ofSeconds(1), Duration.ofSeconds(1))
                .inspect(java.net.URI.create("https://www.nowhere.invalid/")).noAnswer()).as("the TLS probe").isEqualTo(words);
        assertThat(new DatabaseProbe("jdbc:postgresql://www.nowhere.invalid:5432/postgres", "monitor", "pw", Duration.ofSeconds(1),
                Duration.ofSeconds(1)).query("select 1").error()).as("the database driver").isEqualTo("database unreachable: " + words);
        assertThat(NetworkFailure.ofChromium("net::ERR_NAME_NOT_RESOLVED", "www.nowhere.invalid")).as("Chromium")
                .hasValueSatisfying(f -> assertThat(f.words()).isEqualTo(words));
    }

    @Test
    void aDatabaseThatAcceptsTheConnectionAndNeverAnswersFailsWithinItsTimeout() throws IOException {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try {
                    held.add(silent.accept());
                } catch (IOException ignored) {
                    // closed by the test
                }
            });
            t.setDaemon(true);
            t.start();
            DatabaseProbe db = new DatabaseProbe("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/postgres", "monitor",
                    "pw", Duration.ofSeconds(1), Duration.ofSeconds(1));

            DbObservation o = db.query("select 1");

            assertThat(o.answered()).isFalse();
            // a silent server would hold the call for ever: ended by its 1 s timeouts, far inside this bound
            assertThat(o.elapsed()).isLessThan(Duration.ofSeconds(30));
            assertThat(o.error()).doesNotContain("\tat ").doesNotContain("\n");
        }
    }
}
