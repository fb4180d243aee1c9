package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.checks.monthly.MonthlyChecks;
import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** A run says how much it checked: never green without having looked, and manual steps counted apart. */
class VerdictSelfTest {

    @TempDir
    Path dir;

    /** A monitor whose settings were lost (an empty environment file, a renamed CI variable) says so and fails. */
    @Test
    void aRunThatCheckedNothingSaysSoAndWhy() throws IOException {
        Path empty = Files.writeString(dir.resolve("lost.properties"), "# the variables were renamed in CI\n");

        JsonNode summary = CheckRun.run(Map.of("env.file", empty.toString()), DailyChecks.CLASSES).summary();
        assertThat(summary.path("verdict").asText()).isEqualTo("NOTHING CHECKED");
        assertThat(summary.path("healthy").asBoolean()).isFalse();
        assertThat(summary.path("verdictLine").asText()).startsWith("NOTHING CHECKED: none of the 20 selected checks reached a "
                + "verdict; settings missing: db.url (DB_URL), frontend.url (FRONTEND_URL), ");
        assertThat(summary.path("reason").asText()).contains("supabase.project-ref (SUPABASE_PROJECT_REF)", "db.url (DB_URL)");
        // each skipped check carries its cause as data: the setting to set, not only a sentence naming it
        JsonNode frontend = java.util.stream.StreamSupport.stream(summary.path("checks").spliterator(), false)
                .filter(c -> c.path("id").asText().equals("frontend.status")).findFirst().orElseThrow();
        assertThat(frontend.path("cause").asText()).isEqualTo("missing-setting");
        assertThat(frontend.path("settings").get(0).asText()).isEqualTo("frontend.url");
    }

    @Test
    void aRunWithSkippedChecksSaysHowManyItChecked() throws IOException {
        JsonNode summary = CheckRun.run(Map.of(), DailyChecks.CLASSES).summary();
        assertThat(summary.path("verdict").asText()).isEqualTo("HEALTHY");
        // the opt-in AI question and what needs the browser (off in the self-tests: the render, the journey's page load)
        assertThat(summary.path("verdictLine").asText()).isEqualTo("HEALTHY: 17 of 20 checked, 3 skipped");
    }

    /** Runbook lines no API lets the suite do are listed for people, with where and why, never silently dropped. */
    @Test
    void manualStepsAreListedWithWhereAndWhyAndCountedApart() throws IOException {
        JsonNode summary = CheckRun.run(Map.of(), MonthlyChecks.CLASSES).summary();
        assertThat(summary.path("verdictLine").asText()).endsWith("; 2 manual steps listed for people");
        JsonNode drill = StreamSupport.stream(summary.path("checks").spliterator(), false)
                .filter(c -> c.path("id").asText().equals("backup.restore-drill")).findFirst().orElseThrow();
        assertThat(drill.path("status").asText()).isEqualTo("manual");
        assertThat(drill.path("message").asText()).startsWith("manual step: a restore writes a whole database")
                .contains("by hand: https://supabase.com/dashboard/project/sandboxproject0000001/database/backups/scheduled");
        assertThat(summary.path("checksRun").asInt()).as("manual steps are no checks").isEqualTo(8);

        assertThat(CheckRun.run(Map.of(), WeeklyChecks.CLASSES).summary().path("verdictLine").asText()).endsWith("; 1 manual step listed for people");
    }
}
