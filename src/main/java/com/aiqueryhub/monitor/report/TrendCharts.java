package com.aiqueryhub.monitor.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pictures of trends.html and of each check's history, as inline SVG (the page opens from disk like the report):
 * a check's runs on a time axis, each a mark where a run looked (a gap where none did), and a figure's series over time
 * in one chart per unit, with the limit the check fails above and the band it is degraded in.
 */
final class TrendCharts {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TICK_DAY = DateTimeFormatter.ofPattern("EEE d", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TICK_HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final List<Duration> TICKS = List.of(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7));
    private static final String[] SERIES = {"#2563eb", "#7c3aed", "#0891b2", "#db2777", "#65a30d"};

    /** A mark's colour and the words the legend gives it. */
    enum Mark {
        PASSED("#16a34a", "passed"), DEGRADED("#f59e0b", "degraded"), FAILED("#dc2626", "failed or broken"),
        NOT_OBSERVED("#7c3aed", "not observed (the monitor could not look)"),
        SKIPPED("#94a3b8", "skipped, or in a planned maintenance window");

        final String color;
        final String words;

        Mark(String color, String words) {
            this.color = color;
            this.words = words;
        }

        static Mark of(String status) {
            return switch (status) {
                case "passed" -> PASSED;
                case "degraded" -> DEGRADED;
                case "failed", "broken" -> FAILED;
                case "not observed" -> NOT_OBSERVED;
                default -> SKIPPED;
            };
        }
    }

    private TrendCharts() {
    }

    /** Every mark with its words, and what a gap means. */
    static String legend() {
        StringBuilder sb = new StringBuilder("<p class=legend>");
        for (Mark m : Mark.values()) {
            sb.append("<span><i style='background:").append(m.color).append("'></i>").append(m.words).append("</span>");
        }
        return sb.append("<span>a gap: no run looked at the check then</span></p>").toString();
    }

    /** Runs as marks on a time axis from {@code from} to {@code to}: (time, status) each. */
    static String timeline(List<Map.Entry<Instant, String>> runs, Instant from, Instant to) {
        int w = 300;
        int plot = w - 8;
        long t0 = from.getEpochSecond();
        long t1 = Math.max(t0 + 60, to.getEpochSecond());
        StringBuilder sb = new StringBuilder("<svg class=timeline width=" + w + " height=34 viewBox='0 0 " + w + " 34'>"
                + "<rect x=4 y=2 width=" + plot + " height=16 fill='#f8fafc' />");
        for (Map.Entry<Instant, String> run : runs) {
            double x = 4 + (plot - 3) * (run.getKey().getEpochSecond() - t0) / (double) (t1 - t0);
            sb.append(String.format(Locale.ROOT, "<rect class='mark %s' x=%.1f y=2 width=3 height=16 fill='%s'><title>%s UTC: %s</title></rect>",
                    Mark.of(run.getValue()).name().toLowerCase(Locale.ROOT), x, Mark.of(run.getValue()).color,
                    DAY.format(run.getKey()), esc(run.getValue())));
        }
        Duration step = TICKS.stream().filter(d -> (t1 - t0) / d.getSeconds() <= 6).findFirst().orElse(TICKS.get(TICKS.size() - 1));
        DateTimeFormatter label = step.compareTo(Duration.ofDays(1)) >= 0 ? TICK_DAY : TICK_HOUR;
        long first = (t0 / step.getSeconds() + 1) * step.getSeconds();
        for (long t = first; t < t1; t += step.getSeconds()) {
            double x = 4 + (plot - 3) * (t - t0) / (double) (t1 - t0);
            sb.append(String.format(Locale.ROOT, "<line x1=%.1f x2=%.1f y1=18 y2=22 stroke='#94a3b8' /><text x=%.1f y=32 class=t "
                    + "text-anchor=middle>%s</text>", x, x, x, label.format(Instant.ofEpochSecond(t))));
        }
        return sb.append("</svg>").toString();
    }

    /** One figure series: its name, its points oldest first, and the [limit, warn] its check judges it by. */
    record Series(String name, List<Map.Entry<Instant, Double>> points, Double limit, Double warn) {
    }

    /**
     * Several series of one unit in one chart (p50, p95 and max together), with the limit as a red dashed line and the
     * warning band shaded amber up to it, each labelled with its value; the range starts at zero for figures that cannot
     * be negative, so a small wobble does not look like a cliff.
     */
    static String chart(List<Series> series, String unit) {
        int w = 360;
        int h = 96;
        int plot = w - 78;
        long t0 = series.stream().flatMap(s -> s.points().stream()).mapToLong(p -> p.getKey().getEpochSecond()).min().orElse(0);
        long t1 = Math.max(t0 + 1, series.stream().flatMap(s -> s.points().stream()).mapToLong(p -> p.getKey().getEpochSecond())
                .max().orElse(0));
        double lo = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Map.Entry::getValue).min().orElse(0);
        double hi = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Map.Entry::getValue).max().orElse(1);
        Double limit = series.stream().map(Series::limit).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        Double warn = series.stream().map(Series::warn).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        lo = Math.min(lo, 0);
        hi = Math.max(hi, limit == null ? hi : limit * 1.05);
        hi = hi == lo ? lo + 1 : hi;
        int top = 6;
        int bottom = h - 22;
        double min = lo;
        double span = hi - lo;
        java.util.function.DoubleUnaryOperator y = v -> bottom - (bottom - top) * (v - min) / span;
        StringBuilder sb = new StringBuilder("<svg class=chart width=" + w + " height=" + h + " viewBox='0 0 " + w + " " + h
                + "'><rect x=0 y=" + top + " width=" + plot + " height=" + (bottom - top) + " fill='#f8fafc' />");
        if (warn != null) {
            double from = y.applyAsDouble(limit == null ? hi : limit);
            sb.append(String.format(Locale.ROOT, "<rect class=warn-band x=0 y=%.1f width=%d height=%.1f fill='#fef3c7'><title>degraded "
                    + "above %s %s</title></rect>", from, plot, Math.max(0, y.applyAsDouble(warn) - from), num(warn), esc(unit)));
        }
        if (limit != null) {
            double ly = y.applyAsDouble(limit);
            sb.append(String.format(Locale.ROOT, "<line class=limit x1=0 x2=%d y1=%.1f y2=%.1f stroke='#dc2626' stroke-dasharray='4 3' />"
                    + "<text x=%d y=%.1f class=t fill='#dc2626'>limit %s</text>", plot, ly, ly, plot + 4, ly + 3, num(limit)));
        }
        int i = 0;
        for (Series s : series) {
            String color = SERIES[i++ % SERIES.length];
            if (s.points().size() == 1) {
                var p = s.points().get(0);
                sb.append(String.format(Locale.ROOT, "<circle cx=%.1f cy=%.1f r=2.5 fill='%s' />", plot / 2.0, y.applyAsDouble(p.getValue()),
                        color));
                continue;
            }
            StringBuilder path = new StringBuilder();
            for (Map.Entry<Instant, Double> p : s.points()) {
                double x = 2 + (plot - 4) * (p.getKey().getEpochSecond() - t0) / (double) (t1 - t0);
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y.applyAsDouble(p.getValue())));
            }
            sb.append("<path class=series d='").append(path).append("' fill=none stroke='").append(color).append("' stroke-width=1.5 />");
        }
        if (limit == null || Math.abs(y.applyAsDouble(limit) - top) > 12) {
            // the top of the range, unless the limit's label already sits there
            sb.append("<text x=").append(plot + 4).append(" y=").append(top + 6).append(" class=t>").append(num(hi)).append("</text>");
        }
        sb.append("<text x=").append(plot + 4).append(" y=").append(bottom).append(" class=t>").append(num(lo)).append("</text>");
        if (t1 > t0 + 1) {
            sb.append("<text x=2 y=").append(h - 8).append(" class=t>").append(DAY.format(Instant.ofEpochSecond(t0))).append("</text>")
                    .append("<text x=").append(plot).append(" y=").append(h - 8).append(" class=t text-anchor=end>")
                    .append(DAY.format(Instant.ofEpochSecond(t1))).append("</text>");
        }
        sb.append("</svg><div class=keys>");
        i = 0;
        for (Series s : series) {
            double last = s.points().get(s.points().size() - 1).getValue();
            sb.append("<span><i style='background:").append(SERIES[i++ % SERIES.length]).append("'></i>").append(esc(s.name()))
                    .append(" ").append(num(last)).append(" ").append(esc(unit)).append("</span>");
        }
        return sb.append("</div>").toString();
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
