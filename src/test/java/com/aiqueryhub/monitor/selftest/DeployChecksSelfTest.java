package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.checks.emergency.EmergencyChecks;
import com.aiqueryhub.monitor.checks.postdeploy.PostdeployChecks;
import com.aiqueryhub.monitor.checks.predeploy.PredeployChecks;
import com.aiqueryhub.monitor.checks.smoke.SmokeChecks;
import com.aiqueryhub.monitor.probe.Browser;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runbook's deployment procedures: the gate before a deploy is green on the healthy sandbox and each checklist
 * line's fault turns exactly its check red; the verification after it finds a deploy that is not live and a preview
 * that stays white, Critical, with the rollback targets the gate recorded as its remedy.
 */
class DeployChecksSelfTest {

    private static final Class<?>[] GATE = PredeployChecks.CLASSES;
    private static final Class<?>[] AFTER = Stream.of(SmokeChecks.CLASSES, DailyChecks.CLASSES, EmergencyChecks.CLASSES,
                    PostdeployChecks.CLASSES)
            .flatMap(Stream::of).distinct().toArray(Class<?>[]::new);
    private static final Set<String> GATE_CHECKS = Set.of("deploy-checklist.staging-tests", "deploy-checklist.migrations",
            "deploy-checklist.secrets", "deploy-checklist.backup", "deploy-checklist.rollback");

    @Test
    void theGateIsGreenOnTheHealthySandboxAndKeepsTheRollbackTargets() {
        CheckRun.Result result = CheckRun.runTagged(Map.of(), "predeploy", GATE);

        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).isEqualTo(GATE_CHECKS);
        JsonNode kept = result.json("history/monitor-deploy.json").path("environments").path("local");
        assertThat(kept.path("liveDeployId").asText()).hasSize(24);
        assertThat(kept.path("rollbackDeploy").asText()).isNotBlank().isNotEqualTo(kept.path("liveDeployId").asText());
        assertThat(kept.path("liveBundle").asText()).startsWith("/assets/index-");
        assertThat(result.summary().path("verdictLine").asText()).endsWith("; 1 manual step listed for people");
        // the sandbox is its own staging: the gate ran its daily and smoke checks and kept that run
        assertThat(result.file("history/monitor-runs.json")).contains("\"groups\":\"daily | smoke\"");
    }

    static Stream<Arguments> gateFaults() {
        return Stream.of(
                Arguments.of("deploy-migration-missing", "deploy-checklist.migrations",
                        "not applied in staging: 20260512000000_add_judge_system.sql"),
                Arguments.of("deploy-secret-missing", "deploy-checklist.secrets", "missing: TELEGRAM_BOT_TOKEN"),
                Arguments.of("deploy-backup-old", "deploy-checklist.backup", "h old"),
                Arguments.of("deploy-no-rollback", "deploy-checklist.rollback", "only the live deploy"),
                // staging's own checks fail: the first line of the checklist says which
                Arguments.of("db-down", "deploy-checklist.staging-tests", "database.sql failed"));
    }

    @ParameterizedTest(name = "{0} turns only {1} red")
    @MethodSource("gateFaults")
    void eachChecklistLineCatchesItsFault(String fault, String red, String observed) {
        CheckRun.Result result = CheckRun.runTagged(Map.of("sandbox.faults", fault), "predeploy", GATE);

        CheckRun.assertOnlyRed(result, Set.of(red), Set.of(), observed);
    }

    /** A staging run whose every check was skipped (its settings lost) proves nothing: the gate's first line says so. */
    @Test
    void aStagingRunThatJudgedNothingDoesNotPassTheGate() throws java.io.IOException {
        java.nio.file.Path folder = CheckRun.freshReportDir();
        com.aiqueryhub.monitor.report.RunHistory history = com.aiqueryhub.monitor.report.RunHistory.load(
                com.aiqueryhub.monitor.report.RunHistory.file(folder));
        for (String cadence : List.of("daily", "smoke")) {
            history.record("local", "selftest", java.time.Instant.now(), false, 1_000, Map.of("frontend.status", "skipped"), cadence);
        }

        CheckRun.Result result = CheckRun.runTagged(Map.of("monitor.report.dir", folder.toString()), "predeploy", GATE);

        CheckRun.assertOnlyRed(result, Set.of("deploy-checklist.staging-tests"), Set.of(),
                "no check of it passed (nothing checked, or every check skipped)");
    }

    @Test
    void afterTheDeployEverythingIsGreenAndTheNewDeployIsLive() {
        String folder = CheckRun.freshReportDir().toString();
        CheckRun.runTagged(Map.of("monitor.report.dir", folder), "predeploy", GATE);

        CheckRun.Result after = CheckRun.runTagged(Map.of("monitor.report.dir", folder), "postdeploy", AFTER);

        assertThat(after.withStatus("failed")).as("outcomes: %s", after.byId()).isEmpty();
        assertThat(after.get("deploy.live").status()).isEqualTo("passed");
        assertThat(after.byId().keySet()).as("the verification, not the whole daily run")
                .contains("quick-health.frontend", "frontend.bundle", "backend-api.invalid-jwt", "bots.telegram-delivers")
                .doesNotContain("database.sql", "overnight-errors.volume");
    }

    @Test
    void withNothingToCompareTheLiveCheckSkipsSayingWhatToDo() {
        CheckRun.Result after = CheckRun.runTagged(Map.of(), "postdeploy", AFTER);

        assertThat(after.withStatus("failed")).as("outcomes: %s", after.byId()).isEmpty();
        assertThat(after.get("deploy.live").status()).isEqualTo("skipped");
        assertThat(after.get("deploy.live").message()).contains("run the predeploy checks before deploying");
    }

    @Test
    void aDeployThatDidNotGoLiveIsCriticalWithTheRollbackTargets() {
        String folder = CheckRun.freshReportDir().toString();
        Map<String, String> notLive = Map.of("monitor.report.dir", folder, "sandbox.faults", "deploy-not-live");
        String rollbackDeploy = CheckRun.runTagged(notLive, "predeploy", GATE)
                .json("history/monitor-deploy.json").path("environments").path("local").path("rollbackDeploy").asText();

        CheckRun.Result after = CheckRun.runTagged(notLive, "postdeploy", AFTER);

        CheckRun.assertOnlyRed(after, Set.of("deploy.live"), Set.of("frontend.renders", "ai-answer.answers"),
                "still deploy 6a1f4c2e8b0d3e5f7a9c1b2d");
        assertThat(after.get("deploy.live").message()).contains("\nseverity: Critical",
                "remedy: Runbook 'Emergency Rollback': front end: publish Netlify deploy " + rollbackDeploy);
    }

    @Test
    void aCheckThatFailsAfterADeployIsCriticalAndPointsAtTheRollback() {
        String folder = CheckRun.freshReportDir().toString();
        CheckRun.runTagged(Map.of("monitor.report.dir", folder), "predeploy", GATE);

        CheckRun.Result after = CheckRun.runTagged(Map.of("monitor.report.dir", folder, "sandbox.faults", "cors-broken"),
                "postdeploy", AFTER);

        assertThat(after.withStatus("failed")).containsExactly("backend-api.cors");
        assertThat(after.get("backend-api.cors").message()).contains("\nseverity: Critical",
                "remedy: Runbook 'Emergency Rollback': front end: publish Netlify deploy", "functions: redeploy the previous",
                "If the deploy is not the cause:");
    }

    @Test
    void aDeployedCommitThatIsNotServedIsNotLive() {
        CheckRun.Result after = CheckRun.runTagged(Map.of("deploy.commit", "0123456789abcdef0123456789abcdef01234567"),
                "postdeploy", AFTER);

        assertThat(after.withStatus("failed")).containsExactly("deploy.live");
        assertThat(after.get("deploy.live").message()).contains("the published deploy built from commit 0123456789abcdef");
    }

    @Test
    void aDeployPreviewWithAWhitePageIsCaughtByTheBrowser() {
        Assumptions.assumeTrue(Browser.driver(Optional.empty()).isPresent(),
                "no chromedriver on the PATH: apt-get install chromium chromium-driver to run the browser self-tests");
        // a white page never renders, so any render limit proves it; 10 s leaves the page's own load room on a busy machine
        Map<String, String> settings = new HashMap<>(Map.of("browser.enabled", "true", "browser.timeout", "10s",
                "sandbox.faults", "deploy-preview-white-page"));

        CheckRun.Result after = CheckRun.runTagged(settings, "postdeploy", AFTER);

        CheckRun.assertOnlyRed(after, Set.of("frontend.renders"), Set.of("deploy.live", "ai-answer.answers"),
                "Missing environment variable: VITE_SUPABASE_URL");
        assertThat(after.get("frontend.renders").message()).contains("\nseverity: Critical", "Emergency Rollback");
    }
}
