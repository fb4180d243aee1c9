package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.secret.Masker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * History as a person on call reads it: per check, its pass share over 24 h, 7 d and 30 d, a strip of its recent
 * runs (red where it failed) and a chart of each of its figures over the kept runs, so "this started on Tuesday"
 * shows at a glance. The same section is attached to each check in the Allure report; {@code reports/trends.html}
 * shows every check together. Plain HTML and inline SVG: it opens from disk, like the report.
 */
public final class TrendsPage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int STRIP_RUNS = 60;

    private TrendsPage() {
    }

    public static void write(Path file, String environment, String location, RunHistory history, FigureHistory figures,
                             List<CheckResult> results, Masker masker) throws IOException {
        List<RunHistory.Run> runs = history.runs(environment, location);
        StringBuilder html = new StringBuilder(head("AI Query Hub monitor: " + environment + ": trends"));
        html.append("<h1>AI Query Hub monitor: ").append(esc(environment)).append(": trends</h1>");
        html.append("<p class=muted>Seen from ").append(esc(location)).append(" (monitor.location).</p>");
        html.append("<p class=muted>").append(runs.size()).append(" run(s) kept (30 days)");
        if (!runs.isEmpty()) {
            html.append(", from ").append(DAY.format(runs.get(0).time())).append(" to ")
                    .append(DAY.format(runs.get(runs.size() - 1).time())).append(" UTC");
        }
        html.append(". Each square is a run, oldest left: green passed, amber degraded, grey skipped or in a planned maintenance window, red failed.</p>");
        html.append("<h2>Runs</h2>").append(strip(runs, null));
        html.append("<h2>Checks</h2><table><tr><th>check</th>");
        for (var w : RunHistory.WINDOWS) {
            html.append("<th>pass ").append(RunHistory.label(w)).append("</th>");
        }
        html.append("<th>recent runs</th><th>figures</th></tr>");
        Map<String, CheckResult> byId = new java.util.TreeMap<>();
        results.forEach(r -> byId.put(r.info().id(), r));
        for (String id : byId.keySet()) {
            html.append("<tr><td><code>").append(esc(id)).append("</code></td>");
            for (var w : RunHistory.WINDOWS) {
                html.append("<td>").append(history.passShare(id, environment, location, w, Instant.now()).map(s -> share(s)).orElse("-"))
                        .append("</td>");
            }
            html.append("<td>").append(strip(runs, id)).append("</td><td>").append(figureCharts(byId.get(id).figures(), id, environment,
                    figures)).append("</td></tr>");
        }
        html.append("</table></body></html>");
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
                .append(strip(runs, checkId)).append(square(currentStatus, "this run: " + currentStatus));
        html.append("<p><b>Figures</b> over the kept runs, this run last:</p>").append(figureCharts(current, checkId, environment, figures));
        return html.append("</body></html>").toString();
    }

    private static String figureCharts(List<CheckResult.Figure> now, String checkId, String environment, FigureHistory history) {
        if (now.isEmpty()) {
            return "<span class=muted>none</span>";
        }
        StringBuilder sb = new StringBuilder();
        for (CheckResult.Figure f : now.stream().sorted(java.util.Comparator.comparing(CheckResult.Figure::name)).toList()) {
            List<Map.Entry<Instant, Double>> points = new ArrayList<>(history.earlier(checkId, f.name(), environment));
            points.add(Map.entry(Instant.now(), f.value()));
            sb.append("<div class=fig><span>").append(esc(f.name())).append(" ").append(esc(num(f.value()))).append(" ")
                    .append(esc(f.unit())).append("</span>").append(chart(points)).append("</div>");
        }
        return sb.toString();
    }

    /** A line over time, its range on the right and its first and last dates below, small enough for a table cell. */
    static String chart(List<Map.Entry<Instant, Double>> points) {
        int w = 300;
        int h = 64;
        int plot = w - 70; // the range labels sit right of the line
        if (points.size() < 2) {
            return "<div class=muted>(one run so far)</div>";
        }
        double min = points.stream().mapToDouble(Map.Entry::getValue).min().orElse(0);
        double max = points.stream().mapToDouble(Map.Entry::getValue).max().orElse(1);
        long t0 = points.get(0).getKey().getEpochSecond();
        long t1 = Math.max(t0 + 1, points.get(points.size() - 1).getKey().getEpochSecond());
        StringBuilder path = new StringBuilder();
        for (Map.Entry<Instant, Double> p : points) {
            double x = 4 + (plot - 8) * (p.getKey().getEpochSecond() - t0) / (double) (t1 - t0);
            double y = 6 + (h - 28) * (max == min ? 0.5 : (max - p.getValue()) / (max - min));
            path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        }
        return "<svg width=" + w + " height=" + h + " viewBox='0 0 " + w + " " + h + "'><rect x=0 y=2 width=" + plot + " height="
                + (h - 20) + " fill='#f8fafc' /><path d='" + path + "' fill=none stroke='#2563eb' stroke-width=1.5 />"
                + "<text x=" + (plot + 4) + " y=12 class=t>max " + num(max) + "</text><text x=" + (plot + 4) + " y=" + (h - 20)
                + " class=t>min " + num(min) + "</text><text x=2 y=" + (h - 4) + " class=t>" + DAY.format(points.get(0).getKey())
                + "</text><text x=" + plot + " y=" + (h - 4) + " class=t text-anchor=end>"
                + DAY.format(points.get(points.size() - 1).getKey()) + "</text></svg>";
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
        String color = switch (status) {
            case "passed" -> "#16a34a";
            case "failed", "broken" -> "#dc2626";
            case "degraded" -> "#f59e0b";
            case "none" -> "#f1f5f9";
            default -> "#94a3b8";
        };
        return "<i title='" + esc(title) + "' style='background:" + color + "'></i>";
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
                + ".t{font:9px sans-serif;fill:#64748b}</style></head><body>";
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
