package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.RunVerdict;
import com.aiqueryhub.monitor.run.Status;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run as Prometheus series (blackbox_exporter's style, prefixed {@code synthetic_monitor_}): one registry, written
 * to {@code reports/metrics.prom} every run and pushed to a Pushgateway when {@code pushgateway.url} is set
 * (grouping key job, environment, location and groups, the run's tag expression: a run replaces its own group, as the
 * Prometheus docs advise for batch jobs, and never another cadence's: a smoke run every ten minutes leaves the daily
 * run's series in place).
 * <p>
 * {@code synthetic_monitor_check_success} is 1 for passed and degraded (degraded never fails a run; the figures say
 * how close it came), 0 for failed and broken; a skipped check (missing setting, maintenance, opt-in off) writes no
 * sample, so it neither counts as up nor as down.
 */
public final class RunMetrics {

    public static final String JOB = "synthetic_monitor";
    private static final String[] CHECK_LABELS = {"check", "cadence", "severity", "environment", "location"};

    private final PrometheusRegistry registry = new PrometheusRegistry();

    private RunMetrics() {
    }

    public static RunMetrics of(String environment, String location, List<CheckResult> results, Instant started,
                                Duration took, boolean healthy, RunHistory history) {
        return of(environment, location, results, started, took, healthy ? RunVerdict.Kind.HEALTHY : RunVerdict.Kind.UNHEALTHY,
                history);
    }

    /**
     * @param verdict the run's verdict: BLIND (the runner reached no name at all) and MISCONFIGURED (the run could not
     *                start as asked, or lost a setting in strict mode) say so in their own series; then no check says
     *                anything about production
     */
    public static RunMetrics of(String environment, String location, List<CheckResult> results, Instant started,
                                Duration took, RunVerdict.Kind verdict, RunHistory history) {
        boolean healthy = verdict == RunVerdict.Kind.HEALTHY || verdict == RunVerdict.Kind.DEGRADED;
        RunMetrics m = new RunMetrics();
        Gauge success = m.gauge("synthetic_monitor_check_success", "1 if the check passed (or was degraded), 0 if it failed or "
                + "was broken", null, CHECK_LABELS);
        Gauge observed = m.gauge("synthetic_monitor_check_observed", "1 if the monitor could look (the check reached a verdict "
                + "about production), 0 if it could not (its network, credential or settings: the monitor owner's to fix)", null,
                CHECK_LABELS);
        Gauge unobservedRuns = m.gauge("synthetic_monitor_check_unobserved_runs", "How many runs in a row, this one included, "
                + "could not look at the check (SyntheticMonitorBlind fires from two)", null, CHECK_LABELS);
        Gauge duration = m.gauge("synthetic_monitor_check_duration_seconds", "How long the check took", Unit.SECONDS, CHECK_LABELS);
        Gauge lastSuccess = m.gauge("synthetic_monitor_check_last_success_timestamp_seconds",
                "Unix time of the check's last success, carried over runs", Unit.SECONDS, CHECK_LABELS);
        Gauge passRatio = m.gauge("synthetic_monitor_check_pass_ratio", "Share of the kept runs of the window (before this "
                + "one) in which the check succeeded", null, "check", "cadence", "severity", "environment", "location", "window");
        Gauge windowRuns = m.gauge("synthetic_monitor_check_window_runs", "How many kept runs the pass ratio of the window "
                + "counts (a ratio of two runs says little)", null, "check", "cadence", "severity", "environment", "location", "window");
        Info info = Info.builder().name("synthetic_monitor_check_info").help("What a check is and what to do when it fails "
                + "(the alert rules' annotations read remedy and runbook from here)")
                .labelNames("check", "name", "severity", "environment", "location", "remedy", "runbook").register(m.registry);
        Gauge figure = m.gauge("synthetic_monitor_figure", "A number a check measured, in base units (the figure label "
                + "names the unit)", null, "check", "figure", "environment", "location");
        for (CheckResult r : results) {
            String[] labels = {r.info().id(), r.info().cadence(), r.info().severity().title().toLowerCase(Locale.ROOT), environment,
                    location};
            if (r.status() != Status.SKIPPED) {
                // a check not observed says nothing about production: no success sample, so no production alert fires
                observed.labelValues(labels).set(r.status() == Status.NOT_OBSERVED ? 0 : 1);
                unobservedRuns.labelValues(labels).set(r.status() == Status.NOT_OBSERVED
                        ? Math.max(1, history.notObservedInARow(r.info().id(), environment, location)) : 0);
                if (r.status() != Status.NOT_OBSERVED) {
                    success.labelValues(labels).set(Status.succeeded(r.status().label()) ? 1 : 0);
                }
                duration.labelValues(labels).set(r.durationMs() / 1000.0);
            }
            history.lastSuccess(r.info().id(), environment, location).ifPresent(t -> lastSuccess.labelValues(labels).set(t));
            for (Duration window : RunHistory.WINDOWS) {
                String w = RunHistory.label(window).replace(" ", "");
                history.passShare(r.info().id(), environment, location, window, started).ifPresent(share -> {
                    passRatio.labelValues(labels[0], labels[1], labels[2], environment, location, w).set(share.ratio());
                    windowRuns.labelValues(labels[0], labels[1], labels[2], environment, location, w).set(share.runs());
                });
            }
            if (r.status() != Status.SKIPPED) {
                info.addLabelValues(r.info().id(), r.info().name(), labels[2], environment, location, firstSentence(r.info().remedy()),
                        r.info().runbookUrl());
            }
            for (CheckResult.Figure f : r.figures()) {
                BaseUnit base = BaseUnit.of(f.name(), f.unit(), f.value());
                figure.labelValues(r.info().id(), base.name(), environment, location).set(base.value());
            }
        }
        m.gauge("synthetic_monitor_run_healthy", "1 if every selected check was healthy", null, "environment", "location")
                .labelValues(environment, location).set(healthy ? 1 : 0);
        m.gauge("synthetic_monitor_run_blind", "1 if this runner reached no name at all, production's nor the references' "
                + "(its own DNS or network): the monitor was blind, production unknown", null, "environment", "location")
                .labelValues(environment, location).set(verdict == RunVerdict.Kind.BLIND ? 1 : 0);
        m.gauge("synthetic_monitor_run_misconfigured", "1 if the run could not look as asked: an unknown environment, fault or "
                + "group, or a setting lost in strict mode (the monitor owner's to fix, production unknown)", null, "environment",
                "location").labelValues(environment, location).set(verdict == RunVerdict.Kind.MISCONFIGURED ? 1 : 0);
        m.gauge("synthetic_monitor_run_timestamp_seconds", "Unix time the run started", Unit.SECONDS, "environment", "location")
                .labelValues(environment, location).set(started.getEpochSecond());
        m.gauge("synthetic_monitor_run_duration_seconds", "How long the run took", Unit.SECONDS, "environment", "location")
                .labelValues(environment, location).set(took.toMillis() / 1000.0);
        return m;
    }

    /** A remedy's first sentence: what an alert's annotation has room for. */
    static String firstSentence(String remedy) {
        int end = remedy.indexOf(". ");
        String first = end < 0 ? remedy : remedy.substring(0, end + 1);
        return first.length() > 240 ? first.substring(0, 237) + "..." : first;
    }

    /** The {@code groups} label of a run's tag expression ("daily | smoke" is daily|smoke; every check is "all"). */
    public static String groupsLabel(String tagExpression) {
        String compact = tagExpression == null ? "" : tagExpression.replaceAll("\\s+", "");
        return compact.isEmpty() ? "all" : compact;
    }

    private Gauge gauge(String name, String help, Unit unit, String... labels) {
        Gauge.Builder b = Gauge.builder().name(name).help(help).labelNames(labels);
        if (unit != null) {
            b.unit(unit);
        }
        return b.register(registry);
    }

    /** The Prometheus text exposition format. */
    public String text() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Replaces the group of every check run ({@code groups} "all") at the Pushgateway. */
    public void push(URI gateway, String environment, String location, Duration timeout) throws IOException {
        push(gateway, environment, location, "all", timeout, "", "");
    }

    /**
     * Replaces this run's group at the Pushgateway ({@code PUT /metrics/job/synthetic_monitor/environment/E/location/L/
     * groups/G}); the gateway adds the grouping labels to every series of the group. A gateway behind a proxy that
     * asks for basic auth gets {@code user} and {@code password}, or else the URL's own {@code user:password@}.
     */
    public void push(URI gateway, String environment, String location, String groups, Duration timeout, String user,
                     String password) throws IOException {
        String address = gateway.getHost() + (gateway.getPort() == -1 ? "" : ":" + gateway.getPort())
                + (gateway.getPath() == null ? "" : gateway.getPath().replaceAll("/+$", ""));
        PushGateway.Builder builder = PushGateway.builder().address(address)
                .scheme("https".equalsIgnoreCase(gateway.getScheme()) ? Scheme.HTTPS : Scheme.HTTP)
                .format(Format.PROMETHEUS_TEXT)
                .job(JOB).groupingKey("environment", environment).groupingKey("location", location).groupingKey("groups", groups)
                .registry(registry).connectionTimeout(timeout).readTimeout(timeout);
        if (!user.isEmpty()) {
            builder.basicAuth(user, password);
        } else if (gateway.getUserInfo() != null && !gateway.getUserInfo().isEmpty()) {
            String[] parts = gateway.getUserInfo().split(":", 2); // getUserInfo decodes %-escapes
            builder.basicAuth(parts[0], parts.length > 1 ? parts[1] : "");
        }
        builder.build().push();
    }

    /** A figure in base units (seconds, ratios, bytes), named per the Prometheus naming guide. */
    record BaseUnit(String name, double value) {
        private static final Map<String, String> RENAMED = Map.of("days-left", "time_left", "days-to-quota", "time_to_quota");

        static BaseUnit of(String figure, String unit, double value) {
            String stem = RENAMED.getOrDefault(figure, figure).replaceAll("-(ms|percent|days|hours|usd)$", "").replace('-', '_');
            return switch (unit) {
                case "ms" -> new BaseUnit(stem + "_seconds", value / 1000);
                case "%" -> new BaseUnit(stem + "_ratio", value / 100);
                case "days" -> new BaseUnit(stem + "_seconds", value * 86_400);
                case "hours" -> new BaseUnit(stem + "_seconds", value * 3_600);
                case "bytes" -> new BaseUnit(stem.endsWith("bytes") ? stem : stem + "_bytes", value);
                case "bytes/day" -> new BaseUnit(stem.replace("_per_day", "") + "_per_second", value / 86_400);
                case "USD" -> new BaseUnit(stem + "_dollars", value);
                case "of quota", "of max_connections" -> new BaseUnit(stem + "_ratio", value);
                default -> new BaseUnit(stem, value); // counts: events, sessions, requests
            };
        }
    }
}
