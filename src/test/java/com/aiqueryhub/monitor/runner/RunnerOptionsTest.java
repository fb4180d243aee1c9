package com.aiqueryhub.monitor.runner;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner's command line, its merged scrape and its idea of "on time", each without a cycle run. */
class RunnerOptionsTest {

    @Test
    void readsSeveralCadencesAndItsOwnOptions() {
        RunnerOptions o = RunnerOptions.parse("--groups", "smoke", "--every", "1m", "--groups", "daily | weekly", "--every", "1h",
                "--cycles", "3", "--metrics-port", "0", "--metrics-address", "127.0.0.1");
        assertThat(o.cadences()).containsExactly(new RunnerOptions.Cadence("smoke", Duration.ofMinutes(1)),
                new RunnerOptions.Cadence("daily | weekly", Duration.ofHours(1)));
        assertThat(o.cadences().get(1).label()).isEqualTo("daily|weekly");
        assertThat(o.cycles()).hasValue(3);
        assertThat(o.metricsPort()).isZero();
        assertThat(RunnerOptions.parse("--groups", "smoke", "--every", "30s").metricsPort()).isEqualTo(9479);
    }

    @Test
    void aMistakeIsOneLineNamingTheOption() {
        assertThatThrownBy(() -> RunnerOptions.parse("--groups", "smoke")).hasMessageContaining("--groups smoke has no --every");
        assertThatThrownBy(() -> RunnerOptions.parse("--every", "1m")).hasMessageContaining("comes before its --groups");
        assertThatThrownBy(() -> RunnerOptions.parse("--groups", "smoke", "--every", "soon")).hasMessageContaining("--every soon is not a duration");
        assertThatThrownBy(() -> RunnerOptions.parse("--groups", "smoke", "--every", "0s")).hasMessageContaining("longer than zero");
        assertThatThrownBy(() -> RunnerOptions.parse("--groups", "smoke", "--every", "1m", "--metrics-port", "99999"))
                .hasMessageContaining("--metrics-port 99999 is not a port");
        assertThatThrownBy(() -> RunnerOptions.parse("--groups", "smoke", "--every", "1m", "--cycles", "-1"))
                .hasMessageContaining("--cycles -1");
        assertThatThrownBy(() -> RunnerOptions.parse("--groups", "smoke", "--every", "1m", "--groups", "smoke", "--every", "5m"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> RunnerOptions.parse("--interval", "1m")).hasMessageContaining("unknown option --interval");
        assertThatThrownBy(RunnerOptions::parse).hasMessageContaining("no cadence given");
    }

    @Test
    void eachCadencesSeriesAreOneScrapeWithTheirGroupsLabel() {
        String smoke = """
                # HELP synthetic_monitor_run_healthy 1 if every selected check was healthy
                # TYPE synthetic_monitor_run_healthy gauge
                synthetic_monitor_run_healthy{environment="production",location="eu"} 1
                # HELP synthetic_monitor_check_success 1 if the check passed
                # TYPE synthetic_monitor_check_success gauge
                synthetic_monitor_check_success{cadence="smoke",check="quick-health.slack",environment="production",location="eu"} 0
                """;
        String daily = """
                # HELP synthetic_monitor_run_healthy 1 if every selected check was healthy
                # TYPE synthetic_monitor_run_healthy gauge
                synthetic_monitor_run_healthy{environment="production",location="eu"} 0
                # HELP synthetic_monitor_run_duration_seconds How long the run took
                # TYPE synthetic_monitor_run_duration_seconds gauge
                synthetic_monitor_run_duration_seconds 2.5
                """;
        Map<String, String> byGroups = new LinkedHashMap<>();
        byGroups.put("smoke", smoke);
        byGroups.put("daily", daily);
        String merged = Exposition.merge(byGroups);
        assertThat(merged.lines().filter(l -> l.startsWith("# HELP synthetic_monitor_run_healthy"))).hasSize(1);
        assertThat(merged).contains("synthetic_monitor_run_healthy{groups=\"smoke\",environment=\"production\",location=\"eu\"} 1\n"
                        + "synthetic_monitor_run_healthy{groups=\"daily\",environment=\"production\",location=\"eu\"} 0\n",
                "synthetic_monitor_check_success{groups=\"smoke\",cadence=\"smoke\",check=\"quick-health.slack\"",
                "synthetic_monitor_run_duration_seconds{groups=\"daily\"} 2.5");
        assertThat(Exposition.labelled("m{} 1", "a\"b")).isEqualTo("m{groups=\"a\\\"b\"} 1");
    }

    @Test
    void onTimeWhileACycleStartedWithinTwoIntervals() {
        Instant t0 = Instant.parse("2026-12-07T08:00:00Z");
        Schedule s = new Schedule(new RunnerOptions.Cadence("smoke", Duration.ofMinutes(1)), t0);
        assertThat(s.onTime(t0.plusSeconds(119))).as("no cycle yet, within two intervals of the start").isTrue();
        assertThat(s.onTime(t0.plusSeconds(121))).isFalse();
        assertThat(s.claim()).isTrue();
        s.started(t0.plusSeconds(121));
        assertThat(s.claim()).as("a tick while the cycle runs is skipped").isFalse();
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.onTime(t0.plusSeconds(200))).isTrue();
        assertThat(s.onTime(t0.plusSeconds(242))).as("a cycle that overran two intervals").isFalse();
        assertThat(s.describe(t0.plusSeconds(242))).startsWith("smoke: LATE (every 60.0 s; last cycle started 121.0 s ago, running");
        s.finished(new CycleResult(t0.plusSeconds(121), Duration.ofSeconds(2), "HEALTHY", "", java.util.Optional.empty()));
        assertThat(s.claim()).isTrue();
        assertThat(s.cycles()).isEqualTo(1);

        // a cycle that could not run at all: nothing was looked at, however punctual
        s.started(t0.plusSeconds(250));
        s.finished(CycleResult.error(t0.plusSeconds(250), Duration.ofMillis(40), new java.io.IOException("No space left on device")));
        assertThat(s.onTime(t0.plusSeconds(251))).isFalse();
        assertThat(s.describe(t0.plusSeconds(251))).startsWith("smoke: NOT RUNNING (").contains("ERROR in 0.0 s")
                .doesNotContain("No space");
        assertThat(s.claim()).isTrue();
        s.started(t0.plusSeconds(310));
        s.finished(new CycleResult(t0.plusSeconds(310), Duration.ofSeconds(1), "HEALTHY", "", java.util.Optional.empty()));
        assertThat(s.onTime(t0.plusSeconds(311))).isTrue();
    }
}
