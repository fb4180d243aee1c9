package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.secret.Masker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * History as a person on call reads it: every check the history holds, grouped by cadence, with its latest status and
 * when, its pass share over 24 h, 7 d and 30 d, its runs on a time axis (a gap where no run looked), a link to the report
 * of its latest run, and its figures over time against the limit its check judges them by, so "this started on Tuesday"
 * and "this is getting close" show at a glance. The same picture is attached to each check in the Allure report;
 * {@code reports/trends.html} shows every check together. Plain HTML and inline SVG: it opens from disk, like the report.
 */
public final class TrendsPage {

    private static final DateTimeFormatter DAY = TrendCharts.DAY;
    private static final int STRIP_RUNS = 60;
    /** The cadences in the order a person reads them; any other after them. */
    private static final List<String> CADENCES = List.of("smoke", "daily", "weekly", "monthly", "emergency", "troubleshooting",
            "predeploy", "postdeploy", "preflight");

    private TrendsPage() {
    }

    /** The single-file report a run of {@code tagExpression} leaves beside trends.html ({@code report-daily.html}). */
    public static String reportFile(String tagExpression) {
        String groups = tagExpression == null || tagExpression.isBlank() ? "all" : tagExpression.trim();
        return "report-" + groups.replaceAll("[^A-Za-z0-9._-]+", "_") + ".html";
    }

    /**
     * @param reported whether this run leaves its report beside the page ({@link #reportFile}): a monitoring run does,
     *                 a run without Allure's evidence does not; an earlier run's is linked when its file is there
     */
    public static void write(Path file, String environment, String location, RunHistory history, FigureHistory figures,
                             List<CheckResult> results, Masker masker, boolean reported) throws IOException {
        List<RunHistory.Run> runs = history.runs(environment, location);
        StringBuilder html = new StringBuilder(head("AI Query Hub monitor: " + environment + ": trends"));
        html.append("<h1>AI Query Hub monitor: ").append(esc(environment)).append(": trends</h1>");
        html.append("<p class=muted>Seen from ").append(esc(location)).append(" (monitor.location).</p>");
        html.append("<p class=muted>").append(runs.size()).append(" run(s) kept (30 days)");
        Instant now = Instant.now();
        Instant from = runs.isEmpty() ? now.minus(java.time.Duration.ofDays(1)) : runs.get(0).time();
        if (!runs.isEmpty()) {
            html.append(", from ").append(DAY.format(from)).append(" to ").append(DAY.format(runs.get(runs.size() - 1).time()))
                    .append(" UTC");
        }
        html.append(". <a href='index.html'>The latest run's report</a>.</p>").append(TrendCharts.legend());
        html.append("<h2>Runs</h2>").append(TrendCharts.timeline(runs.stream().map(r -> Map.entry(r.time(), r.healthy() ? "passed"
                : r.inMaintenance() ? "maintenance" : "failed")).toList(), from, now)).append(strip(runs, null));
        Map<String, CheckResult> current = new java.util.TreeMap<>();
        results.forEach(r -> current.put(r.info().id(), r));
        java.util.Set<String> ids = new java.util.TreeSet<>(current.keySet());
        runs.forEach(r -> ids.addAll(r.checks() == null ? Map.<String, String>of().keySet() : r.checks().keySet()));
        Map<String, List<String>> byCadence = new java.util.TreeMap<>(java.util.Comparator.comparingInt(
                (String c) -> CADENCES.contains(c) ? CADENCES.indexOf(c) : CADENCES.size()).thenComparing(c -> c));
        for (String id : ids) {
            String cadence = Optional.ofNullable(current.get(id)).map(r -> r.info().cadence())
                    .or(() -> history.about(id).map(RunHistory.About::cadence)).orElse("other");
            byCadence.computeIfAbsent(cadence, k -> new ArrayList<>()).add(id);
        }
        String newest = runs.isEmpty() ? null : runs.get(runs.size() - 1).at();
        for (Map.Entry<String, List<String>> group : byCadence.entrySet()) {
            html.append("<h2 id='cadence-").append(esc(group.getKey())).append("'>").append(esc(group.getKey())).append(" checks</h2>");
            html.append("<table><tr><th>check</th><th>latest</th>");
            for (var w : RunHistory.WINDOWS) {
                html.append("<th>pass ").append(RunHistory.label(w)).append("</th>");
            }
            html.append("<th>runs</th><th>figures</th></tr>");
            for (String id : group.getValue()) {
                String name = Optional.ofNullable(current.get(id)).map(r -> r.info().name())
                        .or(() -> history.about(id).map(RunHistory.About::name)).orElse("");
                List<RunHistory.Run> its = runs.stream().filter(r -> r.checks() != null && r.checks().containsKey(id)).toList();
                html.append("<tr class=check id='check-").append(esc(id)).append("'><td><code>").append(esc(id)).append("</code><br><span class=muted>")
                        .append(esc(name)).append("</span></td><td class=n>");
                if (its.isEmpty()) {
                    html.append("<span class=muted>no run kept</span>");
                } else {
                    RunHistory.Run last = its.get(its.size() - 1);
                    String status = last.checks().get(id);
                    html.append("<b style='color:").append(TrendCharts.Mark.of(status).color).append("'>").append(esc(status))
                            .append("</b><br><span class=muted>").append(DAY.format(last.time())).append(" UTC</span>");
                    String report = reportFile(last.groups());
                    if ((reported && last.at().equals(newest)) || Files.isRegularFile(file.resolveSibling(report))) {
                        html.append("<br><a href='").append(esc(report)).append("'>report</a>");
                    }
                }
                html.append("</td>");
                for (var w : RunHistory.WINDOWS) {
                    html.append("<td class=n>").append(history.passShare(id, environment, location, w, now).map(TrendsPage::shortShare).orElse("-"))
                            .append("</td>");
                }
                html.append("<td>").append(TrendCharts.timeline(its.stream().map(r -> Map.entry(r.time(), r.checks().get(id))).toList(),
                        from, now)).append("</td><td>").append(figureCharts(Optional.ofNullable(current.get(id))
                        .map(CheckResult::figures).orElse(List.of()), id, environment, figures)).append("</td></tr>");
            }
            html.append("</table>");
        }
        html.append("</body></html>");
        Files.createDirectories(file.getParent());
        Files.writeString(file, masker.mask(html.toString()), StandardCharsets.UTF_8);
    }

    /** One check's history, attached to it in the Allure report. */
    public static String forCheck(RunHistory history, FigureHistory figures, List<CheckResult.Figure> current, String checkId,
                                  String environment, String location, String currentStatus) {
        List<RunHistory.Run> runs = new ArrayList<>(history.runs(environment, location));
        StringBuilder html = new StringBuilder(head("history of " + checkId));
        html.append("<p><b>Pass share</b> (kept runs, before this one): ");
        List<String> shares = new ArrayList<>();
        for (var w : RunHistory.WINDOWS) {
            shares.add(RunHistory.label(w) + " " + history.passShare(checkId, environment, location, w, Instant.now()).map(TrendsPage::share)
                    .orElse("no runs yet"));
        }
        html.append(String.join(" &middot; ", shares)).append("</p>");
        html.append("<p><b>Runs</b>, oldest left, this run (").append(esc(currentStatus)).append(") last:</p>")
                .append(strip(runs, checkId)).append(square(currentStatus, "this run: " + currentStatus))
                .append(TrendCharts.legend().replace("a gap: no run looked at the check then",
                        "<i style='background:#f1f5f9'></i>a pale square: that run did not select the check"));
        html.append("<p><b>Figures</b> over the kept runs, this run last:</p>").append(figureCharts(current, checkId, environment, figures));
        return html.append("</body></html>").toString();
    }

    /**
     * The check's figures, one chart per unit (p50, p95 and max share one), each point of the kept runs and this run's
     * last, with the limits this run judged them by (or, for a check this run did not select, the latest kept).
     */
    private static String figureCharts(List<CheckResult.Figure> now, String checkId, String environment, FigureHistory history) {
        Map<String, CheckResult.Figure> thisRun = new java.util.TreeMap<>();
        now.forEach(f -> thisRun.put(f.name(), f));
        java.util.SortedSet<String> names = new java.util.TreeSet<>(history.names(checkId, environment));
        names.addAll(thisRun.keySet());
        if (names.isEmpty()) {
            return "<span class=muted>none</span>";
        }
        Map<String, List<TrendCharts.Series>> byUnit = new java.util.LinkedHashMap<>();
        for (String name : names) {
            List<Map.Entry<Instant, Double>> points = new ArrayList<>(history.earlier(checkId, name, environment));
            CheckResult.Figure f = thisRun.get(name);
            FigureHistory.Scale scale = history.scale(checkId, name, environment).orElse(new FigureHistory.Scale("", null, null));
            if (f != null) {
                points.add(Map.entry(Instant.now(), f.value()));
                scale = new FigureHistory.Scale(f.unit(), f.limit(), f.warn());
            }
            if (points.isEmpty()) {
                continue;
            }
            byUnit.computeIfAbsent(scale.unit(), k -> new ArrayList<>()).add(new TrendCharts.Series(name, points, scale.limit(),
                    scale.warn()));
        }
        StringBuilder sb = new StringBuilder();
        byUnit.forEach((unit, series) -> sb.append("<div class=fig>").append(series.stream().allMatch(s -> s.points().size() < 2)
                ? "<div class=muted>(one run so far)</div>" : "").append(TrendCharts.chart(series, unit)).append("</div>"));
        return sb.toString();
    }

    private static String strip(List<RunHistory.Run> runs, String checkId) {
        StringBuilder sb = new StringBuilder("<span class=strip>");
        List<RunHistory.Run> recent = runs.subList(Math.max(0, runs.size() - STRIP_RUNS), runs.size());
        for (RunHistory.Run run : recent) {
            String status;
            if (checkId == null) {
                status = run.healthy() ? "passed" : run.inMaintenance() ? "maintenance" : "failed";
            } else {
                String s = run.checks() == null ? null : run.checks().get(checkId);
                status = s == null ? "none" : s;
            }
            sb.append(square(status, DAY.format(run.time()) + " UTC: " + status));
        }
        return sb.append("</span>").toString();
    }

    private static String square(String status, String title) {
        String color = status.equals("none") ? "#f1f5f9" : TrendCharts.Mark.of(status).color;
        return "<i title='" + esc(title) + "' style='background:" + color + "'></i>";
    }

    /** "99.2 %" over "119 of 120": a table cell's room. */
    private static String shortShare(RunHistory.Share s) {
        String color = s.ratio() >= 0.999 ? "#16a34a" : s.ratio() >= 0.95 ? "#b45309" : "#dc2626";
        return "<b style='color:" + color + "'>" + String.format(Locale.ROOT, "%.1f %%", 100.0 * s.ratio()) + "</b><br><span class=muted>"
                + s.passed() + " of " + s.runs() + "</span>";
    }

    private static String share(RunHistory.Share s) {
        String color = s.ratio() >= 0.999 ? "#16a34a" : s.ratio() >= 0.95 ? "#b45309" : "#dc2626";
        return "<b style='color:" + color + "'>" + esc(s.toString()) + "</b>";
    }

    private static String head(String title) {
        return "<!doctype html><html><head><meta charset=utf-8><title>" + esc(title) + "</title><style>"
                + "body{font:14px system-ui,sans-serif;margin:16px;color:#0f172a}table{border-collapse:collapse}"
                + "td,th{border-bottom:1px solid #e2e8f0;padding:6px 8px;text-align:left;vertical-align:top}"
                + ".strip i{display:inline-block;width:8px;height:16px;margin-right:1px;border-radius:1px}"
                + ".muted{color:#64748b}.fig{margin-bottom:6px}.fig span{display:block;font-size:12px}"
                + ".t{font:9px sans-serif;fill:#64748b}.legend span,.keys span{margin-right:12px;font-size:12px;white-space:nowrap}"
                + ".legend i,.keys i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}"
                + "h2{margin-top:28px}td.n{white-space:nowrap}tr.check td:first-child span{font-size:12px}</style></head><body>";
    }

    private static String esc(String text) {
        return TrendCharts.esc(text);
    }
}
