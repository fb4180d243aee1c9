package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.check.Evidence;
import groovy.json.JsonOutput;
import groovy.json.JsonSlurper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The numbers checks measure (p95, error rate, database size, spend...), kept run over run so the trends
 * the runbook asks engineers to review are visible: each figure is attached to its check with the values
 * of earlier runs, written to summary.json, and appended to {@code history/monitor-figures.json} beside
 * Allure's own history (kept for the next run the same way).
 */
public final class Figures {

    private static final int RUNS_KEPT = 30;
    private static final ThreadLocal<String> CURRENT_CHECK = new ThreadLocal<>();
    private static final Map<String, Map<String, Object>> BY_CHECK = new ConcurrentHashMap<>();
    private static final Map<String, String> UNITS = new ConcurrentHashMap<>();

    private Figures() {
    }

    /** Called by the check extension: figures recorded on this thread belong to {@code checkId}. */
    public static void startCheck(String checkId) {
        CURRENT_CHECK.set(checkId);
        BY_CHECK.remove(checkId);
        RetryNotes.clear(checkId);
    }

    /** The id of the check running on this thread, or null. */
    public static String currentCheck() {
        return CURRENT_CHECK.get();
    }

    /** Records a figure of the running check and attaches it with its earlier values. */
    public static void record(String name, double value, String unit) {
        String check = CURRENT_CHECK.get();
        if (check == null) {
            return;
        }
        BY_CHECK.computeIfAbsent(check, k -> new ConcurrentHashMap<>()).put(name, round(value));
        UNITS.put(check + "." + name, unit);
        List<String> earlier = new ArrayList<>();
        for (Map<String, Object> run : history()) {
            Object v = figuresOf(run).getOrDefault(check + "." + name, null);
            if (v != null) {
                earlier.add(run.get("at") + "  " + v + " " + unit);
            }
        }
        Evidence.attach("figure: " + name, name + " = " + round(value) + " " + unit + "\n\nearlier runs (newest last):\n"
                + (earlier.isEmpty() ? "(none kept yet)" : String.join("\n", earlier)) + "\n");
    }

    /** The value of {@code checkId.name} in the newest earlier run of the same environment, if any. */
    public static Optional<Map.Entry<Instant, Double>> previous(String checkId, String name, String environment) {
        List<Map<String, Object>> runs = history();
        for (int i = runs.size() - 1; i >= 0; i--) {
            Map<String, Object> run = runs.get(i);
            Object v = figuresOf(run).get(checkId + "." + name);
            if (v instanceof Number n && environment.equals(run.get("environment"))) {
                return Optional.of(Map.entry(Instant.parse((String) run.get("at")), n.doubleValue()));
            }
        }
        return Optional.empty();
    }

    /** The unit a figure was recorded in ("ms", "%", "USD", ...), for the metrics' base units. */
    static String unitOf(String checkId, String name) {
        return UNITS.getOrDefault(checkId + "." + name, "");
    }

    /** Earlier values of {@code checkId.name} in this environment, oldest first, as (time, value). */
    static List<Map.Entry<Instant, Double>> earlier(String checkId, String name, String environment) {
        List<Map.Entry<Instant, Double>> out = new ArrayList<>();
        for (Map<String, Object> run : history()) {
            Object v = figuresOf(run).get(checkId + "." + name);
            if (v instanceof Number n && environment.equals(run.get("environment"))) {
                out.add(Map.entry(Instant.parse((String) run.get("at")), n.doubleValue()));
            }
        }
        return out;
    }

    static Map<String, Object> of(String checkId) {
        return BY_CHECK.getOrDefault(checkId, Map.of());
    }

    /** Appends this run's figures to the kept history; called once at the end of a run. */
    static void save(String environment, Instant at, Map<String, Map<String, Object>> figuresByCheck) throws IOException {
        Map<String, Object> flat = new LinkedHashMap<>();
        figuresByCheck.forEach((check, figures) -> figures.forEach((name, v) -> flat.put(check + "." + name, v)));
        if (flat.isEmpty()) {
            return;
        }
        List<Map<String, Object>> runs = new ArrayList<>(history());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("at", at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        run.put("environment", environment);
        run.put("figures", flat);
        runs.add(run);
        while (runs.size() > RUNS_KEPT) {
            runs.remove(0);
        }
        Path file = file();
        Files.createDirectories(file.getParent());
        Files.writeString(file, JsonOutput.prettyPrint(JsonOutput.toJson(Map.of("runs", runs))), StandardCharsets.UTF_8);
    }

    static Path file() {
        return Path.of(System.getProperty("monitor.report.dir", "reports"), "history", "monitor-figures.json");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            Object parsed = new JsonSlurper().parseText(Files.readString(file, StandardCharsets.UTF_8));
            Object runs = parsed instanceof Map<?, ?> m ? m.get("runs") : null;
            return runs instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of(); // a damaged history must not break today's checks
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> figuresOf(Map<String, Object> run) {
        return run.get("figures") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.4f", v));
    }
}
