package com.aiqueryhub.monitor.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void systemPropertyBeatsEnvironmentVariableBeatsEnvironmentFileBeatsDefault() {
        Map<String, String> env = Map.of("THRESHOLD_OVERNIGHT_ERRORS", "7", "FRONTEND_URL", "https://from-env.example");
        Settings s = Settings.load(Map.of("env", "production", "threshold.overnight-errors", "3"), env);

        assertThat(s.integer("threshold.overnight-errors")).as("-D wins").isEqualTo(3);
        assertThat(s.url("frontend.url")).as("env var beats the file").hasToString("https://from-env.example");
        assertThat(s.require("supabase.project-ref")).as("the environment file").isEqualTo("fskwutnoxbbflzqrphro");
        assertThat(s.duration("http.read-timeout")).as("the built-in default").isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void overridesBeatEverySource() {
        Settings s = Settings.load(Map.of("frontend.url", "https://cli.example"), Map.of())
                .withOverrides(Map.of("frontend.url", "https://sandbox.example"));

        assertThat(s.url("frontend.url")).hasToString("https://sandbox.example");
    }

    @Test
    void environmentVariableNamesAreUpperCaseWithUnderscores() {
        assertThat(Settings.envVarName("supabase.access-token")).isEqualTo("SUPABASE_ACCESS_TOKEN");
        assertThat(Settings.envVarName("db.password")).isEqualTo("DB_PASSWORD");
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

        assertThat(s.url("frontend.url")).hasToString("https://preview.example");
        assertThat(s.isSandbox()).isFalse();
        assertThat(s.environment()).isEqualTo(file.toString());
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
        assertThatThrownBy(() -> Settings.load(Map.of("supabase.url", "not a url"), Map.of())).hasMessageContaining("'not a url'");
        Settings s = Settings.load(Map.of("supabase.access-token", "abc"), Map.of());
        assertThat(s.secretValues()).contains("abc");
    }

    @Test
    void missingSettingNamesTheVariableToSet() {
        Settings s = Settings.load(Map.of("env", "staging"), Map.of());

        assertThatThrownBy(() -> s.require("supabase.access-token"))
                .isInstanceOf(MissingSettingException.class)
                .hasMessage("setting 'supabase.access-token' is not set for environment 'staging': set SUPABASE_ACCESS_TOKEN "
                        + "(or -Dsupabase.access-token=...)");
    }

    @Test
    void emptyValueCountsAsNotSet() {
        Settings s = Settings.load(Map.of("env", "staging", "frontend.url", "  "), Map.of());

        assertThat(s.find("frontend.url")).isEmpty();
    }

    @Test
    void secretsAreEveryTokenKeyPasswordOrSecretFromAnySource() {
        Settings s = Settings.load(Map.of("db.password", "pw-from-cli", "custom.api-key", "extra-key"),
                Map.of("SUPABASE_ACCESS_TOKEN", "sbp_token", "GITHUB_TOKEN", "ghs_unrelated", "HOME", "/root"));

        assertThat(s.secretValues()).contains("pw-from-cli", "extra-key", "sbp_token", "ghs_unrelated").doesNotContain("/root");
        assertThat(Settings.isSecret("tls.truststore")).isFalse();
        assertThat(Settings.isSecret("slack.signing-secret")).isTrue();
        assertThat(Settings.isSecret("notify.slack.webhook-url")).as("a Slack webhook URL is the credential").isTrue();
        assertThat(Settings.isSecret("notify.telegram.api-url")).isFalse();
    }

    @Test
    void listsAreCommaSeparatedAndTrimmed() {
        Settings s = Settings.load(Map.of("supabase.health-services", " db, auth ,,rest"), Map.of());

        assertThat(s.list("supabase.health-services")).containsExactly("db", "auth", "rest");
    }

    @Test
    void productionShipsPublicAddressesAndNoSecrets() {
        Settings s = Settings.load(Map.of("env", "production"), Map.of());

        assertThat(s.url("frontend.url")).hasToString("https://aiqueryhub.com");
        assertThat(s.url("supabase.url")).hasToString("https://fskwutnoxbbflzqrphro.supabase.co");
        assertThat(s.secretValues()).isEmpty();
        assertThat(s.isSandbox()).isFalse();
    }
}
