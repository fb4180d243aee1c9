package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.run.CheckResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers checks measured, run over run ({@code history/monitor-figures.json} beside Allure's history, the last
 * 30 values of each figure, whichever run measured them: a smoke cycle a minute never pushes out the weekly run's
 * figures): what each figure's chart and "earlier runs" list show, and what the capacity and data-loss checks compare
 * with (growth since the previous run, rows lost since it). Each figure's unit, and its limit and warning level where its
 * check judges it, are kept with it: a chart says them for a check the latest run did not select.
 */
public final class FigureHistory {

    static final int RUNS_KEPT = 30;

    /** One run's figures, keyed {@code checkId.figure}, and each one's scale (null in runs kept before it was recorded). */
    public record Run(String at, String environment, Map<String, Double> figures, Map<String, Scale> scales) {
        public Run(String at, String environment, Map<String, Double> figures) {
            this(at, environment, figures, null);
        }
    }

    /** A figure's unit, and the limit it fails above and the level it is degraded above (null where not judged). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Scale(String unit, Double limit, Double warn) {
    }

    /** The file: the kept runs, oldest first. */
    public record File(List<Run> runs) {
    }

    private final List<Run> runs;

    private FigureHistory(List<Run> runs) {
        this.runs = runs;
    }

    public static Path file(Path reportDir) {
        return reportDir.resolve("history").resolve("monitor-figures.json");
    }

    /** The kept runs; a missing or damaged file is an empty history (it never breaks a run). */
    public static FigureHistory load(Path reportDir) {
        try {
            Path file = file(reportDir);
            if (Files.isRegularFile(file)) {
                File read = Json.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8), File.class);
                // a run whose time does not read is dropped here, never met later by a chart or a comparison
                return new FigureHistory(read.runs() == null ? List.of() : read.runs().stream().filter(FigureHistory::readable).toList());
            }
        } catch (IOException | RuntimeException e) {
            // a damaged history starts afresh
        }
        return new FigureHistory(List.of());
    }

    private static boolean readable(Run run) {
        try {
            Instant.parse(run.at());
            return run.environment() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Earlier values of {@code checkId.name} in this environment, oldest first, as (time, value). */
    public List<Map.Entry<Instant, Double>> earlier(String checkId, String name, String environment) {
        List<Map.Entry<Instant, Double>> out = new ArrayList<>();
        for (Run run : runs) {
            Double v = run.figures() == null ? null : run.figures().get(checkId + "." + name);
            if (v != null && environment.equals(run.environment())) {
                out.add(Map.entry(Instant.parse(run.at()), v));
            }
        }
        return out;
    }

    /** The scale the newest run that measured {@code checkId.name} recorded with it, if that run recorded one. */
    public Optional<Scale> scale(String checkId, String name, String environment) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            Run run = runs.get(i);
            if (environment.equals(run.environment()) && run.figures() != null && run.figures().containsKey(checkId + "." + name)) {
                return Optional.ofNullable(run.scales()).map(s -> s.get(checkId + "." + name));
            }
        }
        return Optional.empty();
    }

    /** The figure names of {@code checkId} the kept runs of this environment hold, sorted. */
    public java.util.SortedSet<String> names(String checkId, String environment) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        String prefix = checkId + ".";
        for (Run run : runs) {
            if (environment.equals(run.environment()) && run.figures() != null) {
                run.figures().keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).forEach(out::add);
            }
        }
        return out;
    }

    /** The value of {@code checkId.name} in the newest earlier run of the same environment, if any. */
    public Optional<Map.Entry<Instant, Double>> previous(String checkId, String name, String environment) {
        List<Map.Entry<Instant, Double>> all = earlier(checkId, name, environment);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Appends this run's figures and writes the file; called once at the end of a run. */
    public void append(Path reportDir, String environment, Instant at, List<CheckResult> results) throws IOException {
        Map<String, Double> flat = new LinkedHashMap<>();
        Map<String, Scale> scales = new LinkedHashMap<>();
        for (CheckResult r : results) {
            r.figures().forEach(f -> {
                flat.put(r.info().id() + "." + f.name(), f.value());
                scales.put(r.info().id() + "." + f.name(), new Scale(f.unit(), f.limit(), f.warn()));
            });
        }
        if (flat.isEmpty()) {
            return;
        }
        List<Run> kept = new ArrayList<>(runs);
        kept.add(new Run(at.truncatedTo(ChronoUnit.SECONDS).toString(), environment, flat, scales));
        // a run is forgotten once each of its figures has RUNS_KEPT newer values of its own environment
        Map<String, Integer> newer = new java.util.HashMap<>();
        List<Run> trimmed = new ArrayList<>();
        for (int i = kept.size() - 1; i >= 0; i--) {
            Run run = kept.get(i);
            boolean needed = run.figures() != null && run.figures().keySet().stream()
                    .anyMatch(k -> newer.getOrDefault(run.environment() + " " + k, 0) < RUNS_KEPT);
            if (needed) {
                trimmed.add(0, run);
                run.figures().keySet().forEach(k -> newer.merge(run.environment() + " " + k, 1, Integer::sum));
            }
        }
        kept = trimmed;
        Path file = file(reportDir);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.pretty(new File(kept)), StandardCharsets.UTF_8);
    }
}
