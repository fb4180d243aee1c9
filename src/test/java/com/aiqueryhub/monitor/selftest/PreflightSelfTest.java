package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.preflight.PreflightChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The preflight fits the healthy sandbox item by item, and names the setting to change for each way it does not. */
class PreflightSelfTest {

    @Test
    void onTheHealthySandboxEveryItemFits() {
        CheckRun.Result result = CheckRun.run(Map.of(), PreflightChecks.CLASSES);

        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).hasSize(12);
        List<Map<String, Object>> items = items(result);
        assertThat(items).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(i -> assertThat(i.get("status")).as("%s", i).isEqualTo("ok"))
                .allSatisfy(i -> assertThat(i).containsKeys("id", "status", "message", "setting"));
        assertThat(items).extracting(i -> i.get("id")).contains("settings.daily", "settings.predeploy", "settings.postdeploy",
                "settings.secrets", "tables.audit",
                "role.rls", "role.read-only", "role.pg-stat-activity", "role.pg-stat-statements", "statuspage.openrouter",
                "metrics.api", "logs.error-count", "management-api.project", "functions.verify-jwt", "backups.retention",
                "database.network", "journey.user", "journey.signing-keys");
        // the preflight's own word, never production's; the file it writes labels a run of it as the environment
        assertThat(result.summary().path("verdictLine").asText()).isEqualTo("PREFLIGHT: every item fits");
        assertThat(result.file("preflight.properties")).contains("\nenv.name=local\n");
    }

    /** One cause, one status: a runner that reaches nothing gets "unknown" for each Management API item, in their words. */
    @Test
    void aRunnerThatReachesNothingGetsTheSameStatusForTheSameCauseAndItemsInTheirOwnWords() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "runner-offline"), PreflightChecks.CLASSES);

        Map<String, Object> project = items(result).stream().filter(i -> "management-api.project".equals(i.get("id"))).findFirst()
                .orElseThrow();
        Map<String, Object> backups = items(result).stream().filter(i -> "management-api.backups".equals(i.get("id"))).findFirst()
                .orElseThrow();
        assertThat(backups.get("status")).isEqualTo(project.get("status")).isEqualTo("unknown");
        assertThat(result.withStatus("not observed")).as("never folded into one blind line").isEmpty();
        assertThat(result.summary().path("verdictLine").asText()).startsWith("PREFLIGHT: ");
    }

    @Test
    void aJourneyThatIsOffIsNotAPassedPart() {
        CheckRun.Result result = CheckRun.run(Map.of("journey.enabled", "false"), PreflightChecks.CLASSES);

        assertThat(result.get("preflight.journey").status()).isEqualTo("skipped");
        assertThat(result.get("preflight.journey").message()).contains("journey.enabled=false");
        assertThat(items(result)).filteredOn(i -> "journey.user".equals(i.get("id"))).singleElement()
                .satisfies(i -> assertThat((String) i.get("message")).contains("is off"));
    }

    @Test
    void aPreflightWithProblemsSaysHowManyPartsToChangeInItsOwnWord() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "audit-table-missing"), PreflightChecks.CLASSES);

        assertThat(result.summary().path("verdictLine").asText()).startsWith("PREFLIGHT: 1 to change (tables)")
                .doesNotContain("UNHEALTHY", "Critical");
        assertThat(result.summary().path("healthy").asBoolean()).isFalse();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                // the schema moved on: the item names the setting and the live tables that look like the right one
                Arguments.of("audit-table-missing", "tables.audit", "audit.table", "security_incident_events (has every column",
                        "security_incident_events", "preflight.tables"),
                Arguments.of("rls-hidden", "role.rls", "db.user", "row-level security hides the rows of security_incidents", null,
                        "preflight.role"),
                Arguments.of("token-rejected", "management-api.project", "supabase.access-token", "refused the token", null,
                        "preflight.management-api"),
                Arguments.of("db-login-rejected", "tables", "db.password", "refused the monitoring login", null, "preflight.tables"),
                Arguments.of("statuspage-not-statuspage", "statuspage.netlify", "statuspage.netlify.url", "not Statuspage JSON", null,
                        "preflight.status-pages"),
                Arguments.of("backup-short-retention", "backups.retention", "threshold.backup-retention", "keeps 7 days", "7d",
                        "preflight.backups"),
                Arguments.of("logs-query-refused", "logs.error-count", "logs.error-count-query", "Table not found: function_logs", null,
                        "preflight.logs"),
                Arguments.of("journey-sign-in-refused", "journey.user", "journey.user-password",
                        "HTTP 400 invalid_credentials: 'Invalid login credentials'", null, "preflight.journey"));
    }

    @ParameterizedTest(name = "{0}: {1} is a problem naming {2}")
    @MethodSource("faults")
    void eachMismatchIsAProblemNamingTheSetting(String fault, String item, String setting, String text, String suggestion,
                                                String check) {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", fault), PreflightChecks.CLASSES);

        // the group the item belongs to fails, and no group whose items all fit (the settings are all there)
        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).contains(check)
                .doesNotContain("preflight.settings", "preflight.status-pages".equals(check) ? "preflight.tables" : "preflight.status-pages");
        Map<String, Object> found = items(result).stream().filter(i -> item.equals(i.get("id"))).findFirst().orElseThrow();
        assertThat(found).containsEntry("status", "problem").containsEntry("setting", setting);
        assertThat((String) found.get("message")).contains(text);
        if (suggestion != null) {
            assertThat(result.file("preflight.properties")).contains(setting + "=" + suggestion);
        }
    }

    @Test
    void theMonitoringUsersIdIsSuggestedWhereTheSettingsLackIt() {
        CheckRun.Result result = CheckRun.run(Map.of("journey.user-id", "00000000-0000-4000-8000-000000000000"), PreflightChecks.CLASSES);

        Map<String, Object> user = items(result).stream().filter(i -> "journey.user".equals(i.get("id"))).findFirst().orElseThrow();
        assertThat(user).containsEntry("status", "problem").containsEntry("setting", "journey.user-id");
        assertThat(result.file("preflight.properties")).contains("journey.user-id=7c1e5b2a-4f0d-4c8e-9a63-5d2b8e0f1a47");
    }

    @Test
    void verifyJwtOnWithSigningKeysIsSaidBeforeItBites() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "signing-keys-verify-jwt-on"), PreflightChecks.CLASSES);

        Map<String, Object> keys = items(result).stream().filter(i -> "journey.signing-keys".equals(i.get("id"))).findFirst()
                .orElseThrow();
        assertThat(keys).containsEntry("status", "unknown");
        assertThat((String) keys.get("message")).contains("verify_jwt=true while the project signs ES256 tokens", "getClaims");
        assertThat(result.get("preflight.journey").status()).isEqualTo("degraded");
    }

    @Test
    void aPageInTheOtherFormatGetsThatFormatSuggested() {
        CheckRun.Result result = CheckRun.run(Map.of("statuspage.openrouter.format", "statuspage"), PreflightChecks.CLASSES);

        Map<String, Object> openRouter = items(result).stream().filter(i -> "statuspage.openrouter".equals(i.get("id"))).findFirst()
                .orElseThrow();
        assertThat(openRouter).containsEntry("status", "problem").containsEntry("setting", "statuspage.openrouter.format")
                .containsEntry("suggestion", "datadog");
        assertThat(result.file("preflight.properties")).contains("statuspage.openrouter.format=datadog");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(CheckRun.Result result) {
        return JsonMaps.parseList(result.file("preflight.json")).stream().map(i -> (Map<String, Object>) i).toList();
    }
}
