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

    CpuCounters(double busyShare, double memoryUsedShare) {
        this.busyShare = busyShare;
        this.memoryUsedShare = memoryUsedShare;
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
        double seconds = 10_000 + (System.nanoTime() - startNanos) / 1e9;
        StringBuilder body = new StringBuilder("# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n"
                + "# TYPE node_cpu_seconds_total counter\n");
        for (int cpu = 0; cpu < CPUS; cpu++) {
            line(body, "node_cpu_seconds_total{cpu=\"" + cpu + "\",mode=\"idle\",service_type=\"db\"}", seconds * (1 - busyShare));
            line(body, "node_cpu_seconds_total{cpu=\"" + cpu + "\",mode=\"user\",service_type=\"db\"}", seconds * busyShare * 0.8);
            line(body, "node_cpu_seconds_total{cpu=\"" + cpu + "\",mode=\"system\",service_type=\"db\"}", seconds * busyShare * 0.2);
        }
        double total = 4L * 1024 * 1024 * 1024;
        body.append("# TYPE node_memory_MemTotal_bytes gauge\n");
        line(body, "node_memory_MemTotal_bytes{service_type=\"db\"}", total);
        body.append("# TYPE node_memory_MemAvailable_bytes gauge\n");
        line(body, "node_memory_MemAvailable_bytes{service_type=\"db\"}", total * (1 - memoryUsedShare));
        line(body, "pg_stat_database_num_backends{server=\"supabase_db\",service_type=\"postgresql\"}", 12);
        return Response.Builder.like(response).but().body(body.toString()).build();
    }

    private static void line(StringBuilder sb, String series, double value) {
        sb.append(series).append(' ').append(String.format(Locale.ROOT, "%.3f", value)).append('\n');
    }
}
