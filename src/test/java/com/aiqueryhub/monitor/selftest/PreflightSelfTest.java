package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.preflight.PreflightChecks;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The preflight fits the healthy sandbox item by item, and names the setting to change for each way it does not. */
class PreflightSelfTest {

    @Test
    void onTheHealthySandboxEveryItemFits() throws IOException {
        CheckRun.Result result = CheckRun.run(Map.of(), PreflightChecks.CLASSES);

        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).hasSize(10);
        List<Map<String, Object>> items = items();
        assertThat(items).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(i -> assertThat(i.get("status")).as("%s", i).isEqualTo("ok"))
                .allSatisfy(i -> assertThat(i).containsKeys("id", "status", "message", "setting"));
        assertThat(items).extracting(i -> i.get("id")).contains("settings.daily", "settings.secrets", "tables.audit",
                "role.rls", "role.read-only", "role.pg-stat-activity", "role.pg-stat-statements", "statuspage.openrouter",
                "metrics.api", "logs.error-count", "management-api.project", "functions.verify-jwt", "backups.retention",
                "database.network");
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                // the schema moved on: the item names the setting and the live tables that look like the right one
                Arguments.of("audit-table-missing", "tables.audit", "audit.table", "security_incident_events (has every column",
                        "security_incident_events"),
                Arguments.of("rls-hidden", "role.rls", "db.user", "row-level security hides the rows of security_incidents", null),
                Arguments.of("token-rejected", "management-api.project", "supabase.access-token", "refused the token", null),
                Arguments.of("db-login-rejected", "tables", "db.password", "refused the monitoring login", null),
                Arguments.of("statuspage-not-statuspage", "statuspage.netlify", "statuspage.netlify.url", "not Statuspage JSON", null),
                Arguments.of("backup-short-retention", "backups.retention", "threshold.backup-retention", "keeps 7 days", "7d"),
                Arguments.of("logs-query-refused", "logs.error-count", "logs.error-count-query", "Table not found: function_logs", null));
    }

    @ParameterizedTest(name = "{0}: {1} is a problem naming {2}")
    @MethodSource("faults")
    void eachMismatchIsAProblemNamingTheSetting(String fault, String item, String setting, String text, String suggestion)
            throws IOException {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", fault), PreflightChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isNotEmpty();
        Map<String, Object> found = items().stream().filter(i -> item.equals(i.get("id"))).findFirst().orElseThrow();
        assertThat(found).containsEntry("status", "problem").containsEntry("setting", setting);
        assertThat((String) found.get("message")).contains(text);
        if (suggestion != null) {
            assertThat(Files.readString(reportDir().resolve("preflight.properties"))).contains(setting + "=" + suggestion);
        }
    }

    @Test
    void aPageInTheOtherFormatGetsThatFormatSuggested() throws IOException {
        CheckRun.run(Map.of("statuspage.openrouter.format", "statuspage"), PreflightChecks.CLASSES);

        Map<String, Object> openRouter = items().stream().filter(i -> "statuspage.openrouter".equals(i.get("id"))).findFirst()
                .orElseThrow();
        assertThat(openRouter).containsEntry("status", "problem").containsEntry("setting", "statuspage.openrouter.format")
                .containsEntry("suggestion", "datadog");
        assertThat(Files.readString(reportDir().resolve("preflight.properties"))).contains("statuspage.openrouter.format=datadog");
    }

    private static List<Map<String, Object>> items() throws IOException {
        return new JsonPath(Files.readString(reportDir().resolve("preflight.json"))).getList("$");
    }

    private static Path reportDir() {
        return Path.of(System.getProperty("monitor.report.dir"));
    }
}
