package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.Latency;

import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Samples an endpoint, records p50/p95/max, and judges p95 against the degraded band and the limit. */
public final class LatencyVerdict {
    private LatencyVerdict() {
    }

    public static void judgeP95(CheckContext check, Supplier<HttpObservation> call) {
        var settings = check.settings();
        // the first call pays for connection and TLS set-up: it is shown, but left out of the percentiles
        HttpObservation warmUp = call.get();
        check.attach("warm-up call (not counted)", warmUp.evidence());
        Latency latency = warmUp.answered() ? Latency.sample(settings.get(Keys.PERFORMANCE_SAMPLES), call)
                : new Latency(java.util.List.of(warmUp));
        HttpObservation first = latency.samples().get(0);
        check.attach(first.endpoint() + " (first sample)", first.evidence());
        check.attach("samples", latency.samples().stream()
                .map(o -> o.elapsed().toMillis() + " ms  " + o.summary())
                .collect(Collectors.joining("\n", "", "\n")));
        HttpObservation failed = latency.samples().stream().filter(o -> !o.answered()).findFirst().orElse(null);
        if (failed != null) {
            throw Verdict.failure("an answer to every sample", failed.summary(), failed.endpoint());
        }
        double limit = settings.get(Keys.THRESHOLD_P95).toMillis();
        double warn = settings.get(Keys.THRESHOLD_P95_DEGRADED).toMillis();
        check.figure("p50-ms", latency.percentile(50).toMillis(), "ms");
        check.figure("p95-ms", latency.percentile(95).toMillis(), "ms", limit, warn);
        check.figure("max-ms", latency.max().toMillis(), "ms");
        check.band(latency.percentile(95).toMillis(), warn, limit, "p95 (ms)", latency.describe(), first.endpoint());
    }
}
