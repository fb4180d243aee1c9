package com.aiqueryhub.monitor.report;

import groovy.json.JsonOutput;
import groovy.json.JsonSlurper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each run's outcome per check, kept 30 days in {@code history/monitor-runs.json} beside Allure's history: what the
 * pass shares over 24 h, 7 d and 30 d are computed from, and each check's last success time (kept as long as the
 * file is, however long a check has been failing). Carried from run to run like the rest of {@code history/}.
 */
public final class RunHistory {

    static final Duration KEPT = Duration.ofDays(30);
    private static final int MAX_RUNS = 5_000; // a run every 10 minutes for 30 days is 4,320
    public static final List<Duration> WINDOWS = List.of(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30));

    private final Path file;
    private final List<Map<String, Object>> runs;
    private final Map<String, Map<String, Object>> lastSuccess;

    private RunHistory(Path file, List<Map<String, Object>> runs, Map<String, Map<String, Object>> lastSuccess) {
        this.file = file;
        this.runs = runs;
        this.lastSuccess = lastSuccess;
    }

    public static Path defaultFile() {
        return Path.of(System.getProperty("monitor.report.dir", "reports"), "history", "monitor-runs.json");
    }

    @SuppressWarnings("unchecked")
    public static RunHistory load(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                Object parsed = new JsonSlurper().parseText(Files.readString(file, StandardCharsets.UTF_8));
                if (parsed instanceof Map<?, ?> m) {
                    List<Map<String, Object>> runs = m.get("runs") instanceof List<?> l ? new ArrayList<>((List<Map<String, Object>>) l)
                            : new ArrayList<>();
                    Map<String, Map<String, Object>> last = m.get("lastSuccess") instanceof Map<?, ?> ls
                            ? new LinkedHashMap<>((Map<String, Map<String, Object>>) ls) : new LinkedHashMap<>();
                    return new RunHistory(file, runs, last);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a damaged history starts afresh; it never breaks a run
        }
        return new RunHistory(file, new ArrayList<>(), new LinkedHashMap<>());
    }

    /** Adds this run, forgets runs older than 30 days, and writes the file. */
    public void record(String environment, String location, Instant at, boolean healthy, long durationMs,
                       Map<String, String> statusByCheck) throws IOException {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("at", at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        run.put("environment", environment);
        run.put("location", location);
        run.put("healthy", healthy);
        run.put("durationMs", durationMs);
        run.put("checks", new LinkedHashMap<>(statusByCheck));
        runs.add(run);
        Instant cutoff = at.minus(KEPT);
        runs.removeIf(r -> time(r).isBefore(cutoff));
        while (runs.size() > MAX_RUNS) {
            runs.remove(0);
        }
        Map<String, Object> last = new LinkedHashMap<>(lastSuccess.getOrDefault(key(environment, location), Map.of()));
        statusByCheck.forEach((id, status) -> {
            if (succeeded(status)) {
                last.put(id, at.getEpochSecond());
            }
        });
        lastSuccess.put(key(environment, location), last);
        Files.createDirectories(file.getParent());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", runs);
        out.put("lastSuccess", lastSuccess);
        Files.writeString(file, JsonOutput.toJson(out), StandardCharsets.UTF_8);
    }

    /** Passed and degraded count as success (degraded never fails a run); skipped runs are not counted at all. */
    public static boolean succeeded(String status) {
        return status.equals("passed") || status.equals("degraded");
    }

    /** The share of runs within {@code window} before {@code now} in which the check succeeded; empty if it never ran. */
    public Optional<Share> passShare(String checkId, String environment, String location, Duration window, Instant now) {
        int ran = 0;
        int ok = 0;
        for (Map<String, Object> r : runs(environment, location)) {
            if (time(r).isBefore(now.minus(window))) {
                continue;
            }
            Object status = r.get("checks") instanceof Map<?, ?> c ? c.get(checkId) : null;
            if (status == null || status.equals("skipped")) {
                continue;
            }
            ran++;
            ok += succeeded(status.toString()) ? 1 : 0;
        }
        return ran == 0 ? Optional.empty() : Optional.of(new Share(ok, ran));
    }

    public record Share(int passed, int runs) {
        public double ratio() {
            return (double) passed / runs;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.1f %% (%d of %d runs)", 100.0 * passed / runs, passed, runs);
        }
    }

    /** Unix time of the check's last success in this environment from this location, if the history knows one. */
    public Optional<Long> lastSuccess(String checkId, String environment, String location) {
        Object v = lastSuccess.getOrDefault(key(environment, location), Map.of()).get(checkId);
        return v instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    /**
     * The kept runs of {@code environment} seen from {@code location}, oldest first: time, healthy, and each check's
     * status. Each runner keeps its own history: two regions judging one environment are two series.
     */
    public List<Map<String, Object>> runs(String environment, String location) {
        return runs.stream().filter(r -> environment.equals(r.get("environment")) && location.equals(r.get("location"))).toList();
    }

    private static String key(String environment, String location) {
        return environment + " @ " + location;
    }

    static Instant time(Map<String, Object> run) {
        try {
            return Instant.parse(String.valueOf(run.get("at")));
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    /** "24 h", "7 d", "30 d". */
    public static String label(Duration window) {
        return window.toHours() < 48 ? window.toHours() + " h" : window.toDays() + " d";
    }
}
