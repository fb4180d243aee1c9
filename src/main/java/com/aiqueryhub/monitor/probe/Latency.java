package com.aiqueryhub.monitor.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A few timed samples of one endpoint and their percentiles (nearest rank: small samples, no interpolation). */
public record Latency(List<HttpObservation> samples) {

    public static Latency sample(int count, Supplier<HttpObservation> call) {
        List<HttpObservation> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpObservation o = call.get();
            samples.add(o);
            if (!o.answered()) {
                break; // an endpoint that does not answer is not made to time out five times over
            }
        }
        return new Latency(List.copyOf(samples));
    }

    public boolean allAnswered() {
        return samples.stream().allMatch(HttpObservation::answered);
    }

    public Duration percentile(double p) {
        List<Duration> sorted = samples.stream().map(HttpObservation::elapsed).sorted().toList();
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public Duration max() {
        return percentile(100);
    }

    public String describe() {
        return "p50 " + percentile(50).toMillis() + " ms, p95 " + percentile(95).toMillis() + " ms, max "
                + max().toMillis() + " ms over " + samples.size() + " samples";
    }
}
