package com.aiqueryhub.monitor.runner;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /metrics} answers: the latest cycle's metrics.prom of each cadence ({@link Exposition}), then the
 * runner's own series: cycles run and skipped, the last cycle's duration and start, each cadence's interval and whether it
 * is on time, and the JVM's heap and threads (a soak reads them: flat over a thousand cycles).
 */
final class RunnerMetrics {

    private final List<Schedule> schedules;
    private final String environment;
    private final String location;

    RunnerMetrics(List<Schedule> schedules, String environment, String location) {
        this.schedules = schedules;
        this.environment = environment;
        this.location = location;
    }

    /** The whole scrape, in the Prometheus text format (0.0.4). */
    String scrape(Instant now) throws IOException {
        Map<String, String> checks = new LinkedHashMap<>();
        for (Schedule s : schedules) {
            s.last().flatMap(CycleResult::metrics).ifPresent(text -> checks.put(s.cadence().label(), text));
        }
        return Exposition.merge(checks) + own(now);
    }

    private String own(Instant now) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        String[] labels = {"groups", "environment", "location"};
        Counter cycles = Counter.builder().name("synthetic_monitor_runner_cycles_total").help("Cycles this runner has run, "
                + "since it started").labelNames(labels).register(registry);
        Counter skipped = Counter.builder().name("synthetic_monitor_runner_cycles_skipped_total").help("Ticks skipped because "
                + "the cadence's previous cycle was still waiting or running (a cycle never overlaps the next)")
                .labelNames(labels).register(registry);
        Gauge took = gauge(registry, "synthetic_monitor_runner_cycle_seconds", "How long the cadence's last cycle took",
                Unit.SECONDS, labels);
        Gauge started = gauge(registry, "synthetic_monitor_runner_last_cycle_timestamp_seconds", "Unix time the cadence's "
                + "last cycle started", Unit.SECONDS, labels);
        Gauge interval = gauge(registry, "synthetic_monitor_runner_interval_seconds", "How often a cycle of the cadence "
                + "starts (--every)", Unit.SECONDS, labels);
        Gauge onTime = gauge(registry, "synthetic_monitor_runner_on_time", "1 while a cycle of the cadence started within "
                + "two intervals and the last one could run (GET /healthz answers 503 when not)", null, labels);
        for (Schedule s : schedules) {
            String[] values = {s.cadence().label(), environment, location};
            cycles.labelValues(values).inc(s.cycles());
            skipped.labelValues(values).inc(s.skipped());
            interval.labelValues(values).set(s.cadence().every().toMillis() / 1000.0);
            onTime.labelValues(values).set(s.onTime(now) ? 1 : 0);
            s.last().ifPresent(r -> {
                took.labelValues(values).set(r.took().toMillis() / 1000.0);
                started.labelValues(values).set(r.started().toEpochMilli() / 1000.0);
            });
        }
        gauge(registry, "synthetic_monitor_runner_heap_used_bytes", "The JVM's heap in use now", Unit.BYTES)
                .set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        gauge(registry, "synthetic_monitor_runner_threads", "The JVM's live threads now", null)
                .set(ManagementFactory.getThreadMXBean().getThreadCount());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Gauge gauge(PrometheusRegistry registry, String name, String help, Unit unit, String... labels) {
        Gauge.Builder b = Gauge.builder().name(name).help(help).labelNames(labels);
        if (unit != null) {
            b.unit(unit);
        }
        return b.register(registry);
    }
}
