package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.RunOutcome;
import com.aiqueryhub.monitor.run.Severity;
import com.aiqueryhub.monitor.run.Status;
import com.aiqueryhub.monitor.secret.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static com.aiqueryhub.monitor.report.ReportFixtures.info;
import static com.aiqueryhub.monitor.report.ReportFixtures.missingSetting;
import static com.aiqueryhub.monitor.report.ReportFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

class AllureFilesTest {

    private static final String SERVICE_KEY = "srk-0123456789abcdef";

    @TempDir
    Path dir;

    private Path results() {
        return dir.resolve("target").resolve("allure-results");
    }

    private static final List<CheckResult> HEALTHY = List.of(result("frontend.status", Status.PASSED, ""));
    private static final List<CheckResult> NOTHING = List.of(missingSetting(info("db.size", "daily", Severity.HIGH), "db.url"));

    private Settings settings() throws IOException {
        Path env = dir.resolve("staging.properties");
        Files.writeString(env, String.join("\n",
                "frontend.url=https://app.example",
                "supabase.url=https://ref.supabase.co",
                "db.url=jdbc:postgresql://db.example:5432/postgres?sslmode=require&password=pw-in-url",
                "supabase.service-role-key=" + SERVICE_KEY), StandardCharsets.UTF_8);
        return Settings.load(Map.of("env.file", env.toString()), Map.of());
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void environmentPropertiesStartWithTheVerdictAndListTheSettingsWithoutSecrets() throws IOException {
        Settings settings = settings();
        RunOutcome outcome = ReportFixtures.outcome("staging", true, HEALTHY);

        AllureFiles.write(results(), outcome, Optional.of(settings), new Masker(settings.secretValues()));

        Path file = results().resolve("environment.properties");
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8).get(0)).isEqualTo("Verdict=" + outcome.verdict().line());
        Properties env = properties(file);
        assertThat(env.getProperty("Verdict")).isEqualTo("HEALTHY: 1 checks");
        assertThat(env.getProperty("Environment")).isEqualTo("staging");
        assertThat(env.getProperty("Tag expression")).isEqualTo("daily");
        assertThat(env.getProperty("frontend.url")).isEqualTo("https://app.example");
        assertThat(env.getProperty("supabase.url")).isEqualTo("https://ref.supabase.co");
        assertThat(env.getProperty("db.url")).as("the query string, which may carry a password, is left out")
                .isEqualTo("jdbc:postgresql://db.example:5432/postgres");
        assertThat(env.getProperty("Secrets set")).contains("SUPABASE_SERVICE_ROLE_KEY");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain(SERVICE_KEY, "pw-in-url");
    }

    @Test
    void environmentPropertiesSayWhenTheSettingsCouldNotLoad() throws IOException {
        RunOutcome outcome = new RunOutcome("stagin", "eu-west-1", false, "", ReportFixtures.STARTED, ReportFixtures.FINISHED,
                NOTHING, com.aiqueryhub.monitor.run.RunVerdict.of(NOTHING), ReportFixtures.TIMING, RunOutcome.Calls.NONE, List.of());

        AllureFiles.write(results(), outcome, Optional.empty(), Masker.none());

        Properties env = properties(results().resolve("environment.properties"));
        assertThat(env.getProperty("Tag expression")).isEqualTo("(all checks)");
        assertThat(env.getProperty("Settings")).startsWith("could not be loaded: NOTHING CHECKED");
        assertThat(env.getProperty("frontend.url")).isNull();
    }

    @Test
    void writesTheExecutorAndTheCategories() throws IOException {
        AllureFiles.write(results(), ReportFixtures.outcome("staging", true, HEALTHY), Optional.empty(), Masker.none());

        JsonNode executor = Json.mapper().readTree(Files.readString(results().resolve("executor.json"), StandardCharsets.UTF_8));
        assertThat(executor.path("type").asText()).isIn("github", "gitlab", "local");
        assertThat(executor.path("name").asText()).isNotBlank();
        assertThat(executor.path("buildName").asText()).isNotBlank();
        if (executor.path("type").asText().equals("local")) {
            // off CI, the overview's executor links trends.html
            assertThat(executor.path("buildUrl").asText()).isEqualTo("trends.html");
            assertThat(executor.path("buildName").asText()).startsWith("trends.html: every check over time");
        }

        JsonNode categories = Json.mapper().readTree(Files.readString(results().resolve("categories.json"), StandardCharsets.UTF_8));
        assertThat(categories).hasSameSizeAs(Categories.all());
        assertThat(categories.get(0).path("name").asText()).isEqualTo(Categories.all().get(0).get("name"));
        assertThat(categories.get(0).path("matchedStatuses").get(0).asText()).isEqualTo("failed");
        assertThat(categories.get(0).path("messageRegex").asText()).isEqualTo(Categories.all().get(0).get("messageRegex"));
        try (var left = Files.list(results())) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left behind")
                    .containsExactlyInAnyOrder("environment.properties", "executor.json", "categories.json");
        }
    }

    @Test
    void reportPropertiesCarryTheTitleAndWhetherTheRunLoaded() throws IOException {
        AllureFiles.write(results(), ReportFixtures.outcome("staging", true, HEALTHY), Optional.empty(), Masker.none());

        Path file = dir.resolve("target").resolve("monitor-report.properties");
        Properties build = properties(file);
        assertThat(build.getProperty("report.title")).isEqualTo("AI Query Hub monitor: staging: HEALTHY");
        assertThat(build.getProperty("run.loaded")).isEqualTo("true");
        assertThat(build.getProperty("run.fails")).isNull();
    }

    @Test
    void aRunThatDidNotLoadLeavesRunLoadedOut() throws IOException {
        AllureFiles.write(results(), ReportFixtures.outcome("staging", false, HEALTHY), Optional.empty(), Masker.none());

        Properties build = properties(dir.resolve("target").resolve("monitor-report.properties"));
        assertThat(build.getProperty("report.title")).isEqualTo("AI Query Hub monitor: staging: HEALTHY");
        assertThat(build.stringPropertyNames()).doesNotContain("run.loaded");
    }

    @Test
    void aRunThatCheckedNothingNamesWhyForTheBuild() throws IOException {
        RunOutcome outcome = ReportFixtures.outcome("staging", true, NOTHING);

        AllureFiles.write(results(), outcome, Optional.empty(), Masker.none());

        Properties build = properties(dir.resolve("target").resolve("monitor-report.properties"));
        assertThat(build.getProperty("report.title")).isEqualTo("AI Query Hub monitor: staging: NOTHING CHECKED");
        assertThat(build.getProperty("run.fails")).isEqualTo(outcome.verdict().line())
                .startsWith("NOTHING CHECKED: none of the 1 selected checks").contains("db.url (DB_URL)");
    }

    @Test
    void anUnhealthyRunHasNoNothingCheckedLine() throws IOException {
        List<CheckResult> failing = List.of(result("frontend.status", Status.FAILED, "expected HTTP 200"));

        AllureFiles.write(results(), ReportFixtures.outcome("staging", true, failing), Optional.empty(), Masker.none());

        Properties build = properties(dir.resolve("target").resolve("monitor-report.properties"));
        assertThat(build.getProperty("report.title")).isEqualTo("AI Query Hub monitor: staging: UNHEALTHY");
        assertThat(build.getProperty("run.fails")).isNull();
    }

    /** Allure's trend panel is this environment's and cadence's, never another's left at the top of history/. */
    @Test
    void allureReadsTheHistoryOfThisEnvironmentAndCadenceOnly() throws IOException {
        Path history = results().resolve("history");
        Files.createDirectories(history.resolve("allure/staging/daily"));
        Files.writeString(history.resolve("history-trend.json"), "[{\"from\":\"production smoke\"}]");
        Files.writeString(history.resolve("allure/staging/daily/history-trend.json"), "[{\"from\":\"staging daily\"}]");

        AllureFiles.write(results(), ReportFixtures.outcome("staging", true, HEALTHY), Optional.empty(), Masker.none());

        assertThat(Files.readString(history.resolve("history-trend.json"))).contains("staging daily");
        assertThat(history.resolve("history.json")).doesNotExist();
        Properties build = properties(dir.resolve("target").resolve("monitor-report.properties"));
        assertThat(build.getProperty("run.history-dir")).isEqualTo("allure/staging/daily");
    }
}
