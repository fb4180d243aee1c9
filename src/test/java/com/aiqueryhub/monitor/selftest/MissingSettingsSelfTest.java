package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An environment that lacks endpoints and secrets: checks skip with the variable to set, or, in strict
 * mode (scheduled CI), fail as "suite misconfigured". No check may pass on a setting it never had.
 */
class MissingSettingsSelfTest {

    @TempDir
    Path dir;

    @Test
    void checksWithoutTheirSettingsAreSkippedNamingTheVariable() throws IOException {
        CheckRun.Result result = CheckRun.run(Map.of("env.file", emptyEnvironment()), DailyChecks.CLASSES);

        assertThat(result.withStatus("skipped")).as("outcomes: %s", result.byId()).isEqualTo(result.byId().keySet());
        assertThat(result.get("frontend.status").message())
                .isEqualTo("skipped: setting 'frontend.url' is not set for environment 'empty': set FRONTEND_URL "
                        + "(or -Dfrontend.url=...)");
        // every need the check declares and lacks, in one skip; none it does not declare (the SQL check's login)
        assertThat(result.get("database.project-status").message()).contains("SUPABASE_PROJECT_REF")
                .contains("this check also needs SUPABASE_ACCESS_TOKEN").doesNotContain("DB_PASSWORD");
        assertThat(result.get("database.sql").message()).contains("DB_URL");
    }

    /**
     * A scheduled run (strict) that lost its hosts: the monitor's trouble, not production's. Every check that needs a
     * missing setting is not observed, the run is MISCONFIGURED and fails, and nothing says production is down: no
     * success sample of 0, no production severity.
     */
    @Test
    void strictModeMakesAMissingSettingTheMonitorsTroubleNotAnOutage() throws IOException {
        CheckRun.Result result = CheckRun.run(Map.of("env.file", emptyEnvironment(), "monitor.strict", "true"),
                DailyChecks.CLASSES);

        Set<String> all = new TreeSet<>(result.byId().keySet());
        // opt-in and off: skipped, never the monitor's trouble
        all.removeAll(Set.of("ai-answer.answers", "journey.sign-in", "journey.answer", "journey.session-kept", "journey.sign-out",
                "auth.signing-keys"));
        all.remove("frontend.renders"); // switched off in the self-tests (browser.enabled=false)
        assertThat(result.withStatus("failed")).isEmpty();
        assertThat(result.withStatus("broken")).isEmpty();
        assertThat(result.withStatus("not observed")).isEqualTo(all);
        assertThat(result.get("overnight-errors.volume").message())
                .startsWith("not observed: setting 'supabase.project-ref' is not set").contains("monitor.strict=true")
                .doesNotContain("\tat ", "severity: Critical");
        assertThat(result.summary().path("verdictLine").asText()).startsWith("MISCONFIGURED: " + all.size() + " of ")
                .contains("settings missing: ", "frontend.url (FRONTEND_URL)");
        assertThat(result.file("metrics.prom")).doesNotContainPattern("synthetic_monitor_check_success\\{[^}]*\\} 0")
                .containsPattern("synthetic_monitor_run_misconfigured\\{[^}]*\\} 1");
    }

    @Test
    void withNoBillingKeyTheCostChecksNameEveryKeyThatWouldDo() throws IOException {
        CheckRun.Result result = CheckRun.run(Map.of("env.file", emptyEnvironment()), WeeklyChecks.CLASSES[1]); // the cost analysis

        assertThat(result.get("cost.daily-spend").message()).isEqualTo("skipped: none of cost.openrouter.api-key, "
                + "cost.anthropic.admin-key, cost.openai.admin-key is set for environment 'empty"
                + "': set COST_OPENROUTER_API_KEY or COST_ANTHROPIC_ADMIN_KEY or COST_OPENAI_ADMIN_KEY, or cost.source=sql "
                + "with cost.query");
    }

    private String emptyEnvironment() throws IOException {
        Path file = dir.resolve("empty.properties");
        if (!Files.exists(file)) {
            Files.writeString(file, "# a deployment nobody described yet\n");
        }
        return file.toString();
    }
}
