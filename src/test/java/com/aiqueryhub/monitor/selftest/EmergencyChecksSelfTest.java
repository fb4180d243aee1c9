package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.emergency.EmergencyChecks;
import com.aiqueryhub.monitor.checks.smoke.SmokeChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves the emergency and quick-health checks: green when healthy, red on exactly the fault each exists for. */
// among the first started (see pom.xml, surefire's class order): its longest runs must not be the build's last
@org.junit.jupiter.api.Order(3)
class EmergencyChecksSelfTest {

    @Test
    void healthySandboxTurnsEveryEmergencyCheckGreen() {
        CheckRun.Result result = CheckRun.run(Map.of(), EmergencyChecks.CLASSES);

        assertThat(result.byId()).hasSize(17);
        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).isEqualTo(result.byId().keySet());
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("telegram-jwt-on", Set.of("bots.telegram-delivers", "bots.telegram-secret-enforced"),
                        "JWT verification is on for the webhook: Telegram cannot deliver updates"),
                Arguments.of("telegram-secret-off", Set.of("bots.telegram-secret-enforced"), "observed HTTP 200 OK"),
                // a webhook that checks no signature accepts replays too
                Arguments.of("slack-unsigned-accepted", Set.of("bots.slack-signature-enforced", "bots.slack-replay-refused"),
                        "observed HTTP 200"),
                Arguments.of("slack-replay-accepted", Set.of("bots.slack-replay-refused"), "expected HTTP 401 or 403; observed HTTP 200"),
                Arguments.of("connections-saturated", Set.of("db-performance.connections"), "of 120 ("),
                Arguments.of("slow-query", Set.of("db-performance.slow-statements"), "pg_sleep"),
                Arguments.of("rls-violations", Set.of("db-performance.rls-violations"),
                        "observed 2 Postgres errors 'new row violates row-level security policy'"),
                Arguments.of("frontend-down", Set.of("outage.frontend", "outage.triage"), "front end DOWN (no answer (connection refused))"),
                Arguments.of("stale-data", Set.of("data-loss.freshness"), "conversations newest row 72 h old"),
                Arguments.of("auth-open", Set.of("outage.functions", "outage.triage"), "edge functions DOWN (HTTP 500"),
                Arguments.of("slack-secret-rotated", Set.of("bots.slack-delivers"), "Invalid signature"),
                Arguments.of("db-down", Set.of("outage.database", "outage.triage", "security-incident.events",
                        "security-incident.active", "data-loss.row-counts", "data-loss.freshness", "db-performance.connections",
                        "db-performance.slow-statements"), "database DOWN (no answer (database unreachable"),
                // the table the settings name was renamed: both readers say so instead of counting nothing
                Arguments.of("security-burst", Set.of("security-incident.events", "security-incident.active"),
                        "observed 8 untriaged, newest BRUTE_FORCE_ATTEMPT"));
    }

    @ParameterizedTest(name = "{0} turns only {1} red")
    @MethodSource("faults")
    void eachFaultTurnsOnlyItsChecksRed(String fault, Set<String> expectedRed, String observedText) {
        CheckRun.assertOnlyRed(CheckRun.run(Map.of("sandbox.faults", fault), EmergencyChecks.CLASSES), expectedRed, Set.of(),
                observedText);
    }

    /** A table the settings name that the schema no longer has: the monitor's settings, one finding each, nothing red. */
    @Test
    void aMissingTableIsTheSettingsFindingNotObserved() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "audit-table-missing"), EmergencyChecks.CLASSES);

        // both settings named the renamed table: each is its own finding, naming its own setting
        CheckRun.assertOnlyNotObserved(result, Set.of("security-incident.events", "security-incident.active"),
                "observed no such table");
        assertThat(result.get("security-incident.events").message()).contains("set audit.table");
        assertThat(result.get("security-incident.active").message()).contains("observed no such table", "set incidents.table");
    }

    static Stream<Arguments> upstreamContext() {
        return Stream.of(
                Arguments.of("statuspages-down", "upstream status unknown at Supabase: page unreadable (HTTP 503"),
                Arguments.of("statuspage-unknown", "upstream status unknown at Anthropic: indicator 'purple'"),
                Arguments.of("statuspage-not-statuspage", "upstream status unknown at Netlify: not Statuspage JSON"),
                Arguments.of("statuspage-maintenance", "scheduled maintenance at Supabase: Web Tier Recycle"));
    }

    /** Upstream status is context: a page that cannot say, or a planned maintenance, is shown and never pages. */
    @ParameterizedTest(name = "{0}: outage.upstream degraded, nothing red")
    @MethodSource("upstreamContext")
    void upstreamStatusThatSaysNothingAboutUsIsNeverRed(String fault, String note) {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", fault), EmergencyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("degraded")).containsExactly("outage.upstream");
        assertThat(result.get("outage.upstream").message()).contains(note);
        assertThat(result.get("outage.triage").status()).isEqualTo("passed");
    }

    /**
     * An upstream incident that concerns the project (its region and a service it uses, or one naming no component) while
     * every layer of ours answers: shown, degraded, never red; one elsewhere is listed and changes nothing.
     */
    @ParameterizedTest(name = "{0}: degraded with the note, nothing red")
    @ValueSource(strings = {"upstream-incident", "status-incident-own-region"})
    void anUpstreamIncidentThatConcernsUsIsDegradedWhileOurLayersAnswer(String fault) {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", fault), EmergencyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("degraded")).containsExactlyInAnyOrder("outage.upstream", "outage.triage");
        assertThat(result.get("outage.triage").message()).contains("while every layer of ours answers");
        assertThat(result.get("outage.upstream").message()).contains("incident at Supabase (");
    }

    /** The same incident while our edge functions fail: the failure is ours, the incident named as its likely cause. */
    @Test
    void anUpstreamIncidentInOurRegionIsTheLikelyCauseWhenOurChecksFail() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "status-incident-own-region,auth-open"), EmergencyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).containsExactlyInAnyOrder("outage.functions", "outage.triage");
        assertThat(result.get("outage.triage").message()).contains("edge functions DOWN (HTTP 500",
                "likely cause: upstream incident at Supabase (minor): Elevated error rates for Edge Functions in us-east-1");
        assertThat(result.withStatus("degraded")).containsExactly("outage.upstream");
    }

    @Test
    void anUpstreamIncidentInAnotherRegionIsListedNeverRed() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "status-incident-other-region"), EmergencyChecks.CLASSES);

        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).isEqualTo(result.byId().keySet());
    }

    @Test
    void aRejectedDatabaseLoginIsOneMisconfigurationNotAnOutage() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "db-login-rejected"), EmergencyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("not observed")).hasSize(1);
        String broken = result.withStatus("not observed").iterator().next();
        assertThat(result.get(broken).message()).contains("not observed: the database refused the monitoring login",
                "set DB_PASSWORD (db.password)");
        Set<String> databaseChecks = Set.of("outage.database", "security-incident.events", "security-incident.active",
                "data-loss.row-counts", "data-loss.freshness", "db-performance.connections", "db-performance.slow-statements");
        assertThat(databaseChecks).contains(broken);
        Set<String> others = new java.util.TreeSet<>(databaseChecks);
        others.remove(broken);
        assertThat(result.withStatus("skipped")).as("every other database check points at that one finding")
                .isEqualTo(others)
                .allSatisfy(id -> assertThat(result.get(id).message()).contains("reported once, by " + broken));
    }

    @Test
    void rowsDroppedSincePreviousRunAreDataLoss() {
        String folder = CheckRun.freshReportDir().toString();
        CheckRun.run(Map.of("monitor.report.dir", folder), EmergencyChecks.CLASSES); // the previous run: its row counts are kept

        CheckRun.assertOnlyRed(CheckRun.run(Map.of("sandbox.faults", "rows-dropped", "monitor.report.dir", folder),
                        EmergencyChecks.CLASSES),
                Set.of("data-loss.row-counts"), Set.of(), "messages 60 -> 20 rows (-67 %");
    }

    @Test
    void quickHealthIsGreenAndFastOnAHealthySandbox() {
        CheckRun.Result result = CheckRun.run(Map.of(), SmokeChecks.CLASSES);

        assertThat(result.withStatus("passed")).isEqualTo(result.byId().keySet()).hasSize(4);
        // four calls side by side, no sampling and no waiting: seconds even on a busy machine, where one round of the
        // weekly review's samples or a wait for the Metrics API would take minutes at the sandbox's limits
        assertThat(result.took()).isLessThan(Duration.ofSeconds(30));
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
