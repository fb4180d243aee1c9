package com.aiqueryhub.monitor.probe;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Counters read as Prometheus reads them (prometheus.io, "Query functions": increase() and rate() adjust for breaks in
 * monotonicity such as counter resets due to target restarts). node_exporter's CPU counters count from the host's boot:
 * a restart or a compute-size change between two scrapes starts them again from zero.
 */
class PrometheusTest {

    private static final String BEFORE = """
            # TYPE node_cpu_seconds_total counter
            node_cpu_seconds_total{cpu="0",mode="idle"} 7500
            node_cpu_seconds_total{cpu="0",mode="user"} 2500
            node_cpu_seconds_total{cpu="1",mode="idle"} 7500
            node_cpu_seconds_total{cpu="1",mode="user"} 2500
            """;

    @Test
    void growthIsCountedPerSeries() {
        String after = BEFORE.replace("7500", "7530").replace("2500", "2510");

        assertThat(increase(BEFORE, after, Map.of())).isCloseTo(80, within(1e-9));
        assertThat(increase(BEFORE, after, Map.of("mode", "idle"))).isCloseTo(60, within(1e-9));
    }

    @Test
    void aResetCountsFromZeroAndANewSeriesCountsNothing() {
        String after = """
                node_cpu_seconds_total{cpu="0",mode="idle"} 30
                node_cpu_seconds_total{cpu="0",mode="user"} 10
                node_cpu_seconds_total{cpu="1",mode="idle"} 30
                node_cpu_seconds_total{cpu="1",mode="user"} 10
                node_cpu_seconds_total{cpu="2",mode="idle"} 30
                node_cpu_seconds_total{cpu="2",mode="user"} 10
                """;

        assertThat(increase(BEFORE, after, Map.of())).isCloseTo(80, within(1e-9));
        assertThat(increase(BEFORE, after, Map.of("mode", "idle"))).isCloseTo(60, within(1e-9));
        // the plain difference of sums, which this replaces, would read a negative CPU time
        assertThat(sum(after) - sum(BEFORE)).isNegative();
    }

    @Test
    void countersThatDidNotMoveGrewNothing() {
        assertThat(increase(BEFORE, BEFORE, Map.of())).isZero();
        assertThat(increase(BEFORE, "", Map.of())).isZero();
    }

    private static double increase(String before, String after, Map<String, String> labels) {
        return Prometheus.increase(Prometheus.parse(before), Prometheus.parse(after), "node_cpu_seconds_total", labels);
    }

    private static double sum(String text) {
        return Prometheus.sum(Prometheus.parse(text), "node_cpu_seconds_total", Map.of());
    }
}
