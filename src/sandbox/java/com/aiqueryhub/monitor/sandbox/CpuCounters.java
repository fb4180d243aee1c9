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
    private final long startNanos = System.nanoTime();
    private final double busyShare;
    private final double memoryUsedShare;
    private final long refreshNanos;
    private final boolean grown;

    /**
     * @param refresh how often the series change, as a real metrics endpoint updates them at its own pace
     *                (a scrape in between sees the same values); {@code null}: never (counters frozen)
     */
    CpuCounters(double busyShare, double memoryUsedShare, java.time.Duration refresh, boolean grown) {
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
        double seconds = 10_000 + (refreshNanos == Long.MAX_VALUE ? 0 : (elapsed / refreshNanos) * refreshNanos / 1e9);
        StringBuilder body = new StringBuilder("# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n"
                + "# TYPE node_cpu_seconds_total counter\n");
        // the label set of contracts/ext/metrics/metrics.http (Supabase's Metrics API)
        String host = "supabase_project_ref=\"" + Sandbox.PROJECT_REF + "\",supabase_identifier=\"" + Sandbox.PROJECT_REF
                + "\",service_type=\"db\"" + (grown ? ",instance=\"db-primary-1\",region=\"us-east-1\"" : "");
        for (int cpu = 0; cpu < CPUS; cpu++) {
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
