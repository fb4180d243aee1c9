package com.aiqueryhub.monitor.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The runner's two addresses for Prometheus and the platform it runs on: {@code GET /metrics} (the text format) and
 * {@code GET /healthz} (200 while every cadence is on time, 503 when one is late or the runner is stopping; a liveness
 * probe restarts a runner whose cycles stopped). The JDK's own HTTP server: two read-only pages need no framework.
 */
final class RunnerServer implements AutoCloseable {

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "runner-http");
        t.setDaemon(true);
        return t;
    });

    RunnerServer(String address, int port, RunnerMetrics metrics, List<Schedule> schedules, BooleanSupplier stopping)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, port), 16);
        server.setExecutor(threads);
        server.createContext("/metrics", exchange -> {
            if (!readOnly(exchange)) {
                return;
            }
            answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape(Instant.now()));
        });
        server.createContext("/healthz", exchange -> {
            if (!readOnly(exchange)) {
                return;
            }
            Instant now = Instant.now();
            boolean healthy = !stopping.getAsBoolean() && schedules.stream().allMatch(s -> s.onTime(now));
            String body = (stopping.getAsBoolean() ? "stopping: the current cycle ends, then the runner\n" : "")
                    + schedules.stream().map(s -> s.describe(now)).collect(Collectors.joining("\n")) + "\n";
            answer(exchange, healthy ? 200 : 503, "text/plain; charset=utf-8", body);
        });
        server.createContext("/", exchange -> answer(exchange, 404, "text/plain; charset=utf-8",
                "the runner answers GET /metrics and GET /healthz\n"));
        server.start();
    }

    /** The port it listens on (a free one when 0 was asked). */
    int port() {
        return server.getAddress().getPort();
    }

    private static boolean readOnly(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        answer(exchange, 405, "text/plain; charset=utf-8", "GET or HEAD only\n");
        return false;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
