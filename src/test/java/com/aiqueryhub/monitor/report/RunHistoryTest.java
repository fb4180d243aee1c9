package com.aiqueryhub.monitor.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunHistoryTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    @TempDir
    Path dir;

    private Path file() {
        return RunHistory.file(dir);
    }

    private void record(String location, Duration ago, String status) throws IOException {
        RunHistory.load(file()).record("staging", location, NOW.minus(ago), healthy(status), 1_000,
                Map.of("frontend.status", status));
    }

    @Test
    void keepsTheFileUnderHistoryBesideAllures() {
        assertThat(file()).isEqualTo(dir.resolve("history").resolve("monitor-runs.json"));
    }

    @Test
    void aRecordedRunSurvivesARoundTripThroughTheFile() throws IOException {
        RunHistory.load(file()).record("staging", "eu-west-1", NOW.plusMillis(789), true, 4_250,
                Map.of("frontend.status", "passed", "db.size", "skipped"));

        RunHistory loaded = RunHistory.load(file());

        assertThat(loaded.runs("staging", "eu-west-1")).singleElement().satisfies(run -> {
            assertThat(run.at()).isEqualTo("2026-03-02T08:00:00Z");
            assertThat(run.healthy()).isTrue();
            assertThat(run.durationMs()).isEqualTo(4_250);
            assertThat(run.checks()).containsEntry("frontend.status", "passed").containsEntry("db.size", "skipped");
        });
        assertThat(loaded.lastSuccess("frontend.status", "staging", "eu-west-1")).contains(NOW.getEpochSecond());
        assertThat(loaded.lastSuccess("db.size", "staging", "eu-west-1")).as("skipped is no success").isEmpty();
    }

    @Test
    void passSharesCountRunsPerWindowAndLeaveOutSkippedOnes() throws IOException {
        record("eu-west-1", Duration.ofDays(20), "failed");
        record("eu-west-1", Duration.ofDays(3), "broken");
        record("eu-west-1", Duration.ofHours(5), "degraded");
        record("eu-west-1", Duration.ofHours(2), "skipped");
        record("eu-west-1", Duration.ofHours(1), "passed");

        RunHistory history = RunHistory.load(file());

        assertThat(history.passShare("frontend.status", "staging", "eu-west-1", DAY, NOW)).contains(new RunHistory.Share(2, 2));
        assertThat(history.passShare("frontend.status", "staging", "eu-west-1", WEEK, NOW)).contains(new RunHistory.Share(2, 3));
        assertThat(history.passShare("frontend.status", "staging", "eu-west-1", MONTH, NOW)).contains(new RunHistory.Share(2, 4));
        assertThat(history.passShare("frontend.status", "staging", "eu-west-1", MONTH, NOW).orElseThrow())
                .hasToString("50.0 % (2 of 4 runs)");
        assertThat(history.passShare("never.ran", "staging", "eu-west-1", MONTH, NOW)).isEmpty();
    }

    @Test
    void theLastSuccessOutlivesLaterFailures() throws IOException {
        record("eu-west-1", Duration.ofHours(6), "passed");
        record("eu-west-1", Duration.ofHours(3), "failed");
        record("eu-west-1", Duration.ofHours(1), "failed");

        assertThat(RunHistory.load(file()).lastSuccess("frontend.status", "staging", "eu-west-1"))
                .contains(NOW.minus(Duration.ofHours(6)).getEpochSecond());
    }

    @Test
    void eachEnvironmentAtEachLocationKeepsItsOwnHistory() throws IOException {
        record("eu-west-1", Duration.ofHours(2), "passed");
        record("us-east-1", Duration.ofHours(1), "failed");
        RunHistory.load(file()).record("production", "eu-west-1", NOW, false, 1_000, Map.of("frontend.status", "failed"));

        RunHistory history = RunHistory.load(file());

        assertThat(history.runs("staging", "eu-west-1")).hasSize(1);
        assertThat(history.runs("staging", "us-east-1")).hasSize(1);
        assertThat(history.runs("production", "eu-west-1")).hasSize(1);
        assertThat(history.passShare("frontend.status", "staging", "eu-west-1", DAY, NOW)).contains(new RunHistory.Share(1, 1));
        assertThat(history.passShare("frontend.status", "staging", "us-east-1", DAY, NOW)).contains(new RunHistory.Share(0, 1));
        assertThat(history.lastSuccess("frontend.status", "staging", "eu-west-1")).isPresent();
        assertThat(history.lastSuccess("frontend.status", "staging", "us-east-1")).isEmpty();
        assertThat(history.lastSuccess("frontend.status", "production", "eu-west-1")).isEmpty();
    }

    @Test
    void runsOlderThanThirtyDaysAreForgotten() throws IOException {
        record("eu-west-1", Duration.ofDays(31), "passed");
        record("eu-west-1", Duration.ofDays(29), "failed");
        record("eu-west-1", Duration.ZERO, "failed");

        RunHistory history = RunHistory.load(file());

        assertThat(history.runs("staging", "eu-west-1")).extracting(RunHistory.Run::at)
                .containsExactly(NOW.minus(Duration.ofDays(29)).toString(), NOW.toString());
        assertThat(history.lastSuccess("frontend.status", "staging", "eu-west-1"))
                .as("the last success is kept however long a check has been failing")
                .contains(NOW.minus(Duration.ofDays(31)).getEpochSecond());
    }

    @Test
    void aDamagedFileStartsAfresh() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{ not json", StandardCharsets.UTF_8);

        RunHistory history = RunHistory.load(file());
        assertThat(history.runs("staging", "eu-west-1")).isEmpty();

        history.record("staging", "eu-west-1", NOW, true, 1, Map.of("frontend.status", "passed"));
        assertThat(RunHistory.load(file()).runs("staging", "eu-west-1")).hasSize(1);
    }

    @Test
    void labelsTheWindows() {
        assertThat(RunHistory.WINDOWS).extracting(RunHistory::label).containsExactly("24 h", "7 d", "30 d");
    }

    /** A run whose one check ended with {@code status} was healthy when it passed or was degraded. */
    private static boolean healthy(String status) {
        return status.equals("passed") || status.equals("degraded");
    }
}
