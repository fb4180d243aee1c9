package com.aiqueryhub.monitor.runner;

import com.aiqueryhub.monitor.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The warm runner in this JVM against a sandbox it starts once and keeps: its scrape and health while cycles run, ticks
 * skipped (never overlapped) while a cycle overruns, and, where Debian's Prometheus is installed (.ci/run installs it),
 * the alert rules over a real scrape: a fault switched on mid-run fires SyntheticCheckFailing for its check, switched off
 * resolves it, and the runner stopped fires SyntheticMonitorStale.
 */
class RunnerSelfTest {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    /** What the runner printed: its lines name cycles UNHEALTHY on purpose, which the build's log must not show. */
    private final java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();

    @Test
    void cyclesAreScrapedWhileTheyRunAndTheHealthSaysOnTime() throws Exception {
        // every 30 s: on time for a minute, however long this machine takes over the first cycle
        Runner runner = runner(Map.of(), "--groups", "smoke", "--every", "30s", "--cycles", "1");
        int port = runner.start().orElseThrow();
        String base = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(base + "/metrics").body().contains("synthetic_monitor_check_success{groups=\"smoke\""));
        HttpResponse<String> health = get(base + "/healthz");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).startsWith("smoke: on time (every 30.0 s;");
        String metrics = get(base + "/metrics").body();
        assertThat(metrics).contains("synthetic_monitor_check_success{groups=\"smoke\",cadence=\"smoke\",check=\"quick-health.slack\"",
                "synthetic_monitor_run_healthy{groups=\"smoke\",environment=\"local\",location=\"runner-selftest\"} 1",
                "synthetic_monitor_runner_cycles_total{environment=\"local\",groups=\"smoke\",location=\"runner-selftest\"}",
                "synthetic_monitor_runner_cycle_seconds{", "synthetic_monitor_runner_heap_used_bytes ");
        assertThat(get(base + "/nothing").statusCode()).isEqualTo(404);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("read-only").isEqualTo(405);

        assertThat(runner.awaitEnd(Duration.ofSeconds(60))).isTrue();
        runner.stop();
        JsonNode summary = Json.parse(Files.readString(work.resolve("reports/summary.json"))).orElseThrow();
        assertThat(summary.path("verdict").asText()).isEqualTo("HEALTHY");
        assertThat(summary.path("tagExpression").asText()).isEqualTo("smoke");
        assertThat(Files.readString(work.resolve("reports/history/monitor-runs.json"))).contains("\"groups\":\"smoke\"");
    }

    /**
     * {@code cycles} smoke cycles with ticks every 300 ms while the webhooks answer 1.3 s late (the p95 limit plus a
     * second): every cycle outlasts several ticks. The runner's /metrics once they ran.
     */
    private String slowCycles(int cycles) throws Exception {
        Files.writeString(work.resolve("faults"), "slow-functions\n");
        Runner runner = runner(Map.of("threshold.p95", "300ms"), "--groups", "smoke", "--every", "300ms", "--cycles",
                String.valueOf(cycles));
        int port = runner.start().orElseThrow();
        assertThat(runner.awaitEnd(Duration.ofSeconds(60))).isTrue();
        String metrics = get("http://127.0.0.1:" + port + "/metrics").body();
        runner.stop();
        assertThat(value(metrics, "synthetic_monitor_runner_cycles_total{")).isEqualTo(cycles);
        assertThat(value(metrics, "synthetic_monitor_runner_cycle_seconds{")).isGreaterThan(1.3);
        return metrics;
    }

    @Test
    void aTickWhileTheCycleStillRunsIsSkippedAndCounted() throws Exception {
        // the first cycle is the runner's start (the next follows it at once); the second's overrun skips the ticks after it
        String metrics = slowCycles(3);

        assertThat(value(metrics, "synthetic_monitor_runner_cycles_skipped_total{")).as(metrics).isGreaterThanOrEqualTo(2);
        assertThat(lines.toString(StandardCharsets.UTF_8)).contains("[runner] smoke: tick skipped, the previous cycle is still "
                + "waiting or running", "[runner] smoke cycle 3: ");
    }

    @Test
    void aFirstCycleLongerThanTheIntervalIsTheRunnersStartNotASkip() throws Exception {
        // as a cold JVM's first cycle can outlast a short interval: the second follows it at once, no tick fell meanwhile
        String metrics = slowCycles(2);

        assertThat(value(metrics, "synthetic_monitor_runner_cycles_skipped_total{")).as(metrics).isZero();
        assertThat(lines.toString(StandardCharsets.UTF_8)).doesNotContain("tick skipped");
    }

    @Test
    void aMistypedFaultIsAMisconfiguredCycleNeverADeadRunner() throws Exception {
        Files.writeString(work.resolve("faults"), "db-dwon\n");
        Runner runner = runner(Map.of(), "--groups", "smoke", "--every", "30s", "--cycles", "1");
        runner.start().orElseThrow();
        assertThat(runner.awaitEnd(Duration.ofSeconds(60))).isTrue();
        runner.stop();
        JsonNode summary = Json.parse(Files.readString(work.resolve("reports/summary.json"))).orElseThrow();
        assertThat(summary.path("verdict").asText()).isEqualTo("MISCONFIGURED");
        assertThat(summary.path("verdictLine").asText()).contains("db-dwon");
        assertThat(Files.readString(work.resolve("reports/metrics.prom"))).contains("synthetic_monitor_run_misconfigured{");
        assertThat(lines.toString(StandardCharsets.UTF_8)).contains("[runner] the sandbox did not start: ", "[runner] smoke cycle 1: MISCONFIGURED");
    }

    @Test
    void prometheusFiresForAFaultSwitchedOnMidRunAndWhenTheRunnerStops() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PROMETHEUS), "no Prometheus: apt-get install prometheus to run the runner's "
                + "scrape test");
        Path faults = Files.writeString(work.resolve("faults"), "");
        Runner runner = runner(Map.of(), "--groups", "smoke", "--every", "1s");
        int port = runner.start().orElseThrow();
        int prometheusPort = freePort();
        String prometheus = "http://127.0.0.1:" + prometheusPort;
        // the rules as shipped, but for the two minutes the runner's rules wait before they page (rules.test.yml proves
        // those minutes with promtool)
        Path rules = Files.writeString(work.resolve("rules.yml"), Files.readString(Path.of("ci/prometheus/rules.yml"))
                .replace("for: 2m", "for: 0s"));
        Path config = Files.writeString(work.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: synthetic_monitor_runner
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(rules, port));
        Process p = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config, "--storage.tsdb.path=" + work.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + prometheusPort).redirectErrorStream(true)
                .redirectOutput(work.resolve("prometheus.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> query(prometheus, "synthetic_monitor_check_success{check=\"quick-health.slack\"} == 1").size() == 1);

            Files.writeString(faults, "slack-secret-rotated\n");
            JsonNode firing = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> alert(prometheus, "SyntheticCheckFailing", "quick-health.slack"), a -> a != null);
            assertThat(firing.path("labels").path("groups").asText()).isEqualTo("smoke");
            assertThat(firing.path("labels").path("severity").asText()).isEqualTo("critical");
            assertThat(firing.path("annotations").path("runbook_url").asText()).contains("#");
            assertThat(lines.toString(StandardCharsets.UTF_8)).contains("[runner] sandbox faults switched: none -> slack-secret-rotated");

            Files.writeString(faults, "");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> alert(prometheus, "SyntheticCheckFailing", "quick-health.slack") == null);

            runner.stop();
            JsonNode stale = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> alert(prometheus, "SyntheticMonitorStale", null), a -> a != null);
            assertThat(stale.path("labels").path("reason").asText()).isEqualTo("runner down");
        } finally {
            runner.stop();
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    // ---- helpers ----

    /** A runner on a free loopback port, its reports and faults file in this test's folder, the browser off. */
    private Runner runner(Map<String, String> extra, String... args) {
        Map<String, String> settings = new HashMap<>(Map.of("env", "local", "browser.enabled", "false",
                "monitor.location", "runner-selftest", "monitor.report.dir", work.resolve("reports").toString(),
                KeptSandbox.FAULTS_FILE, work.resolve("faults").toString()));
        settings.putAll(extra);
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--metrics-port", "0", "--metrics-address", "127.0.0.1")).toArray(String[]::new);
        // no environment variables: a developer's own settings must not change the test
        return new Runner(RunnerOptions.parse(all), settings, Map.of(), new java.io.PrintStream(lines, true, StandardCharsets.UTF_8));
    }

    private static double value(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.List<JsonNode> query(String prometheus, String q) throws IOException, InterruptedException {
        JsonNode answer = Json.parse(get(prometheus + "/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).body())
                .orElseThrow();
        return StreamSupport.stream(answer.path("data").path("result").spliterator(), false).toList();
    }

    /** The firing alert {@code name} (of {@code check}, when given), or null. */
    private static JsonNode alert(String prometheus, String name, String check) throws IOException, InterruptedException {
        JsonNode alerts = Json.parse(get(prometheus + "/api/v1/alerts").body()).orElseThrow().path("data").path("alerts");
        return StreamSupport.stream(alerts.spliterator(), false)
                .filter(a -> a.path("labels").path("alertname").asText().equals(name))
                .filter(a -> a.path("state").asText().equals("firing"))
                .filter(a -> check == null || a.path("labels").path("check").asText().equals(check)).findFirst().orElse(null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
