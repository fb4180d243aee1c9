package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.Latency;
import com.aiqueryhub.monitor.report.Figures;

import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Samples an endpoint, records p50/p95/max, and judges p95 against the degraded band and the limit. */
public final class LatencyVerdict {
    private LatencyVerdict() {
    }

    public static void judgeP95(Supplier<HttpObservation> call) {
        var settings = Monitor.get().settings();
        // the first call pays for connection and TLS set-up: it is shown, but left out of the percentiles
        HttpObservation warmUp = call.get();
        Evidence.attach("warm-up call (not counted)", warmUp.evidence());
        Latency latency = warmUp.answered() ? Latency.sample(settings.integer("performance.samples"), call)
                : new Latency(java.util.List.of(warmUp));
        HttpObservation first = latency.samples().get(0);
        Evidence.attach(first.endpoint() + " (first sample)", first.evidence());
        Evidence.attach("samples", latency.samples().stream()
                .map(o -> o.elapsed().toMillis() + " ms  " + o.summary())
                .collect(Collectors.joining("\n", "", "\n")));
        HttpObservation failed = latency.samples().stream().filter(o -> !o.answered()).findFirst().orElse(null);
        if (failed != null) {
            throw Verdict.failure("an answer to every sample", failed.summary(), failed.endpoint());
        }
        Figures.record("p50-ms", latency.percentile(50).toMillis(), "ms");
        Figures.record("p95-ms", latency.percentile(95).toMillis(), "ms");
        Figures.record("max-ms", latency.max().toMillis(), "ms");
        Verdict.band(latency.percentile(95).toMillis(), settings.duration("threshold.p95-degraded").toMillis(),
                settings.duration("threshold.p95").toMillis(), "p95 (ms)", latency.describe(), first.endpoint());
    }
}
