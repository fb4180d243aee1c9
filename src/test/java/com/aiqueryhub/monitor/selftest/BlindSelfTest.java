package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production broken, or the monitor blind. A runner that resolves no name at all (fault runner-offline: production's
 * hosts and every reference under .invalid) is BLIND: nothing failed, no production remedy, no success sample of 0 for
 * the alert rules, the run marked blind. Production's own name failing while the references answer stays production's
 * trouble (UNHEALTHY, naming DNS); references down while production answers blinds nothing.
 */
class BlindSelfTest {

    @Test
    void aRunnerThatReachesNothingIsBlindNotAnOutage() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "runner-offline"), DailyChecks.CLASSES);
        JsonNode summary = result.summary();

        assertThat(summary.path("verdict").asText()).isEqualTo("BLIND");
        assertThat(summary.path("verdictLine").asText()).isEqualTo("BLIND: this runner cannot resolve any name (production and "
                + "5 references): the runner's DNS or network, not production");
        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("broken")).isEmpty();
        assertThat(result.withStatus("not observed")).contains("frontend.status", "backend-api.invalid-jwt", "database.sql",
                "database.project-status");
        // no production remedy: every message names the runner, none a production fix
        result.withStatus("not observed").forEach(id -> assertThat(result.get(id).message())
                .startsWith("not observed: this runner cannot resolve any name").doesNotContain("redeploy", "CORS"));
        String metrics = result.file("metrics.prom");
        assertThat(metrics).contains("synthetic_monitor_run_blind{environment=\"local\"")
                .containsPattern("synthetic_monitor_run_blind\\{[^}]*} 1\\.0")
                .doesNotContainPattern("synthetic_monitor_check_success\\{[^}]*} 0\\.0")
                .containsPattern("synthetic_monitor_check_observed\\{[^}]*check=\"frontend.status\"[^}]*} 0\\.0");
    }

    @Test
    void productionsOwnNameFailingIsProductionsTroubleWhileReferencesAnswer() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "frontend-name-unresolved"), DailyChecks.CLASSES);

        assertThat(result.summary().path("verdict").asText()).isEqualTo("UNHEALTHY");
        assertThat(result.withStatus("failed")).contains("frontend.status");
        assertThat(result.get("frontend.status").message()).contains("name not resolved: www.aiqueryhub.invalid");
        assertThat(result.withStatus("not observed")).isEmpty();
        assertThat(result.file("metrics.prom")).containsPattern("synthetic_monitor_run_blind\\{[^}]*} 0\\.0");
    }

    @Test
    void referencesDownWhileProductionAnswersBlindNothing() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "statuspages-down"), DailyChecks.CLASSES);

        assertThat(result.summary().path("verdict").asText()).isEqualTo("HEALTHY");
        assertThat(result.withStatus("not observed")).isEmpty();
        assertThat(result.withStatus("failed")).isEmpty();
    }
}
