package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Settings;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The functions list asked for ahead: in the background, once, and read only when the check has its own answer. */
class SupabaseTest {

    /** The Management API's list of functions as its OpenAPI spec gives it (the sandbox's recorded contract). */
    private static String functionsList() throws IOException {
        try (InputStream in = SupabaseTest.class.getResourceAsStream("/contracts/ext/management-api/functions.http")) {
            String contract = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return contract.substring(contract.indexOf("\n\n") + 2).trim();
        }
    }

    @Test
    void theFunctionsListIsAskedForAheadOnceAndReadWhenTheCheckWantsIt() throws Exception {
        String body = functionsList();
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/projects/abcdefghijklmnopqrst/functions", exchange -> {
            asked.incrementAndGet();
            try {
                // held until the test lets it answer: a hung Management API while the check calls its function
                answer.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        SharedCalls shared = new SharedCalls();
        try {
            Settings settings = Settings.load(Map.of("env", "production",
                    "supabase.management-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "supabase.project-ref", "abcdefghijklmnopqrst"), Map.of("SUPABASE_ACCESS_TOKEN", "sbp_" + "0".repeat(40)));
            Supabase supabase = new Supabase(settings, new HttpProbe(Duration.ofSeconds(5), Duration.ofSeconds(90), TlsTrust.of(null)), shared);

            Supplier<Optional<Boolean>> door = supabase.verifyJwtAhead("hello-world");
            Supplier<Optional<Boolean>> again = supabase.verifyJwtAhead("stripe-webhook");

            // asked for before anyone reads it: the check's own call goes out meanwhile
            await().atMost(Duration.ofSeconds(30)).until(() -> asked.get() == 1);
            answer.countDown();
            assertThat(door.get()).contains(true);
            assertThat(again.get()).contains(false);
            assertThat(asked).as("one call however many checks ask").hasValue(1);
        } finally {
            answer.countDown();
            shared.awaitBackground(Duration.ofSeconds(10));
            server.stop(0);
        }
    }

    @Test
    void withoutAnAccessTokenNothingIsAskedAndTheDoorIsUnknown() {
        SharedCalls shared = new SharedCalls();
        Settings settings = Settings.load(Map.of("env", "production", "supabase.management-url", "http://127.0.0.1:9"), Map.of());
        Supabase supabase = new Supabase(settings, new HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(1), TlsTrust.of(null)), shared);

        assertThat(supabase.verifyJwtAhead("ai-query").get()).isEmpty();
    }
}
