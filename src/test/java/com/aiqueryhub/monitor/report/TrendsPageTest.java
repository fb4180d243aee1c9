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

        TrendsPage.write(file, "staging", "eu-west-1", history, figures, results, Masker.none(), false);

        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!doctype html>").endsWith("</table></body></html>")
                .contains("<h1>AI Query Hub monitor: staging: trends</h1>", "Seen from eu-west-1", "5 run(s) kept (30 days)")
                .contains("<th>pass 24 h</th><th>pass 7 d</th><th>pass 30 d</th>")
                .contains("<code>frontend.status</code>", "<code>db.size</code>")
                .contains("75.0 %</b><br><span class=muted>3 of 4</span>", "60.0 %</b><br><span class=muted>3 of 5</span>")
                .contains("p95-ms 250 ms", "<svg class=chart", ">300</text>", ">0</text>")
                .contains("a gap: no run looked at the check then", "not observed (the monitor could not look)");
        String dbRow = html.substring(html.indexOf("<code>db.size</code>"), html.indexOf("</tr>", html.indexOf("<code>db.size</code>")));
        assertThat(dbRow).as("a check without runs or figures").contains("no run kept", "<td class=n>-</td>", "<span class=muted>none</span>")
                .doesNotContain("<svg class=chart");
    }

    /** A weekly run after a daily one: the page lists both cadences' checks, each with its latest status. */
    @Test
    void listsEveryCheckTheHistoryHoldsGroupedByCadence() throws IOException {
        history.describe("frontend.status", "Front end answers", "daily");
        history.describe("performance-review.error-rate", "Edge functions' error rate", "weekly");
        history.record("staging", "eu-west-1", now.minusSeconds(30), false, 1_000, Map.of("performance-review.error-rate", "failed"),
                "weekly", "UNHEALTHY");
        Path file = dir.resolve("trends.html");

        TrendsPage.write(file, "staging", "eu-west-1", history, figures, List.of(), Masker.none(), false);

        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html.indexOf("<h2 id='cadence-daily'>")).isPositive().isLessThan(html.indexOf("<h2 id='cadence-weekly'>"));
        String weekly = html.substring(html.indexOf("<h2 id='cadence-weekly'>"));
        assertThat(weekly).contains("<tr class=check id='check-performance-review.error-rate'>", "Edge functions&#39; error rate",
                ">failed</b>");
        String daily = html.substring(html.indexOf("<h2 id='cadence-daily'>"), html.indexOf("<h2 id='cadence-weekly'>"));
        assertThat(daily).contains("id='check-frontend.status'", ">degraded</b>", "<rect class='mark degraded'",
                "<rect class='mark failed'");
    }

    /** A check the latest run did not select keeps the unit and limit its own run recorded with its figure. */
    @Test
    void aFigureOfAnotherCadenceKeepsItsUnitAndLimit() throws IOException {
        FigureHistory.load(dir).append(dir, "staging", now.minus(Duration.ofHours(1)), List.of(result("security-audit.events",
                Status.PASSED, "", new CheckResult.Figure("events-7d", 12, "events", 40.0, null))));
        history.record("staging", "eu-west-1", now.minus(Duration.ofHours(1)), true, 1_000, Map.of("security-audit.events", "passed"),
                "weekly", "HEALTHY");
        Path file = dir.resolve("trends.html");

        TrendsPage.write(file, "staging", "eu-west-1", history, FigureHistory.load(dir), List.of(), Masker.none(), false);

        String html = Files.readString(file, StandardCharsets.UTF_8);
        int at = html.indexOf("id='check-security-audit.events'");
        assertThat(at).isPositive();
        assertThat(html.substring(at, html.indexOf("</tr>", at))).contains("events-7d 12 events", "limit 40");
    }

    /** A figure its check judges is drawn with its limit and warning band; p50, p95 and max share one chart. */
    @Test
    void aJudgedFigureShowsItsLimitAndRelatedSeriesShareAChart() throws IOException {
        List<CheckResult> judged = List.of(result("backend-api.latency", Status.PASSED, "",
                new CheckResult.Figure("p50-ms", 120, "ms"), new CheckResult.Figure("p95-ms", 250, "ms", 3000.0, 1000.0),
                new CheckResult.Figure("max-ms", 400, "ms")));
        Path file = dir.resolve("trends.html");

        TrendsPage.write(file, "staging", "eu-west-1", history, figures, judged, Masker.none(), false);

        String html = Files.readString(file, StandardCharsets.UTF_8);
        int at = html.indexOf("id='check-backend-api.latency'");
        String row = html.substring(at, html.indexOf("</tr>", at));
        assertThat(row.split("<svg class=chart", -1)).as("one chart for the three").hasSize(2);
        assertThat(row).contains("<line class=limit", "limit 3000", "<rect class=warn-band", "degraded above 1000 ms",
                "max-ms 400 ms", "p50-ms 120 ms", "p95-ms 250 ms");
    }

    /** A run inside a planned window looked at nothing and found nothing wrong: grey in the runs strip, never red. */
    @Test
    void aRunInAMaintenanceWindowIsGreyNotRed() throws IOException {
        history.record("staging", "eu-west-1", now.minusSeconds(60), false, 1_000, Map.of("frontend.status", "skipped"), "daily",
                "MAINTENANCE");
        history.record("staging", "eu-west-1", now.minusSeconds(30), false, 1_000, Map.of("frontend.status", "skipped"), "daily",
                "NOTHING CHECKED");
        Path file = dir.resolve("trends.html");

        TrendsPage.write(file, "staging", "eu-west-1", history, figures, results, Masker.none(), false);

        String runs = Files.readString(file, StandardCharsets.UTF_8).split("<h2>Runs</h2>")[1].split("<span class=strip>")[1]
                .split("</span>")[0];
        assertThat(runs).contains(": maintenance' style='background:#94a3b8'", ": failed' style='background:#dc2626'");
        assertThat(RunHistory.load(RunHistory.file(dir)).runs("staging", "eu-west-1")).last().satisfies(r -> assertThat(r.inMaintenance()).isFalse());
    }

    @Test
    void writeEscapesHtmlAndMasksSecrets() throws IOException {
        Path file = dir.resolve("trends.html");

        TrendsPage.write(file, "<staging>", "runner-Zq9Xs3cr3t", history, figures, results, new Masker(List.of("Zq9Xs3cr3t")), false);

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
                .contains("p95-ms 250 ms", "<svg class=chart", "<path class=series d='M", ">300</text>")
                .endsWith("</body></html>");
    }

    @Test
    void forCheckOfANewCheckSaysNoRunsYetAndOneRunSoFar() {
        String html = TrendsPage.forCheck(history, figures, List.of(figure("rows", 12, "rows")), "new.check", "staging",
                "eu-west-1", "passed");

        assertThat(html).contains("24 h no runs yet", "7 d no runs yet", "30 d no runs yet")
                .contains("rows 12 rows", "(one run so far)").doesNotContain("<path class=series");
    }
}
