package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Settings;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overnight review's three logs queries go out together, not one after another: a logs endpoint that answers only
 * once it has all three proves it, whatever the machine's speed (asked one by one, it would see one at a time).
 */
class OvernightLogsTest {

    @Test
    void theThreeLogsQueriesAreAskedAtOnce() throws IOException {
        CountDownLatch allThree = new CountDownLatch(3);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allThree.countDown();
            try {
                allThree.await(5, TimeUnit.SECONDS); // answered one by one, the first query waits here in vain
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"result\":[{\"count\":0,\"total\":0}],\"error\":null}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            inFlight.decrementAndGet();
            exchange.close();
        });
        server.start();
        try {
            Settings settings = Settings.load(Map.of("env", "staging", "supabase.project-ref", "abcdefghijklmnopqrst",
                    "supabase.access-token", "sbp_test", "supabase.management-url",
                    "http://127.0.0.1:" + server.getAddress().getPort()), Map.of());
            SharedCalls shared = new SharedCalls();
            Supabase supabase = new Supabase(settings, new HttpProbe(Duration.ofSeconds(5), Duration.ofSeconds(30), TlsTrust.of(null)), shared);

            supabase.askOvernightLogsAtOnce();
            HttpObservation count = supabase.overnightErrorCount();

            assertThat(count.status()).isEqualTo(200);
            assertThat(supabase.overnightTopErrors().status()).isEqualTo(200);
            assertThat(supabase.lastDayOfCalls().status()).isEqualTo(200);
            assertThat(most.get()).as("logs queries in flight at the same time").isEqualTo(3);
            shared.awaitBackground(Duration.ofSeconds(5));
        } finally {
            server.stop(0);
        }
    }
}
