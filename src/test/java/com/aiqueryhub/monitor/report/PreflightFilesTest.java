package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.run.PreflightItem;
import com.aiqueryhub.monitor.secret.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class PreflightFilesTest {

    private static final String DB_PASSWORD = "pg-pass-7c1d2e";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

    private final List<PreflightItem> items = List.of(
            PreflightItem.ok("frontend.reachable", "the front end answers HTTP 200"),
            PreflightItem.unknown("db.role", "cannot tell whether the monitoring role exists", "db.user"),
            PreflightItem.problem("db.connection", "the direct database host is IPv6 only\nthis runner has no IPv6", "db.connection")
                    .suggesting("session-pooler"),
            PreflightItem.problem("db.login", "login refused for password " + DB_PASSWORD, "db.password"));

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "frontend.url", "https://app.example",
            "db.connection", "direct",
            "db.password", DB_PASSWORD);

    private void write(boolean sandbox) throws IOException {
        PreflightFiles.write(dir, items, new Masker(List.of(DB_PASSWORD)), "staging", ENVIRONMENT, sandbox, out);
    }

    private Properties properties() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("preflight.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void forgetDeletesBothFilesAndNothingElse() throws IOException {
        Files.writeString(dir.resolve("preflight.json"), "[]");
        Files.writeString(dir.resolve("preflight.properties"), "a=b");
        Files.writeString(dir.resolve("summary.json"), "{}");

        PreflightFiles.forget(dir);

        assertThat(dir.resolve("preflight.json")).doesNotExist();
        assertThat(dir.resolve("preflight.properties")).doesNotExist();
        assertThat(dir.resolve("summary.json")).exists();
    }

    @Test
    void forgetWithoutEarlierFilesDoesNothing() {
        PreflightFiles.forget(dir.resolve("no-such-folder"));

        assertThat(dir.resolve("no-such-folder")).doesNotExist();
    }

    @Test
    void preflightJsonListsEveryItemProblemsFirstWithASuggestionOnlyWhereSet() throws IOException {
        write(false);

        JsonNode json = Json.mapper().readTree(Files.readString(dir.resolve("preflight.json"), StandardCharsets.UTF_8));
        assertThat(json).hasSize(4);
        assertThat(json.findValuesAsText("id")).containsExactly("db.connection", "db.login", "db.role", "frontend.reachable");
        assertThat(json.findValuesAsText("status")).containsExactly("problem", "problem", "unknown", "ok");

        JsonNode suggested = json.get(0);
        assertThat(suggested.path("message").asText()).startsWith("the direct database host is IPv6 only");
        assertThat(suggested.path("setting").asText()).isEqualTo("db.connection");
        assertThat(suggested.path("suggestion").asText()).isEqualTo("session-pooler");
        assertThat(json.get(1).has("suggestion")).isFalse();
        assertThat(json.get(2).path("setting").asText()).isEqualTo("db.user");
        assertThat(json.get(2).has("suggestion")).isFalse();
        assertThat(json.get(3).path("setting").isNull()).isTrue();
        assertThat(json.get(1).path("message").asText()).isEqualTo("login refused for password ****");
    }

    @Test
    void preflightPropertiesHoldTheEnvironmentWithTheSuggestedValuesAndNoSecrets() throws IOException {
        write(false);

        Properties props = properties();
        assertThat(props.getProperty("frontend.url")).isEqualTo("https://app.example");
        assertThat(props.getProperty("db.connection")).as("the suggestion replaces the environment's value")
                .isEqualTo("session-pooler");
        assertThat(props.getProperty("db.password")).isNull();
        assertThat(props.getProperty("db.user")).as("no suggestion, no line").isNull();
        String text = Files.readString(dir.resolve("preflight.properties"), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(DB_PASSWORD, "direct\n")
                .contains("# suggested by db.connection: the direct database host is IPv6 only this runner has no IPv6\n"
                        + "db.connection=session-pooler\n")
                .contains("# Run: mvn verify -Denv.file=" + dir.resolve("preflight.properties") + " -Dgroups=daily");
    }

    @Test
    void aSandboxRunSaysItsAddressesLastOneRun() throws IOException {
        write(true);

        assertThat(Files.readString(dir.resolve("preflight.properties"), StandardCharsets.UTF_8))
                .contains("# The sandbox's addresses last one run").doesNotContain("# Run: mvn verify");
    }

    @Test
    void theConsoleTableListsProblemsFirstWithTheSettingToChange() throws IOException {
        write(false);

        String table = console.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("PREFLIGHT of staging: 2 item(s) to change")
                .contains("[set db.connection=session-pooler]", "[set db.user]")
                .doesNotContain(DB_PASSWORD);
        assertThat(table.indexOf("PROBLEM")).isLessThan(table.indexOf("UNKNOWN"));
        assertThat(table.indexOf("UNKNOWN")).isLessThan(table.indexOf("OK "));
    }
}
