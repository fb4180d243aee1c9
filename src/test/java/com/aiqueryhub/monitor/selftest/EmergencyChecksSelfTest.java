package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.emergency.EmergencyChecks;
import com.aiqueryhub.monitor.checks.smoke.SmokeChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves the emergency and quick-health checks: green when healthy, red on exactly the fault each exists for. */
class EmergencyChecksSelfTest {

    @Test
    void healthySandboxTurnsEveryEmergencyCheckGreen() {
        CheckRun.Result result = CheckRun.run(Map.of(), EmergencyChecks.CLASSES);

        assertThat(result.byId()).hasSize(16);
        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).isEqualTo(result.byId().keySet());
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("telegram-jwt-on", Set.of("bots.telegram-delivers", "bots.telegram-secret-enforced"),
                        "JWT verification is on for the webhook: Telegram cannot deliver updates"),
                Arguments.of("telegram-secret-off", Set.of("bots.telegram-secret-enforced"), "observed HTTP 200 OK"),
                Arguments.of("slack-unsigned-accepted", Set.of("bots.slack-signature-enforced"), "observed HTTP 200"),
                Arguments.of("connections-saturated", Set.of("db-performance.connections"), "of 120 ("),
                Arguments.of("slow-query", Set.of("db-performance.slow-statements"), "pg_sleep"),
                Arguments.of("rls-violations", Set.of("db-performance.rls-violations"), "observed 2 events"),
                Arguments.of("upstream-incident", Set.of("outage.upstream", "outage.triage"),
                        "incident at Supabase (major): Elevated error rates for Edge Functions in us-east-1"),
                Arguments.of("statuspage-unknown", Set.of("outage.upstream", "outage.triage"),
                        "status page of Anthropic has no known indicator (purple)"),
                Arguments.of("frontend-down", Set.of("outage.frontend", "outage.triage"), "front end DOWN (no answer (connection refused))"),
                Arguments.of("stale-data", Set.of("data-loss.freshness"), "conversations newest row 72 h old"),
                Arguments.of("auth-open", Set.of("outage.functions", "outage.triage"), "edge functions DOWN (HTTP 500"),
                Arguments.of("slack-secret-rotated", Set.of("bots.slack-delivers"), "Invalid signature"),
                Arguments.of("db-down", Set.of("outage.database", "outage.triage", "security-incident.events",
                        "security-incident.active", "data-loss.row-counts", "data-loss.freshness", "db-performance.connections",
                        "db-performance.slow-statements", "db-performance.rls-violations"), "database DOWN (no answer (database unreachable"),
                Arguments.of("security-burst", Set.of("security-incident.events", "security-incident.active"),
                        "30 events (auth_failure 30)"));
    }

    @ParameterizedTest(name = "{0} turns only {1} red")
    @MethodSource("faults")
    void eachFaultTurnsOnlyItsChecksRed(String fault, Set<String> expectedRed, String observedText) {
        CheckRun.assertOnlyRed(CheckRun.run(Map.of("sandbox.faults", fault), EmergencyChecks.CLASSES), expectedRed, Set.of(),
                observedText);
    }

    @Test
    void rowsDroppedSincePreviousRunAreDataLoss() {
        CheckRun.run(Map.of(), EmergencyChecks.CLASSES); // the previous run: its row counts are kept

        CheckRun.assertOnlyRed(CheckRun.run(Map.of("sandbox.faults", "rows-dropped"), EmergencyChecks.CLASSES),
                Set.of("data-loss.row-counts"), Set.of(), "messages 60 -> 20 rows (-67 %");
    }

    @Test
    void quickHealthIsGreenAndFastOnAHealthySandbox() {
        CheckRun.Result result = CheckRun.run(Map.of(), SmokeChecks.CLASSES);

        assertThat(result.withStatus("passed")).isEqualTo(result.byId().keySet()).hasSize(4);
        assertThat(result.took()).isLessThan(Duration.ofSeconds(5));
    }

    static Stream<Arguments> smokeFaults() {
        return Stream.of(
                Arguments.of("frontend-down", Set.of("quick-health.frontend"), "connection refused"),
                Arguments.of("auth-open", Set.of("quick-health.backend-api"), "HTTP 500"),
                Arguments.of("telegram-jwt-on", Set.of("quick-health.telegram"), "Telegram cannot deliver updates"),
                Arguments.of("slack-secret-rotated", Set.of("quick-health.slack"), "Invalid signature"),
                Arguments.of("slow-functions", Set.of(), ""));
    }

    @ParameterizedTest(name = "quick health with {0}: {1} red")
    @MethodSource("smokeFaults")
    void quickHealthNamesTheEndpointThatIsDown(String fault, Set<String> expectedRed, String observedText) {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", fault, "threshold.p95", "300ms"), SmokeChecks.CLASSES);
        if (expectedRed.isEmpty()) {
            assertThat(result.withStatus("passed")).as("slow is not down").hasSize(4);
            return;
        }
        CheckRun.assertOnlyRed(result, expectedRed, Set.of(), observedText);
    }
}
