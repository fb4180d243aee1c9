package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.Severity;
import com.aiqueryhub.monitor.run.RunVerdict;
import com.aiqueryhub.monitor.run.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.aiqueryhub.monitor.report.ReportFixtures.figure;
import static com.aiqueryhub.monitor.report.ReportFixtures.info;
import static com.aiqueryhub.monitor.report.ReportFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunMetricsTest {

    private static final Instant STARTED = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path dir;

    private final List<CheckResult> results = List.of(
            result(info("frontend.status", "daily", Severity.CRITICAL), Status.PASSED, 1_500, "",
                    List.of(figure("p95-ms", 250, "ms"), figure("cpu-percent", 42, "%"), figure("days-left", 2, "days"),
                            figure("db-size", 1_048_576, "bytes"), figure("spend-usd", 12.5, "USD")), List.of()),
            result(info("database.connections", "weekly", Severity.HIGH), Status.FAILED, 800, "expected ...", List.of(), List.of()),
            result(info("ai.latency", "daily", Severity.MEDIUM), Status.DEGRADED, 200, "degraded: ...", List.of(), List.of()),
            result(info("db.size", "monthly", Severity.LOW), Status.SKIPPED, 1, "skipped: setting 'db.url' is not set",
                    List.of(), List.of()));

    private RunHistory emptyHistory() {
        return RunHistory.load(RunHistory.file(dir));
    }

    private static String labels(String check, String cadence, String severity, String location) {
        return "{cadence=\"" + cadence + "\",check=\"" + check + "\",environment=\"staging\",location=\"" + location
                + "\",severity=\"" + severity + "\"}";
    }

    @Test
    void writesOneSeriesPerCheckAndRunWithSuccessAsOneOrZero() throws IOException {
        String text = RunMetrics.of("staging", "eu-west-1", results, STARTED, Duration.ofMillis(2_500), false, emptyHistory()).text();

        assertThat(text).contains("# TYPE synthetic_monitor_check_success gauge",
                "# TYPE synthetic_monitor_check_duration_seconds gauge",
                "# TYPE synthetic_monitor_figure gauge",
                "# TYPE synthetic_monitor_run_healthy gauge",
                "# TYPE synthetic_monitor_run_timestamp_seconds gauge",
                "# TYPE synthetic_monitor_run_duration_seconds gauge");
        assertThat(text).contains(
                "synthetic_monitor_check_success" + labels("frontend.status", "daily", "critical", "eu-west-1") + " 1.0\n",
                "synthetic_monitor_check_success" + labels("database.connections", "weekly", "high", "eu-west-1") + " 0.0\n",
                "synthetic_monitor_check_success" + labels("ai.latency", "daily", "medium", "eu-west-1") + " 1.0\n",
                "synthetic_monitor_check_duration_seconds" + labels("frontend.status", "daily", "critical", "eu-west-1") + " 1.5\n",
                "synthetic_monitor_run_healthy{environment=\"staging\",location=\"eu-west-1\"} 0.0\n",
                "synthetic_monitor_run_duration_seconds{environment=\"staging\",location=\"eu-west-1\"} 2.5\n");
        assertThat(sample(text, "synthetic_monitor_run_timestamp_seconds{environment=\"staging\",location=\"eu-west-1\"}"))
                .isEqualTo(STARTED.getEpochSecond());
    }

    @Test
    void aSkippedCheckWritesNoSample() throws IOException {
        String text = RunMetrics.of("staging", "eu-west-1", results, STARTED, Duration.ofSeconds(3), true, emptyHistory()).text();

        assertThat(text).doesNotContain("check=\"db.size\"");
        assertThat(text.lines().filter(l -> l.startsWith("synthetic_monitor_check_success{"))).hasSize(3);
    }

    @Test
    void writesFiguresInBaseUnits() throws IOException {
        String text = RunMetrics.of("staging", "eu-west-1", results, STARTED, Duration.ofSeconds(3), true, emptyHistory()).text();

        String prefix = "synthetic_monitor_figure{check=\"frontend.status\",environment=\"staging\",figure=\"";
        String suffix = "\",location=\"eu-west-1\"}";
        assertThat(sample(text, prefix + "p95_seconds" + suffix)).isEqualTo(0.25);
        assertThat(sample(text, prefix + "cpu_ratio" + suffix)).isEqualTo(0.42);
        assertThat(sample(text, prefix + "time_left_seconds" + suffix)).isEqualTo(2 * 86_400.0);
        assertThat(sample(text, prefix + "db_size_bytes" + suffix)).isEqualTo(1_048_576.0);
        assertThat(sample(text, prefix + "spend_dollars" + suffix)).isEqualTo(12.5);
    }

    @Test
    void escapesQuotesAndBackslashesInTheLocationLabel() throws IOException {
        String location = "runner \"eu\"\\1";

        String text = RunMetrics.of("staging", location, results, STARTED, Duration.ofSeconds(3), true, emptyHistory()).text();

        assertThat(text).contains("location=\"runner \\\"eu\\\"\\\\1\"")
                .contains("synthetic_monitor_run_healthy{environment=\"staging\",location=\"runner \\\"eu\\\"\\\\1\"} 1.0");
    }

    @Test
    void carriesEachChecksLastSuccessFromTheHistory() throws IOException {
        RunHistory history = emptyHistory();
        Instant earlier = STARTED.minus(Duration.ofHours(3));
        history.record("staging", "eu-west-1", earlier, true, 1_000, Map.of("database.connections", "passed"));
        history.record("staging", "elsewhere", STARTED.minus(Duration.ofHours(1)), true, 1_000, Map.of("frontend.status", "passed"));

        String text = RunMetrics.of("staging", "eu-west-1", results, STARTED, Duration.ofSeconds(3), false, history).text();

        assertThat(sample(text, "synthetic_monitor_check_last_success_timestamp_seconds"
                + labels("database.connections", "weekly", "high", "eu-west-1"))).isEqualTo(earlier.getEpochSecond());
        assertThat(text).as("another location's success is not this one's")
                .doesNotContain("synthetic_monitor_check_last_success_timestamp_seconds"
                        + labels("frontend.status", "daily", "critical", "eu-west-1"));
    }

    @Test
    void writesTheTextToTheFile() throws IOException {
        RunMetrics metrics = RunMetrics.of("staging", "eu-west-1", results, STARTED, Duration.ofSeconds(3), true, emptyHistory());
        Path file = dir.resolve("reports").resolve("metrics.prom");

        metrics.write(file);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(metrics.text());
    }

    @Test
    void pushReplacesTheRunsGroupAtThePushgateway() throws IOException {
        RunMetrics metrics = RunMetrics.of("staging", "eu-west-1", results, STARTED, Duration.ofSeconds(3), true, emptyHistory());
        try (LoopbackReceiver gateway = new LoopbackReceiver(200)) {

            metrics.push(gateway.uri(""), "staging", "eu-west-1", Duration.ofSeconds(2));

            assertThat(gateway.requests()).hasSize(1);
            LoopbackReceiver.Request push = gateway.requests().get(0);
            assertThat(push.method()).isEqualTo("PUT");
            assertThat(push.path()).isEqualTo("/metrics/job/synthetic_monitor/environment/staging/groups/all/location/eu-west-1");
            assertThat(push.body()).contains("synthetic_monitor_run_healthy{environment=\"staging\",location=\"eu-west-1\"} 1")
                    .contains("synthetic_monitor_check_success{")
                    .doesNotContain("check=\"db.size\"");
        }
    }

    @Test
    void pushKeepsAPathPrefixOfTheGatewayUrl() throws IOException {
        RunMetrics metrics = RunMetrics.of("staging", "eu-west-1", results, STARTED, Duration.ofSeconds(3), true, emptyHistory());
        try (LoopbackReceiver gateway = new LoopbackReceiver(202)) {

            metrics.push(gateway.uri("/pushgateway/"), "staging", "eu-west-1", Duration.ofSeconds(2));

            assertThat(gateway.requests()).extracting(LoopbackReceiver.Request::path)
                    .containsExactly("/pushgateway/metrics/job/synthetic_monitor/environment/staging/groups/all/location/eu-west-1");
        }
    }

    /** A Pushgateway behind a proxy asking for basic auth: the settings' user and password, or the URL's own. */
    @Test
    void pushCarriesBasicAuthFromTheSettingsOrTheUrl() throws IOException {
        RunMetrics metrics = RunMetrics.of("staging", "eu-west-1", results, STARTED, Duration.ofSeconds(3), true, emptyHistory());
        try (LoopbackReceiver gateway = new LoopbackReceiver(200)) {
            URI plain = gateway.uri("");
            URI withUser = URI.create(plain.toString().replace("http://", "http://monitor:p%40ss@"));

            metrics.push(plain, "staging", "eu-west-1", "daily", Duration.ofSeconds(2), "ci", "s3cret");
            metrics.push(withUser, "staging", "eu-west-1", "daily", Duration.ofSeconds(2), "", "");
            metrics.push(plain, "staging", "eu-west-1", "daily", Duration.ofSeconds(2), "", "");

            assertThat(gateway.requests()).extracting(r -> String.valueOf(r.header("Authorization"))).containsExactly(
                    "Basic " + java.util.Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8)),
                    "Basic " + java.util.Base64.getEncoder().encodeToString("monitor:p@ss".getBytes(StandardCharsets.UTF_8)),
                    "null");
        }
    }

    @Test
    void pushToAClosedPortThrowsIOException() throws IOException {
        RunMetrics metrics = RunMetrics.of("staging", "eu-west-1", results, STARTED, Duration.ofSeconds(3), true, emptyHistory());
        URI closed = LoopbackReceiver.closedPort("");

        assertThatThrownBy(() -> metrics.push(closed, "staging", "eu-west-1", Duration.ofSeconds(2)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void pushThatTheGatewayRefusesThrowsIOException() throws IOException {
        RunMetrics metrics = RunMetrics.of("staging", "eu-west-1", results, STARTED, Duration.ofSeconds(3), true, emptyHistory());
        try (LoopbackReceiver gateway = new LoopbackReceiver(500)) {

            assertThatThrownBy(() -> metrics.push(gateway.uri(""), "staging", "eu-west-1", Duration.ofSeconds(2)))
                    .isInstanceOf(IOException.class);
            assertThat(gateway.requests()).hasSize(1);
        }
    }

    /** The value of the one sample whose name and labels are exactly {@code series}. */
    private static double sample(String text, String series) {
        List<String> lines = text.lines().filter(l -> l.startsWith(series + " ")).toList();
        assertThat(lines).as("one sample " + series).hasSize(1);
        return Double.parseDouble(lines.get(0).substring(series.length() + 1).trim());
    }

    /** The series table of docs/operations.md names every series a run writes. */
    @Test
    void everySeriesARunWritesIsInTheOperationsTable() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("docs/operations.md"));
        String text = RunMetrics.of("staging", "eu-west-1", results, STARTED, Duration.ofSeconds(3), RunVerdict.Kind.MISCONFIGURED,
                emptyHistory()).text();
        java.util.regex.Matcher type = java.util.regex.Pattern.compile("(?m)^# TYPE (synthetic_monitor_\\w+)").matcher(text);
        List<String> undocumented = new java.util.ArrayList<>();
        while (type.find()) {
            String name = type.group(1);
            // the table names a family once and its siblings by suffix ("`_run_timestamp_seconds`")
            if (!doc.contains("`" + name + "`") && !doc.contains("`" + name.replaceFirst("^synthetic_monitor", "") + "`")) {
                undocumented.add(name);
            }
        }
        assertThat(undocumented).as("series missing from docs/operations.md").isEmpty();
    }
}
