package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.run.Status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each run's outcome per check, kept 30 days in {@code history/monitor-runs.json} beside Allure's history: what the
 * pass shares over 24 h, 7 d and 30 d are computed from, and each check's last success time (kept as long as the file
 * is, however long a check has been failing). Kept per environment and location: each runner has its own history.
 */
public final class RunHistory {

    static final Duration KEPT = Duration.ofDays(30);
    private static final int MAX_RUNS = 5_000; // a run every 10 minutes for 30 days is 4,320
    public static final List<Duration> WINDOWS = List.of(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30));

    /**
     * One kept run: when, where, whether healthy, how long, each check's status, the tag expression that selected
     * its checks ({@code groups}: "daily", "smoke"...; empty for runs kept before it was recorded), and its verdict's
     * word ("HEALTHY", "MAINTENANCE", ...; null for runs kept before it was recorded).
     */
    public record Run(String at, String environment, String location, boolean healthy, long durationMs, Map<String, String> checks,
                      String groups, String verdict) {

        /** A run whose every selected check fell in a planned window: nothing was wrong, nothing was looked at. */
        public boolean inMaintenance() {
            return "MAINTENANCE".equals(verdict);
        }

        /** Whether the run's tag expression selected {@code cadence} ("daily | smoke" selects both). */
        public boolean selected(String cadence) {
            return groups != null && java.util.Arrays.asList(groups.split("[^A-Za-z0-9_-]+")).contains(cadence);
        }

        public Instant time() {
            try {
                return Instant.parse(at);
            } catch (RuntimeException e) {
                return Instant.EPOCH;
            }
        }
    }

    /**
     * The file: the kept runs, each check's last success (unix time) per "environment @ location", the production hosts
     * that answered, and what each check is (its name and cadence, as its latest run said) for the pages that list them.
     */
    public record File(List<Run> runs, Map<String, Map<String, Long>> lastSuccess, Map<String, List<String>> reached,
                       Map<String, About> about) {
    }

    /** What a check is: its name and its cadence (daily, weekly, ...). */
    public record About(String name, String cadence) {
    }

    private final Path file;
    private final List<Run> runs;
    private final Map<String, Map<String, Long>> lastSuccess;
    /** Per environment, the production hosts that have answered a run of it (a run with a check that passed). */
    private final Map<String, List<String>> reached;
    private final Map<String, About> about;

    private RunHistory(Path file, List<Run> runs, Map<String, Map<String, Long>> lastSuccess, Map<String, List<String>> reached,
                       Map<String, About> about) {
        this.file = file;
        this.runs = runs;
        this.lastSuccess = lastSuccess;
        this.reached = reached;
        this.about = about;
    }

    /** Remembers what a check is (its name, its cadence); written with the next record. */
    public void describe(String checkId, String name, String cadence) {
        about.put(checkId, new About(name, cadence));
    }

    /** What the history knows a check to be, if it has been told. */
    public Optional<About> about(String checkId) {
        return Optional.ofNullable(about.get(checkId));
    }

    /** The production hosts that have answered a run of {@code environment}, as far as the history remembers. */
    public java.util.Set<String> reached(String environment) {
        return new java.util.TreeSet<>(reached.getOrDefault(environment, List.of()));
    }

    /** Remembers that {@code hosts} answered a run of {@code environment}; written with the next record. */
    public void reachedNow(String environment, List<String> hosts) {
        java.util.Set<String> all = reached(environment);
        all.addAll(hosts);
        reached.put(environment, new ArrayList<>(all));
    }

    public static Path file(Path reportDir) {
        return reportDir.resolve("history").resolve("monitor-runs.json");
    }

    /** The kept history; a missing or damaged file starts afresh, it never breaks a run. */
    public static RunHistory load(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                File read = Json.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8), File.class);
                return new RunHistory(file, read.runs() == null ? new ArrayList<>() : new ArrayList<>(read.runs()),
                        read.lastSuccess() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(read.lastSuccess()),
                        read.reached() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(read.reached()),
                        read.about() == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(read.about()));
            }
        } catch (IOException | RuntimeException e) {
            // a damaged history starts afresh
        }
        return new RunHistory(file, new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new java.util.TreeMap<>());
    }

    /** Adds this run, forgets runs older than 30 days, and writes the file. */
    public void record(String environment, String location, Instant at, boolean healthy, long durationMs,
                       Map<String, String> statusByCheck) throws IOException {
        record(environment, location, at, healthy, durationMs, statusByCheck, "");
    }

    /** @param groups the run's tag expression ("daily"): a deploy gate asks for the latest run of a cadence */
    public void record(String environment, String location, Instant at, boolean healthy, long durationMs,
                       Map<String, String> statusByCheck, String groups) throws IOException {
        record(environment, location, at, healthy, durationMs, statusByCheck, groups, healthy ? "HEALTHY" : "UNHEALTHY");
    }

    /** @param verdict the run's verdict word: a run in a maintenance window is shown as such, not as a failure */
    public void record(String environment, String location, Instant at, boolean healthy, long durationMs,
                       Map<String, String> statusByCheck, String groups, String verdict) throws IOException {
        runs.add(new Run(at.truncatedTo(ChronoUnit.SECONDS).toString(), environment, location, healthy, durationMs,
                new LinkedHashMap<>(statusByCheck), groups == null ? "" : groups, verdict));
        Instant cutoff = at.minus(KEPT);
        runs.removeIf(r -> r.time().isBefore(cutoff));
        while (runs.size() > MAX_RUNS) {
            runs.remove(0);
        }
        Map<String, Long> last = new LinkedHashMap<>(lastSuccess.getOrDefault(key(environment, location), Map.of()));
        statusByCheck.forEach((id, status) -> {
            if (Status.succeeded(status)) {
                last.put(id, at.getEpochSecond());
            }
        });
        lastSuccess.put(key(environment, location), last);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.compact(new File(runs, lastSuccess, reached, about)), StandardCharsets.UTF_8);
    }

    /** The share of runs within {@code window} before {@code now} in which the check succeeded; empty if it never ran. */
    public Optional<Share> passShare(String checkId, String environment, String location, Duration window, Instant now) {
        int ran = 0;
        int ok = 0;
        for (Run r : runs(environment, location)) {
            if (r.time().isBefore(now.minus(window))) {
                continue;
            }
            String status = r.checks() == null ? null : r.checks().get(checkId);
            // a check the monitor could not look at says nothing about production: not counted either way
            if (status == null || status.equals("skipped") || status.equals(Status.NOT_OBSERVED.label())) {
                continue;
            }
            ran++;
            ok += Status.succeeded(status) ? 1 : 0;
        }
        return ran == 0 ? Optional.empty() : Optional.of(new Share(ok, ran));
    }

    /** How many of the latest runs that ran the check, the newest first, left it not observed, one after another. */
    public int notObservedInARow(String checkId, String environment, String location) {
        List<Run> kept = runs(environment, location);
        int inARow = 0;
        for (int i = kept.size() - 1; i >= 0; i--) {
            String status = kept.get(i).checks() == null ? null : kept.get(i).checks().get(checkId);
            if (status == null || status.equals("skipped")) {
                continue; // another cadence's run, or one that skipped it
            }
            if (!status.equals(Status.NOT_OBSERVED.label())) {
                break;
            }
            inARow++;
        }
        return inARow;
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
        return Optional.ofNullable(lastSuccess.getOrDefault(key(environment, location), Map.of()).get(checkId));
    }

    /**
     * The kept runs of {@code environment} seen from {@code location}, oldest first. Each runner keeps its own
     * history: two regions judging one environment are two series.
     */
    public List<Run> runs(String environment, String location) {
        return runs.stream().filter(r -> environment.equals(r.environment()) && location.equals(r.location())).toList();
    }

    /** The newest kept run of {@code environment}, from any runner, whose tag expression selected {@code cadence}. */
    public Optional<Run> latest(String environment, String cadence) {
        return runs.stream().filter(r -> environment.equals(r.environment()) && r.selected(cadence))
                .max(java.util.Comparator.comparing(Run::time));
    }

    private static String key(String environment, String location) {
        return environment + " @ " + location;
    }

    /** "24 h", "7 d", "30 d". */
    public static String label(Duration window) {
        return window.toHours() < 48 ? window.toHours() + " h" : window.toDays() + " d";
    }
}
