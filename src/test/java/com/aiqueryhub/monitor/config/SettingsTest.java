package com.aiqueryhub.monitor.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void systemPropertyBeatsEnvironmentVariableBeatsEnvironmentFileBeatsDefault() {
        Map<String, String> env = Map.of("THRESHOLD_OVERNIGHT_ERRORS", "7", "FRONTEND_URL", "https://from-env.example");
        Settings s = Settings.load(Map.of("env", "production", "threshold.overnight-errors", "3"), env);

        assertThat(s.get(Keys.THRESHOLD_OVERNIGHT_ERRORS)).as("-D wins").isEqualTo(3);
        assertThat(s.get(Keys.FRONTEND_URL)).as("env var beats the file").hasToString("https://from-env.example");
        assertThat(s.get(Keys.SUPABASE_PROJECT_REF)).as("the environment file").isEqualTo("fskwutnoxbbflzqrphro");
        assertThat(s.get(Keys.HTTP_READ_TIMEOUT)).as("the built-in default").isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void overridesBeatEverySource() {
        Settings s = Settings.load(Map.of("frontend.url", "https://cli.example"), Map.of())
                .withOverrides(Map.of("frontend.url", "https://sandbox.example"));

        assertThat(s.get(Keys.FRONTEND_URL)).hasToString("https://sandbox.example");
    }

    @Test
    void environmentVariableNamesAreUpperCaseWithUnderscores() {
        assertThat(Setting.envVarName("supabase.access-token")).isEqualTo("SUPABASE_ACCESS_TOKEN");
        assertThat(Setting.envVarName("db.password")).isEqualTo("DB_PASSWORD");
    }

    @Test
    void defaultEnvironmentIsTheSandbox() {
        Settings s = Settings.load(Map.of(), Map.of());

        assertThat(s.environment()).isEqualTo("local");
        assertThat(s.isSandbox()).isTrue();
    }

    @Test
    void unknownEnvironmentIsOneClearLine() {
        assertThatThrownBy(() -> Settings.load(Map.of("env", "prodution"), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessage("unknown environment 'prodution' (-Denv=prodution): choose one of local, staging, production, "
                        + "or load a properties file with -Denv.file=PATH")
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void environmentFileIsLoadedAndNeverStartsTheSandbox(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("preview.properties");
        Files.writeString(file, "frontend.url=https://preview.example\n");

        Settings s = Settings.load(Map.of("env.file", file.toString()), Map.of());

        assertThat(s.get(Keys.FRONTEND_URL)).hasToString("https://preview.example");
        assertThat(s.isSandbox()).isFalse();
        // a label in metrics and history: the file's stem, never its path
        assertThat(s.environment()).isEqualTo("preview");
        assertThat(Settings.load(Map.of("env.file", file.toString(), "env.name", "preview-eu"), Map.of()).environment())
                .isEqualTo("preview-eu");
    }

    @Test
    void missingEnvironmentFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> Settings.load(Map.of("env.file", dir.resolve("nope.properties").toString()), Map.of()))
                .hasMessageStartingWith("environment file not found: ").hasMessageContaining("-Denv.file");
    }

    @Test
    void malformedValuesFailAtLoadNamingKeyAndVariable() {
        assertThatThrownBy(() -> Settings.load(Map.of("frontend.url", "aiqueryhub.com"), Map.of()))
                .hasMessage("invalid setting frontend.url='aiqueryhub.com': expected an absolute http(s) URL "
                        + "(set FRONTEND_URL or -Dfrontend.url)");
        assertThatThrownBy(() -> Settings.load(Map.of("threshold.overnight-errors", "many"), Map.of()))
                .hasMessageContaining("threshold.overnight-errors='many': expected a whole number");
        assertThatThrownBy(() -> Settings.load(Map.of("http.read-timeout", "10 seconds"), Map.of()))
                .hasMessageContaining("expected a duration such as 500ms");
        assertThatThrownBy(() -> Settings.load(Map.of("db.url", "postgres://x"), Map.of()))
                .hasMessageContaining("expected a JDBC URL starting with jdbc:postgresql://");
        assertThatThrownBy(() -> Settings.load(Map.of("monitor.strict", "yes"), Map.of()))
                .hasMessageContaining("expected true or false");
    }

    @Test
    void aMalformedSecretIsNeverEchoed() {
        // a secret whose value is malformed (a webhook URL pasted without its scheme): named, its value never shown
        String pasted = "hooks.slack.example/services/T0AB12/B0CD34/sekritPart9";
        assertThatThrownBy(() -> Settings.load(Map.of("notify.slack.webhook-url", pasted), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("invalid setting notify.slack.webhook-url=(secret)")
                .hasMessageContaining("NOTIFY_SLACK_WEBHOOK_URL")
                .hasMessageNotContaining("sekritPart9").hasMessageNotContaining("T0AB12");
        // an ordinary setting's bad value is echoed: it helps and is no secret
        assertThatThrownBy(() -> Settings.load(Map.of("supabase.url", "not a url"), Map.of())).hasMessageContaining("'not a url'");
    }

    @Test
    void aSecretSetIsKnownAsOneNeverToWrite() {
        Settings s = Settings.load(Map.of("supabase.access-token", "abc"), Map.of());
        assertThat(s.secretValues()).contains("abc");
    }

    @Test
    void missingSettingNamesTheVariableToSet() {
        Settings s = Settings.load(Map.of("env", "staging"), Map.of());

        assertThatThrownBy(() -> s.get(Keys.SUPABASE_ACCESS_TOKEN))
                .isInstanceOf(MissingSettingException.class)
                .hasMessage("setting 'supabase.access-token' is not set for environment 'staging': set SUPABASE_ACCESS_TOKEN "
                        + "(or -Dsupabase.access-token=...)");
    }

    @Test
    void emptyValueCountsAsNotSet() {
        Settings s = Settings.load(Map.of("env", "staging", "frontend.url", "  "), Map.of());

        assertThat(s.find(Keys.FRONTEND_URL)).isEmpty();
    }

    @Test
    void secretsAreEveryTokenKeyPasswordOrSecretFromAnySource() {
        Settings s = Settings.load(Map.of("db.password", "pw-from-cli", "custom.api-key", "extra-key"),
                Map.of("SUPABASE_ACCESS_TOKEN", "sbp_token", "GITHUB_TOKEN", "ghs_unrelated", "HOME", "/root"));

        assertThat(s.secretValues()).contains("pw-from-cli", "extra-key", "sbp_token", "ghs_unrelated").doesNotContain("/root");
        assertThat(Setting.isSecret("tls.truststore")).isFalse();
        assertThat(Setting.isSecret("slack.signing-secret")).isTrue();
        assertThat(Setting.isSecret("notify.slack.webhook-url")).as("a Slack webhook URL is the credential").isTrue();
        assertThat(Setting.isSecret("notify.telegram.api-url")).isFalse();
    }

    @Test
    void listsAreCommaSeparatedAndTrimmed() {
        Settings s = Settings.load(Map.of("supabase.health-services", " db, auth ,,rest"), Map.of());

        assertThat(s.get(Keys.SUPABASE_HEALTH_SERVICES)).containsExactly("db", "auth", "rest");
    }

    @Test
    void productionShipsPublicAddressesAndNoSecrets() {
        Settings s = Settings.load(Map.of("env", "production"), Map.of());

        assertThat(s.get(Keys.FRONTEND_URL)).hasToString("https://aiqueryhub.com");
        assertThat(s.get(Keys.SUPABASE_URL)).hasToString("https://fskwutnoxbbflzqrphro.supabase.co");
        assertThat(s.secretValues()).isEmpty();
        assertThat(s.isSandbox()).isFalse();
    }

    /** Every setting is declared once (Keys); the settings reference and the defaults template list exactly those. */
    @Test
    void theReferenceTableIsTheDeclaredSettings() throws IOException {
        String docs = Files.readString(Path.of("docs/settings.md"));
        String table = referenceTable();
        assertThat(docs).as("docs/settings.md's table, generated from Keys (replace the table with the expected one)")
                .contains(table);
        List<String> rows = docs.lines().filter(l -> l.startsWith("| `")).toList();
        assertThat(rows).as("one row per declared key, nothing else").hasSize(Keys.ALL.size());
    }

    @Test
    void theDefaultsTemplateListsEveryDeclaredKeyWithItsDefault() throws IOException {
        Properties template = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/monitor-defaults.properties"))) {
            template.load(in);
        }
        Map<String, String> declared = new TreeMap<>();
        Keys.ALL.forEach(s -> declared.put(s.key(), s.defaultValue()));
        Map<String, String> listed = new TreeMap<>();
        template.stringPropertyNames().forEach(k -> listed.put(k, template.getProperty(k)));
        assertThat(listed).isEqualTo(declared);
    }

    @Test
    void everyDefaultHasItsSettingsShape() {
        assertThat(Keys.ALL).filteredOn(s -> !s.defaultValue().isBlank())
                .allSatisfy(s -> assertThat(s.parse(s.defaultValue())).as("default of %s", s.key()).isPresent());
        assertThat(Keys.ALL).extracting(Setting::key).doesNotHaveDuplicates();
        assertThat(Keys.ALL).allSatisfy(s -> assertThat(s.doc()).as("meaning of %s", s.key()).isNotBlank());
    }

    /** The table docs/settings.md carries: key, default (secrets and per-environment values said as such), meaning. */
    static String referenceTable() throws IOException {
        Properties production = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/test/resources/environments/production.properties"))) {
            production.load(in);
        }
        StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (Setting<?> s : Keys.ALL) {
            String value = s.secret() ? "secret" : !s.defaultValue().isBlank() ? "`" + s.defaultValue() + "`"
                    : production.containsKey(s.key()) ? "(per environment)" : "(not set)";
            table.append("| `").append(s.key()).append("` | ").append(value).append(" | ")
                    .append(s.doc().replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }
}
