package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The database host's Prometheus metrics, from Supabase's Metrics API (basic auth as service_role). */
public final class MetricsApi {

    /** Where the Metrics API answers under the project URL. */
    public static final String PATH = "/customer/v1/privileged/metrics";

    private final Settings settings;
    private final HttpProbe http;
    private final SharedCalls shared;

    public MetricsApi(Settings settings, HttpProbe http, SharedCalls shared) {
        this.settings = settings;
        this.http = http;
        this.shared = shared;
    }

    /** One scrape, shared by the checks that read one. */
    public HttpObservation scrape() {
        return shared.once("metrics.first", () -> http.send(call()));
    }

    /**
     * Scrapes over a window the Metrics API's update pace allows: the first scrape, then one every
     * {@code metrics.sample-interval} (Supabase asks collectors for one a minute) until the CPU counters have moved,
     * for at most {@code metrics.max-wait}. Counters that do not move between two scrapes seconds apart are the
     * endpoint's pace, not a fault. Returns the first and the last scrape.
     */
    public List<HttpObservation> window() {
        return shared.once("metrics.window", () -> {
            HttpObservation first = scrape();
            if (!first.answered() || first.status() != 200) {
                return List.of(first);
            }
            List<Prometheus.Sample> start = Prometheus.parse(first.body());
            long deadline = System.nanoTime() + settings.get(Keys.METRICS_MAX_WAIT).toNanos();
            HttpObservation last;
            do {
                sleep(settings.get(Keys.METRICS_SAMPLE_INTERVAL));
                last = http.send(call());
            } while (last.answered() && last.status() == 200 && cpuSecondsSince(start, last) <= 0 && System.nanoTime() < deadline);
            return List.of(first, last);
        });
    }

    /** CPU-seconds counted since {@code start}, a restart's reset read as Prometheus reads it. */
    private static double cpuSecondsSince(List<Prometheus.Sample> start, HttpObservation scrape) {
        return Prometheus.increase(start, Prometheus.parse(scrape.body()), "node_cpu_seconds_total", Map.of());
    }

    private HttpCall call() {
        String url = settings.find(Keys.METRICS_URL).map(Object::toString)
                .orElse(settings.get(Keys.SUPABASE_URL).toString().replaceAll("/+$", "") + PATH);
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                ("service_role:" + settings.get(Keys.SUPABASE_SERVICE_ROLE_KEY)).getBytes(StandardCharsets.UTF_8));
        return HttpCall.get(url).header("Authorization", auth);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
