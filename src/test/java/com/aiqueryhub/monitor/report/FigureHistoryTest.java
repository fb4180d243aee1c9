package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.aiqueryhub.monitor.report.ReportFixtures.figure;
import static com.aiqueryhub.monitor.report.ReportFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

class FigureHistoryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path dir;

    private static List<CheckResult> sized(double bytes, double p95) {
        return List.of(result("db.size", Status.PASSED, "", figure("db-size", bytes, "bytes")),
                result("frontend.status", Status.PASSED, "", figure("p95-ms", p95, "ms")));
    }

    @Test
    void appendedFiguresComeBackOldestFirstPerEnvironment() throws IOException {
        FigureHistory.load(dir).append(dir, "staging", T0, sized(1_000, 200));
        FigureHistory.load(dir).append(dir, "production", T0.plusSeconds(60), sized(9_999, 900));
        FigureHistory.load(dir).append(dir, "staging", T0.plus(Duration.ofHours(1)).plusMillis(500), sized(1_500, 250));

        FigureHistory history = FigureHistory.load(dir);

        assertThat(FigureHistory.file(dir)).isEqualTo(dir.resolve("history").resolve("monitor-figures.json")).isRegularFile();
        assertThat(history.earlier("db.size", "db-size", "staging")).containsExactly(Map.entry(T0, 1_000.0),
                Map.entry(T0.plus(Duration.ofHours(1)), 1_500.0));
        assertThat(history.earlier("frontend.status", "p95-ms", "production")).containsExactly(Map.entry(T0.plusSeconds(60), 900.0));
        assertThat(history.previous("db.size", "db-size", "staging")).contains(Map.entry(T0.plus(Duration.ofHours(1)), 1_500.0));
        assertThat(history.previous("db.size", "db-size", "local")).isEmpty();
        assertThat(history.earlier("db.size", "rows", "staging")).isEmpty();
    }

    @Test
    void aRunWithoutFiguresWritesNothing() throws IOException {
        FigureHistory.load(dir).append(dir, "staging", T0, List.of(result("frontend.status", Status.FAILED, "expected ...")));

        assertThat(FigureHistory.file(dir)).doesNotExist();
    }

    @Test
    void keepsTheLastThirtyRuns() throws IOException {
        for (int i = 0; i < 32; i++) {
            FigureHistory.load(dir).append(dir, "staging", T0.plus(Duration.ofHours(i)), sized(i, i));
        }

        List<Map.Entry<Instant, Double>> kept = FigureHistory.load(dir).earlier("db.size", "db-size", "staging");

        assertThat(kept).hasSize(30);
        assertThat(kept.get(0).getValue()).isEqualTo(2.0);
        assertThat(kept.get(29).getValue()).isEqualTo(31.0);
    }

    @Test
    void aMissingOrDamagedFileIsAnEmptyHistory() throws IOException {
        assertThat(FigureHistory.load(dir).earlier("db.size", "db-size", "staging")).isEmpty();

        Files.createDirectories(FigureHistory.file(dir).getParent());
        Files.writeString(FigureHistory.file(dir), "[1, 2", StandardCharsets.UTF_8);

        assertThat(FigureHistory.load(dir).earlier("db.size", "db-size", "staging")).isEmpty();
    }
}
