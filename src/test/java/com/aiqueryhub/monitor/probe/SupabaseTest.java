package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.sandbox.Contract;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A check that needs two answers of the Management API asks for both at once, or for the second only when the first
 * tells something: a hung API holds a check for one read timeout, never one per call. The answers are the sandbox's
 * recorded contracts (contracts/ext/management-api, from the API's OpenAPI document).
 */
class SupabaseTest {

    private static final String REF = "abcdefghijklmnopqrst";

    private final HttpServer server;
    private final ExecutorService serving = Executors.newCachedThreadPool();
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private final SharedCalls shared = new SharedCalls();

    SupabaseTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serving);
        server.start();
    }

    @AfterEach
    void stop() {
        shared.awaitBackground(Duration.ofSeconds(10));
        server.stop(0);
        serving.shutdownNow();
    }

    /** Serves the recorded {@code contract} at the project's {@code path}, after {@code held} lets it (null: at once). */
    private void serve(String path, String contract, CountDownLatch held) {
        Contract recorded = Contract.load("ext/management-api/" + contract);
        server.createContext("/v1/projects/" + REF + path, exchange -> {
            asked.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (held != null) {
                try {
                    held.await(60, TimeUnit.SECONDS); // a hung Management API, until the test lets it answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer(exchange, recorded);
        });
    }

    private static void answer(HttpExchange exchange, Contract recorded) throws IOException {
        byte[] bytes = recorded.body().getBytes(StandardCharsets.UTF_8);
        recorded.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(recorded.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private int asked(String path) {
        return asked.getOrDefault(path, new AtomicInteger()).get();
    }

    private Supabase supabase() {
        Settings settings = Settings.load(Map.of("env", "production", "supabase.project-ref", REF,
                "supabase.management-url", "http://127.0.0.1:" + server.getAddress().getPort()),
                Map.of("SUPABASE_ACCESS_TOKEN", "sbp_" + "0".repeat(40)));
        return new Supabase(settings, new HttpProbe(Duration.ofSeconds(5), Duration.ofSeconds(90), TlsTrust.of(null)), shared);
    }

    @Test
    void theFunctionsListIsAskedForAheadOnceAndReadWhenTheCheckWantsIt() {
        CountDownLatch answer = new CountDownLatch(1);
        serve("/functions", "functions", answer);
        Supabase supabase = supabase();

        Supplier<Optional<Boolean>> door = supabase.verifyJwtAhead("hello-world");
        Supplier<Optional<Boolean>> again = supabase.verifyJwtAhead("stripe-webhook");

        // asked for before anyone reads it: the check's own call to the function goes out meanwhile
        await().atMost(Duration.ofSeconds(30)).until(() -> asked("/functions") == 1);
        answer.countDown();
        assertThat(door.get()).contains(true);
        assertThat(again.get()).contains(false);
        assertThat(asked("/functions")).as("one call however many checks ask").isEqualTo(1);
    }

    @Test
    void withoutAnAccessTokenTheDoorIsUnknownAndNothingIsAsked() {
        serve("/functions", "functions", null);
        Settings settings = Settings.load(Map.of("env", "production", "supabase.project-ref", REF,
                "supabase.management-url", "http://127.0.0.1:" + server.getAddress().getPort()), Map.of());
        Supabase supabase = new Supabase(settings, new HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(1), TlsTrust.of(null)), shared);

        assertThat(supabase.verifyJwtAhead("hello-world").get()).isEmpty();
        shared.awaitBackground(Duration.ofSeconds(10));
        assertThat(asked("/functions")).isZero();
    }

    @Test
    void theWeeksLogsAreAskedDayByDayAndStopAtTheFirstDayNotAnswered() {
        serve("/analytics/endpoints/logs.all", "logs", null);
        assertThat(supabase().functionTrafficByDay(7)).hasSize(7).allMatch(day -> day.status() == 200);
        assertThat(asked("/analytics/endpoints/logs.all")).isEqualTo(7);
    }

    @Test
    void aLogsEndpointThatRefusesIsAskedOnceNotOncePerDay() {
        serve("/analytics/endpoints/logs.all", "unauthorized", null);
        List<HttpObservation> days = supabase().functionTrafficByDay(7);

        assertThat(days).hasSize(1);
        assertThat(days.get(0).status()).isEqualTo(401);
        assertThat(asked("/analytics/endpoints/logs.all")).isEqualTo(1);
    }

    @Test
    void theDisksAutoscalingIsAskedOnlyOnceItsSizeIsRead() {
        serve("/config/disk/util", "disk-util", null);
        serve("/config/disk/autoscale", "disk-autoscale", null);

        assertThat(supabase().diskCeiling()).isPresent();
        assertThat(asked("/config/disk/autoscale")).isEqualTo(1);
    }

    @Test
    void withoutTheDisksSizeItsAutoscalingIsNotAskedFor() {
        serve("/config/disk/util", "unauthorized", null);
        serve("/config/disk/autoscale", "disk-autoscale", null);

        assertThat(supabase().diskCeiling()).isEmpty();
        assertThat(asked("/config/disk/util")).isEqualTo(1);
        assertThat(asked("/config/disk/autoscale")).isZero();
    }
}
