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
 * 30 runs): what each figure's chart and "earlier runs" list show, and what the capacity and data-loss checks compare
 * with (growth since the previous run, rows lost since it).
 */
public final class FigureHistory {

    static final int RUNS_KEPT = 30;

    /** One run's figures, keyed {@code checkId.figure}. */
    public record Run(String at, String environment, Map<String, Double> figures) {
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

    /** The value of {@code checkId.name} in the newest earlier run of the same environment, if any. */
    public Optional<Map.Entry<Instant, Double>> previous(String checkId, String name, String environment) {
        List<Map.Entry<Instant, Double>> all = earlier(checkId, name, environment);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Appends this run's figures and writes the file; called once at the end of a run. */
    public void append(Path reportDir, String environment, Instant at, List<CheckResult> results) throws IOException {
        Map<String, Double> flat = new LinkedHashMap<>();
        for (CheckResult r : results) {
            r.figures().forEach(f -> flat.put(r.info().id() + "." + f.name(), f.value()));
        }
        if (flat.isEmpty()) {
            return;
        }
        List<Run> kept = new ArrayList<>(runs);
        kept.add(new Run(at.truncatedTo(ChronoUnit.SECONDS).toString(), environment, flat));
        while (kept.size() > RUNS_KEPT) {
            kept.remove(0);
        }
        Path file = file(reportDir);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.pretty(new File(kept)), StandardCharsets.UTF_8);
    }
}
