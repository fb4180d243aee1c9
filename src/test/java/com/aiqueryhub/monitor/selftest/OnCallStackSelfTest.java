package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.checks.smoke.SmokeChecks;
import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
import com.aiqueryhub.monitor.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The suite inside the on-call stack teams run, proven against the real programs (Debian's prometheus,
 * prometheus-pushgateway and prometheus-alertmanager, which .ci/run installs; skipped with one line where they are
 * absent): pushed runs make ci/prometheus/rules.yml's alert fire and clear, every cadence keeps its own series, every
 * Grafana panel's query returns series, and notify.alertmanager.url's posts reach a receiver through Alertmanager and
 * resolve.
 */
// among the first started (see pom.xml, surefire's class order): its longest runs must not be the build's last
@org.junit.jupiter.api.Order(3)
class OnCallStackSelfTest {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PUSHGATEWAY = Path.of("/usr/bin/prometheus-pushgateway");
    private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<Process> STARTED = new ArrayList<>();

    @TempDir
    static Path work;

    private static String pushgateway;
    private static String prometheus;

    @BeforeAll
    static void startPrometheusAndPushgateway() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PROMETHEUS) && Files.isExecutable(PUSHGATEWAY),
                "no Prometheus or Pushgateway: apt-get install prometheus prometheus-pushgateway to run the on-call stack test");
        int gatewayPort = freePort();
        pushgateway = "http://127.0.0.1:" + gatewayPort;
        // Debian's build keeps pushed series in a file by default: this one keeps them in memory only
        start(PUSHGATEWAY.toString(), "--web.listen-address=127.0.0.1:" + gatewayPort, "--persistence.file=");
        awaitUp(pushgateway + "/-/ready");

        int prometheusPort = freePort();
        prometheus = "http://127.0.0.1:" + prometheusPort;
        Path rules = Path.of("ci/prometheus/rules.yml").toAbsolutePath();
        Path config = Files.writeString(work.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: pushgateway
                    honor_labels: true
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(rules, gatewayPort));
        start(PROMETHEUS.toString(), "--config.file=" + config, "--storage.tsdb.path=" + work.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + prometheusPort);
        awaitUp(prometheus + "/-/ready");
    }

    @AfterAll
    static void stopAll() {
        STARTED.forEach(OnCallStackSelfTest::stop);
        STARTED.clear();
    }

    @Test
    void pushedRunsFireAndClearTheAlertKeepEachCadenceAndFeedEveryPanel() throws Exception {
        String folder = CheckRun.freshReportDir().toString();
        Map<String, String> pushing = Map.of("pushgateway.url", pushgateway, "monitor.location", "e2e", "monitor.report.dir", folder);

        CheckRun.runTagged(pushing, "daily", DailyChecks.CLASSES); // healthy: every check has a last success
        CheckRun.runTagged(with(pushing, "sandbox.faults", "db-down"), "daily", DailyChecks.CLASSES);
        JsonNode firing = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> alert("SyntheticCheckFailing", "database.sql"), a -> a != null);
        assertThat(firing.path("state").asText()).isIn("pending", "firing");
        assertThat(firing.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(firing.path("labels").path("groups").asText()).isEqualTo("daily");
        assertThat(firing.path("annotations").path("runbook_url").asText()).contains("#");
        assertThat(firing.path("annotations").path("remedy").asText()).isNotBlank();

        // the weekly run's figures (response times) feed the dashboard's figure panels
        CheckRun.runTagged(with(with(pushing, "performance.samples", "2"), "metrics.sample-interval", "200ms"), "weekly",
                WeeklyChecks.CLASSES[0]);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !series("synthetic_monitor_figure{figure=\"p95_seconds\"}").isEmpty());
        for (String query : dashboardQueries()) {
            assertThat(series(query)).as("the dashboard's query %s returns series", query).isNotEmpty();
        }

        CheckRun.runTagged(pushing, "daily", DailyChecks.CLASSES);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> alert("SyntheticCheckFailing", "database.sql") == null);

        // a smoke run every ten minutes never replaces the daily run's series
        int daily = series("synthetic_monitor_check_success{groups=\"daily\"}").size();
        CheckRun.runTagged(pushing, "smoke", Stream.of(SmokeChecks.CLASSES, DailyChecks.CLASSES).flatMap(Stream::of).toArray(Class<?>[]::new));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !series("synthetic_monitor_check_success{groups=\"smoke\"}").isEmpty());
        assertThat(series("synthetic_monitor_check_success{groups=\"daily\"}")).as("the daily checks' series").hasSize(daily);
        assertThat(daily).isGreaterThan(10);
    }

    @Test
    void theSuitesOwnAlertsReachAReceiverThroughAlertmanagerAndResolve() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ALERTMANAGER),
                "no Alertmanager: apt-get install prometheus-alertmanager to run the Alertmanager test");
        WireMockServer receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        receiver.start();
        try {
            receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
            int port = freePort();
            String alertmanager = "http://127.0.0.1:" + port;
            Path config = Files.writeString(work.resolve("alertmanager.yml"), """
                    route:
                      receiver: loopback
                      group_by: [alertname, environment]
                      group_wait: 1s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: loopback
                        webhook_configs:
                          - url: http://127.0.0.1:%d/hook
                            send_resolved: true
                    """.formatted(receiver.port()));
            Process process = start(ALERTMANAGER.toString(), "--config.file=" + config, "--storage.path=" + work.resolve("am"),
                    "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=");
            try {
                awaitUp(alertmanager + "/-/ready");
                String folder = CheckRun.freshReportDir().toString();
                Map<String, String> posting = Map.of("notify.alertmanager.url", alertmanager, "monitor.location", "e2e",
                        "monitor.report.dir", folder);

                CheckRun.Result failing = CheckRun.run(with(posting, "sandbox.faults", "db-down"), DailyChecks.CLASSES);
                assertThat(failing.summary().path("notifications").toString()).contains("alertmanager", "delivered");
                JsonNode fired = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                        .until(() -> hookMessage(receiver, "firing"), m -> m != null);
                assertThat(fired.path("groupLabels").path("environment").asText()).as("grouped per environment").isEqualTo("local");
                JsonNode alert = fired.path("alerts").get(0);
                assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("SyntheticCheckFailing");
                assertThat(alert.path("labels").path("check").asText()).isEqualTo("database.sql");
                assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
                assertThat(alert.path("annotations").path("runbook_url").asText()).contains("#");

                CheckRun.run(posting, DailyChecks.CLASSES);
                JsonNode resolved = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                        .until(() -> hookMessage(receiver, "resolved"), m -> m != null);
                assertThat(resolved.path("alerts").get(0).path("labels").path("check").asText()).isEqualTo("database.sql");
            } finally {
                stop(process);
            }
        } finally {
            receiver.stop();
        }
    }

    // ---- helpers ----

    /** The active alert {@code name} of {@code check} in Prometheus, or null. */
    private static JsonNode alert(String name, String check) throws IOException, InterruptedException {
        JsonNode alerts = get(prometheus + "/api/v1/alerts").path("data").path("alerts");
        return StreamSupport.stream(alerts.spliterator(), false)
                .filter(a -> a.path("labels").path("alertname").asText().equals(name))
                .filter(a -> a.path("labels").path("check").asText().equals(check)).findFirst().orElse(null);
    }

    private static List<JsonNode> series(String query) throws IOException, InterruptedException {
        JsonNode answer = get(prometheus + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(answer.path("status").asText()).as("Prometheus evaluates %s: %s", query, answer).isEqualTo("success");
        List<JsonNode> out = new ArrayList<>();
        answer.path("data").path("result").forEach(out::add);
        return out;
    }

    /** Every query of the Grafana dashboard, its variables filled in as a user's first look would. */
    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = Json.parse(Files.readString(Path.of("ci/grafana/synthetic-monitor.json"))).orElseThrow();
        List<String> out = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> {
            if (t.path("expr").isTextual()) {
                out.add(t.path("expr").asText().replace("$environment", "local").replace("$location", "e2e")
                        .replace("$figure", ".*").replace("$uptime_window", "1h").replace("$__range", "1h"));
            }
        }));
        assertThat(out).as("panel queries").hasSizeGreaterThan(5);
        return out;
    }

    /** The newest webhook message Alertmanager sent with {@code status}, or null. */
    private static JsonNode hookMessage(WireMockServer receiver, String status) {
        return receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).stream()
                .map(r -> Json.parse(r.getBodyAsString()).orElseThrow())
                .filter(m -> m.path("status").asText().equals(status)).reduce((a, b) -> b).orElse(null);
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.parse(r.body()).orElseThrow(() -> new IOException("not JSON from " + url + ": HTTP " + r.statusCode()));
    }

    private static Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(Path.of(command[0]).getFileName() + ".log").toFile()).start();
        STARTED.add(p);
        return p;
    }

    private static void awaitUp(String url) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
