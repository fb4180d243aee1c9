package com.aiqueryhub.monitor.sandbox;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.Locale;

/**
 * Serves the database host's Prometheus metrics as Supabase does, with CPU counters that advance with
 * the clock at a chosen busy share, so a check that scrapes twice measures exactly that share.
 */
final class CpuCounters implements ResponseTransformerV2 {

    static final String NAME = "sandbox-cpu-counters";
    private static final int CPUS = 2;
    /** After the restart of fault db-restarted: a larger compute size (Supabase's XL has 4 CPUs where Large has 2). */
    private static final int CPUS_AFTER_RESTART = 4;
    private final long startNanos = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
    private final boolean restarts;
    private final double busyShare;
    private final double memoryUsedShare;
    private final long refreshNanos;
    private final boolean grown;

    /**
     * @param refresh how often the series change, as a real metrics endpoint updates them at its own pace
     *                (a scrape in between sees the same values); {@code null}: never (counters frozen)
     * @param restarts fault db-restarted: every scrape after the first sees the host restarted on a larger compute size,
     *                 its counters started again from zero (node_exporter's counters live as long as the host's boot)
     *                 on more CPUs, as after a compute-size change or a restart between two of the CPU check's scrapes
     */
    CpuCounters(double busyShare, double memoryUsedShare, java.time.Duration refresh, boolean grown, boolean restarts) {
        this.restarts = restarts;
        this.grown = grown;
        this.busyShare = busyShare;
        this.memoryUsedShare = memoryUsedShare;
        this.refreshNanos = refresh == null ? Long.MAX_VALUE : Math.max(1, refresh.toNanos());
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        long elapsed = System.nanoTime() - startNanos;
        boolean restarted = restarts && served.getAndIncrement() > 0;
        double ticks = refreshNanos == Long.MAX_VALUE ? 0 : (elapsed / refreshNanos) * refreshNanos / 1e9;
        // since boot: long up before the restart, half a minute after it
        double seconds = (restarted ? 30 : 10_000) + ticks;
        int cpus = restarted ? CPUS_AFTER_RESTART : CPUS;
        StringBuilder body = new StringBuilder("# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n"
                + "# TYPE node_cpu_seconds_total counter\n");
        // the label set of contracts/ext/metrics/metrics.http (Supabase's Metrics API)
        String host = "supabase_project_ref=\"" + Sandbox.PROJECT_REF + "\",supabase_identifier=\"" + Sandbox.PROJECT_REF
                + "\",service_type=\"db\"" + (grown ? ",instance=\"db-primary-1\",region=\"us-east-1\"" : "");
        for (int cpu = 0; cpu < cpus; cpu++) {
            String c = "node_cpu_seconds_total{" + host + ",cpu=\"" + cpu + "\",mode=\"";
            line(body, c + "idle\"}", seconds * (1 - busyShare));
            line(body, c + "iowait\"}", seconds * busyShare * 0.05);
            line(body, c + "softirq\"}", seconds * busyShare * 0.05);
            line(body, c + "system\"}", seconds * busyShare * 0.2);
            line(body, c + "user\"}", seconds * busyShare * 0.7);
        }
        double total = 4L * 1024 * 1024 * 1024;
        body.append("# HELP node_memory_MemAvailable_bytes Memory information field MemAvailable_bytes.\n"
                + "# TYPE node_memory_MemAvailable_bytes gauge\n");
        line(body, "node_memory_MemAvailable_bytes{" + host + "}", total * (1 - memoryUsedShare));
        body.append("# HELP node_memory_MemTotal_bytes Memory information field MemTotal_bytes.\n"
                + "# TYPE node_memory_MemTotal_bytes gauge\n");
        line(body, "node_memory_MemTotal_bytes{" + host + "}", total);
        line(body, "pg_stat_database_num_backends{server=\"supabase_db\",service_type=\"postgresql\"}", 12);
        if (grown) { // a series added in a later Metrics API release
            body.append("# TYPE node_disk_io_time_seconds_total counter\n");
            line(body, "node_disk_io_time_seconds_total{" + host + ",device=\"nvme0n1\"}", seconds * 0.01);
        }
        return Response.Builder.like(response).but().body(body.toString()).build();
    }

    private static void line(StringBuilder sb, String series, double value) {
        sb.append(series).append(' ').append(String.format(Locale.ROOT, "%.3f", value)).append('\n');
    }
}
