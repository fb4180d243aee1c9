package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.probe.Prometheus;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every run leaves its series: reports/metrics.prom always, and the same series in a real Pushgateway (Debian's
 * prometheus-pushgateway, which .ci/run installs and starts on loopback) when pushgateway.url is set.
 */
class MetricsSelfTest {

    @Test
    void everyRunWritesItsChecksAsPrometheusSeries() throws IOException {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "db-down", "monitor.location", "runner \"eu\"\\1"),
                DailyChecks.CLASSES);

        List<Prometheus.Sample> samples = Prometheus.parse(result.file("metrics.prom"));
        Map<String, Double> success = samples.stream().filter(s -> s.name().equals("synthetic_monitor_check_success"))
                .collect(Collectors.toMap(s -> s.labels().get("check"), Prometheus.Sample::value));
        Set<String> ran = new TreeSet<>(result.byId().keySet());
        ran.removeAll(result.withStatus("skipped")); // a skipped check writes no sample
        assertThat(success.keySet()).isEqualTo(ran);
        assertThat(success).containsEntry("database.sql", 0.0).containsEntry("frontend.status", 1.0);
        assertThat(samples).filteredOn(s -> s.name().equals("synthetic_monitor_check_success"))
                .allSatisfy(s -> assertThat(s.labels()).containsKeys("check", "cadence", "severity", "environment", "location")
                        .containsEntry("environment", "local"));
        // label values are escaped, not broken: the location's quote and backslash survive a round trip
        assertThat(result.file("metrics.prom")).contains("location=\"runner \\\"eu\\\"\\\\1\"");
        assertThat(samples).extracting(Prometheus.Sample::name).contains("synthetic_monitor_check_duration_seconds",
                "synthetic_monitor_check_last_success_timestamp_seconds", "synthetic_monitor_run_healthy",
                "synthetic_monitor_run_timestamp_seconds", "synthetic_monitor_run_duration_seconds");
        assertThat(samples).filteredOn(s -> s.name().equals("synthetic_monitor_run_healthy")).singleElement()
                .extracting(Prometheus.Sample::value).isEqualTo(0.0);
    }

    @Test
    void figuresAreInBaseUnits() throws IOException {
        CheckRun.Result result = CheckRun.run(Map.of("performance.samples", "2", "metrics.sample-interval", "200ms"),
                com.aiqueryhub.monitor.checks.weekly.WeeklyChecks.CLASSES[0]); // the performance review

        Map<String, Double> figures = Prometheus.parse(result.file("metrics.prom")).stream()
                .filter(s -> s.name().equals("synthetic_monitor_figure") && s.labels().get("check").equals("performance.db-memory"))
                .collect(Collectors.toMap(s -> s.labels().get("figure"), Prometheus.Sample::value));
        assertThat(figures).containsEntry("memory_ratio", 0.45); // 45 % as a ratio, as the naming guide asks
    }

    /** A healthy run, then a run with CPU at 92 %: the trends page shows the pass share drop and the chart jump. */
    @Test
    void theReportShowsPassSharesAndTheChangeInAFigure() {
        // two runs in one folder: the second sees the first in its history
        Map<String, String> quick = Map.of("performance.samples", "2", "metrics.sample-interval", "200ms",
                "monitor.report.dir", CheckRun.freshReportDir().toString());
        Class<?> performance = com.aiqueryhub.monitor.checks.weekly.WeeklyChecks.CLASSES[0];
        CheckRun.run(quick, performance);
        Map<String, String> hot = new java.util.HashMap<>(quick);
        hot.put("sandbox.faults", "cpu-high");
        String trends = CheckRun.run(hot, performance).file("trends.html");
        assertThat(trends).contains("AI Query Hub monitor: local: trends", "<code>performance.db-cpu</code>",
                "50.0 %</b><br><span class=muted>1 of 2</span>", "100.0 %</b><br><span class=muted>2 of 2</span>");
        String cpuRow = trends.substring(trends.indexOf("<code>performance.db-cpu</code>"));
        cpuRow = cpuRow.substring(0, cpuRow.indexOf("</tr>"));
        // the chart of cpu-percent spans the healthy 25 % and the faulty 92 %
        // and draws the limit the check judged it by (threshold.db-cpu)
        assertThat(cpuRow).containsPattern("cpu-percent 92(\\.\\d)? %").contains("<path class=series d='M", "<line class=limit")
                .containsPattern("limit [0-9]+");
        assertThat(cpuRow).containsPattern("UTC: passed</title>").containsPattern("UTC: failed</title>");
    }

    @Test
    void aPushgatewayThatIsDownIsReportedAndChangesNothing() throws IOException {
        CheckRun.Result result = CheckRun.run(Map.of("pushgateway.url", "http://127.0.0.1:" + closedPort(),
                "pushgateway.timeout", "1s"), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).isEmpty();
        JsonNode metrics = result.summary().path("metrics");
        assertThat(metrics.path("pushed").asBoolean(true)).isFalse();
        assertThat(metrics.path("pushDetail").asText()).startsWith("NOT pushed to http://127.0.0.1:");
    }

    @Test
    void aRunPushesEveryCheckToARealPushgateway() throws Exception {
        try (Pushgateway gateway = Pushgateway.startOrSkip()) {
            CheckRun.Result result = CheckRun.run(Map.of("pushgateway.url", gateway.url(), "monitor.location", "ci-runner-1"),
                    DailyChecks.CLASSES);

            String scraped = gateway.scrape();
            List<Prometheus.Sample> pushed = Prometheus.parse(scraped).stream()
                    .filter(s -> s.name().equals("synthetic_monitor_check_success")).toList();
            Set<String> ran = new TreeSet<>(result.byId().keySet());
            ran.removeAll(result.withStatus("skipped"));
            assertThat(pushed).extracting(s -> s.labels().get("check")).containsExactlyInAnyOrderElementsOf(ran);
            assertThat(pushed).allSatisfy(s -> assertThat(s.labels()).containsEntry("job", "synthetic_monitor")
                    .containsEntry("environment", "local").containsEntry("location", "ci-runner-1"));
            assertThat(result.summary().path("metrics").path("pushed").asBoolean()).isTrue();
        }
    }

    /** Debian's prometheus-pushgateway on a free loopback port, or the one .ci/run started (PUSHGATEWAY_TEST_URL). */
    record Pushgateway(String url, Process process) implements AutoCloseable {
        static Pushgateway startOrSkip() throws Exception {
            String given = System.getenv("PUSHGATEWAY_TEST_URL");
            if (given != null && !given.isBlank()) {
                return new Pushgateway(given.replaceAll("/+$", ""), null);
            }
            Path binary = Path.of("/usr/bin/prometheus-pushgateway");
            Assumptions.assumeTrue(Files.isExecutable(binary),
                    "no Pushgateway: apt-get install prometheus-pushgateway (or set PUSHGATEWAY_TEST_URL) to run this test");
            int port = closedPort();
            // Debian's build keeps pushed series in /var/lib/prometheus by default: this one keeps them in memory only
            Process p = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port, "--persistence.file=")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Pushgateway gateway = new Pushgateway("http://127.0.0.1:" + port, p);
            try {
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                        .until(() -> gateway.scrape() != null);
            } catch (RuntimeException e) {
                gateway.close();
                throw e;
            }
            return gateway;
        }

        String scrape() throws IOException, InterruptedException {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create(url + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode());
            }
            return r.body();
        }

        @Override
        public void close() {
            if (process != null) {
                process.destroy();
                try {
                    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
