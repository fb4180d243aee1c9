package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.Status;
import com.aiqueryhub.monitor.secret.Masker;
import org.junit.jupiter.api.BeforeEach;
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

/** The page reads pass shares against the clock, so its history is recorded relative to now. */
class TrendsPageTest {

    @TempDir
    Path dir;

    private final Instant now = Instant.now();
    private RunHistory history;
    private FigureHistory figures;

    @BeforeEach
    void history() throws IOException {
        history = RunHistory.load(RunHistory.file(dir));
        // 24 h: 3 of 4 passed; 7 d: one more run, failed, 3 days ago
        record(Duration.ofDays(3), "failed");
        record(Duration.ofHours(4), "passed");
        record(Duration.ofHours(3), "passed");
        record(Duration.ofHours(2), "failed");
        record(Duration.ofHours(1), "degraded");
        FigureHistory.load(dir).append(dir, "staging", now.minus(Duration.ofHours(2)),
                List.of(result("frontend.status", Status.PASSED, "", figure("p95-ms", 300, "ms"))));
        figures = FigureHistory.load(dir);
    }

    private void record(Duration ago, String status) throws IOException {
        history.record("staging", "eu-west-1", now.minus(ago), !status.equals("failed"), 1_000, Map.of("frontend.status", status));
    }

    private final List<CheckResult> results = List.of(
            result("frontend.status", Status.PASSED, "", figure("p95-ms", 250, "ms")),
            result("db.size", Status.SKIPPED, "skipped: setting 'db.url' is not set"));

    @Test
    void writesEveryChecksPassSharesAndAFigureChart() throws IOException {
        Path file = dir.resolve("trends.html");

        TrendsPage.write(file, "staging", "eu-west-1", history, figures, results, Masker.none());

        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!doctype html>").endsWith("</table></body></html>")
                .contains("<h1>AI Query Hub monitor: staging: trends</h1>", "Seen from eu-west-1", "5 run(s) kept (30 days)")
                .contains("<th>pass 24 h</th><th>pass 7 d</th><th>pass 30 d</th>")
                .contains("<code>frontend.status</code>", "<code>db.size</code>")
                .contains("75.0 % (3 of 4 runs)", "60.0 % (3 of 5 runs)")
                .contains("p95-ms 250 ms", "<svg", "max 300", "min 250");
        String dbRow = html.substring(html.indexOf("<code>db.size</code>"), html.indexOf("<code>frontend.status</code>"));
        assertThat(dbRow).as("a check without runs or figures").contains("<td>-</td>", "<span class=muted>none</span>")
                .doesNotContain("<svg");
    }

    /** A run inside a planned window looked at nothing and found nothing wrong: grey in the runs strip, never red. */
    @Test
    void aRunInAMaintenanceWindowIsGreyNotRed() throws IOException {
        history.record("staging", "eu-west-1", now.minusSeconds(60), false, 1_000, Map.of("frontend.status", "skipped"), "daily",
                "MAINTENANCE");
        history.record("staging", "eu-west-1", now.minusSeconds(30), false, 1_000, Map.of("frontend.status", "skipped"), "daily",
                "NOTHING CHECKED");
        Path file = dir.resolve("trends.html");

        TrendsPage.write(file, "staging", "eu-west-1", history, figures, results, Masker.none());

        String runs = Files.readString(file, StandardCharsets.UTF_8).split("<h2>Runs</h2>")[1].split("</span>")[0];
        assertThat(runs).contains(": maintenance' style='background:#94a3b8'", ": failed' style='background:#dc2626'");
        assertThat(RunHistory.load(RunHistory.file(dir)).runs("staging", "eu-west-1")).last().satisfies(r -> assertThat(r.inMaintenance()).isFalse());
    }

    @Test
    void writeEscapesHtmlAndMasksSecrets() throws IOException {
        Path file = dir.resolve("trends.html");

        TrendsPage.write(file, "<staging>", "runner-Zq9Xs3cr3t", history, figures, results, new Masker(List.of("Zq9Xs3cr3t")));

        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html).contains("&lt;staging&gt;: trends").doesNotContain("<staging>")
                .contains("Seen from runner-****").doesNotContain("Zq9Xs3cr3t");
    }

    @Test
    void forCheckShowsItsPassSharesThisRunAndItsFigureCharts() {
        String html = TrendsPage.forCheck(history, figures, List.of(figure("p95-ms", 250, "ms")), "frontend.status", "staging",
                "eu-west-1", "failed");

        assertThat(html).contains("<title>history of frontend.status</title>")
                .contains("24 h <b style='color:#dc2626'>75.0 % (3 of 4 runs)</b>")
                .contains("7 d <b style='color:#dc2626'>60.0 % (3 of 5 runs)</b>")
                .contains("this run (failed) last", "title='this run: failed' style='background:#dc2626'")
                .contains("p95-ms 250 ms", "<svg", "<path d='M", "max 300", "min 250")
                .endsWith("</body></html>");
    }

    @Test
    void forCheckOfANewCheckSaysNoRunsYetAndOneRunSoFar() {
        String html = TrendsPage.forCheck(history, figures, List.of(figure("rows", 12, "rows")), "new.check", "staging",
                "eu-west-1", "passed");

        assertThat(html).contains("24 h no runs yet", "7 d no runs yet", "30 d no runs yet")
                .contains("rows 12 rows", "(one run so far)").doesNotContain("<svg");
    }
}
