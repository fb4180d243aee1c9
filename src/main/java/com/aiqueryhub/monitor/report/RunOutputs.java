package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.run.RunOutcome;
import com.aiqueryhub.monitor.run.RunVerdict;
import com.aiqueryhub.monitor.secret.Masker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes everything a run leaves from its one {@link RunOutcome}: the notifications, the history and the series
 * (metrics.prom, the push, trends.html, the figures' history) for a run whose environment loaded, summary.json, the
 * preflight's files, Allure's overview, and the console table. Each output is its own small writer.
 */
public final class RunOutputs {

    private RunOutputs() {
    }

    /**
     * @param run          the run's context; empty when its settings could not load (it then joins no history)
     * @param reportDir    where the outputs go (monitor.report.dir)
     * @param allureResults Allure's results folder, when the run writes one (a monitoring run)
     * @param loud         print the table and the run's notes (a monitoring run, or monitor.console)
     */
    public static void write(RunOutcome outcome, Optional<RunContext> run, List<Notifier.Delivery> early, Masker masker,
                             Path reportDir, Optional<Path> allureResults, boolean loud) {
        write(outcome, run, Optional.empty(), early, masker, reportDir, allureResults, loud);
    }

    /**
     * @param owner the settings a run that could not start still has (its channels, its Pushgateway): the monitor's
     *              owner hears of a MISCONFIGURED run through them, and its series say so, though nothing was looked at
     */
    public static void write(RunOutcome outcome, Optional<RunContext> run, Optional<Settings> owner, List<Notifier.Delivery> early,
                             Masker masker, Path reportDir, Optional<Path> allureResults, boolean loud) {
        Optional<Settings> settings = run.map(RunContext::settings).or(() -> owner);
        PrintStream out = loud ? System.out : new PrintStream(OutputStream.nullOutputStream());
        if (outcome.results().isEmpty()) {
            out.println("[monitor] ERROR: " + RunVerdict.noCheckSelected(outcome.tagExpression()));
        }
        List<CheckResult> health = outcome.health();
        List<Notifier.Delivery> deliveries = new java.util.ArrayList<>(early);
        early.forEach(d -> out.println(told(d)));
        deliveries.addAll(settings.map(s -> notifyPeople(s, masker, outcome.location(), health, outcome.verdict(), reportDir, out))
                .orElse(List.of()));
        // each output on its own: one that cannot be written never costs the others
        SummaryFile.Metrics[] metrics = {null};
        attempt("metrics.prom, history and trends.html", out, () -> {
            if (run.isPresent() && !health.isEmpty()) {
                metrics[0] = timeSeries(run.get(), outcome, reportDir, out, allureResults.isPresent());
            } else if (owner.isPresent() && outcome.verdict().kind() == RunVerdict.Kind.MISCONFIGURED) {
                // nothing looked at, nothing kept in the history; the series say the monitor is misconfigured
                RunMetrics series = RunMetrics.of(outcome.environment(), outcome.location(), health, outcome.started(),
                        Duration.between(outcome.started(), outcome.finished()), RunVerdict.Kind.MISCONFIGURED,
                        RunHistory.load(RunHistory.file(reportDir)));
                metrics[0] = writeAndPush(owner.get(), masker, series, outcome, reportDir, out);
            }
        });
        attempt("summary.json", out, () -> SummaryFile.write(reportDir.resolve("summary.json"), outcome, deliveries, metrics[0], masker));
        attempt("the preflight's files", out, () -> {
            if (!outcome.preflight().isEmpty()) {
                PreflightFiles.write(reportDir, outcome.preflight(), masker, outcome.environment(),
                        run.map(r -> r.settings().environmentValues()).orElse(java.util.Map.of()),
                        run.map(r -> r.settings().isSandbox()).orElse(true), out);
            }
        });
        attempt("the figures' history", out, () -> {
            if (run.isPresent()) {
                FigureHistory.load(reportDir).append(reportDir, outcome.environment(), outcome.started(), outcome.results());
            }
        });
        attempt("Allure's overview", out, () -> {
            if (allureResults.isPresent()) {
                AllureFiles.write(allureResults.get(), outcome, run.map(RunContext::settings), masker);
            }
        });
        out.print(ConsoleTable.render(outcome.environment(), outcome.results(), outcome.verdict(),
                Duration.between(outcome.started(), Instant.now()), reportDir.resolve("index.html")));
        out.flush();
    }

    private interface Output {
        void write() throws IOException;
    }

    private static void attempt(String what, PrintStream out, Output output) {
        try {
            output.write();
        } catch (IOException | RuntimeException e) {
            // always said, quiet run or not: an output that is missing must not go unnoticed
            System.out.println("[monitor] ERROR: cannot write " + what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Keeps this run in the history (pass shares, last successes), writes metrics.prom and pushes it when
     * pushgateway.url is set, and redraws trends.html. A failed push is printed and listed in summary.json; it never
     * changes the exit status.
     */
    private static SummaryFile.Metrics timeSeries(RunContext run, RunOutcome outcome, Path reportDir, PrintStream out, boolean reported)
            throws IOException {
        String environment = outcome.environment();
        String location = outcome.location();
        List<CheckResult> health = outcome.health();
        Duration took = Duration.between(outcome.started(), outcome.finished());
        boolean healthy = outcome.verdict().healthy();
        RunHistory history = RunHistory.load(RunHistory.file(reportDir));
        java.util.Map<String, String> statuses = new java.util.LinkedHashMap<>();
        health.forEach(r -> statuses.put(r.info().id(), r.status().label()));
        if (health.stream().anyMatch(r -> r.status() == com.aiqueryhub.monitor.run.Status.PASSED)) {
            // a check passed: this run reached production's addresses (a later run that reaches none of them is
            // production's trouble, not a typo)
            history.reachedNow(environment, com.aiqueryhub.monitor.probe.RunnerNetwork.of(run.settings()).productionHosts());
        }
        health.forEach(r -> history.describe(r.info().id(), r.info().name(), r.info().cadence()));
        history.record(environment, location, outcome.started(), healthy, took.toMillis(), statuses, outcome.tagExpression(),
                outcome.verdict().kind().word());
        RunMetrics metrics = RunMetrics.of(environment, location, health, outcome.started(), took, outcome.verdict().kind(), history);
        SummaryFile.Metrics written = writeAndPush(run.settings(), run.masker(), metrics, outcome, reportDir, out);
        TrendsPage.write(reportDir.resolve("trends.html"), environment, location, history, FigureHistory.load(reportDir), health,
                run.masker(), reported);
        return written;
    }

    /** Writes metrics.prom and pushes it when pushgateway.url is set; a failed push is said, never changing the outcome. */
    private static SummaryFile.Metrics writeAndPush(Settings settings, Masker masker, RunMetrics metrics, RunOutcome outcome,
                                                    Path reportDir, PrintStream out) throws IOException {
        String environment = outcome.environment();
        String location = outcome.location();
        Path file = reportDir.resolve("metrics.prom");
        metrics.write(file);
        Boolean pushed = null;
        String detail = null;
        Optional<java.net.URI> gateway = settings.find(Keys.PUSHGATEWAY_URL);
        if (gateway.isPresent()) {
            String where = masker.mask(gateway.get().toString());
            try {
                metrics.push(gateway.get(), environment, location, RunMetrics.groupsLabel(outcome.tagExpression()),
                        settings.get(Keys.PUSHGATEWAY_TIMEOUT), settings.find(Keys.PUSHGATEWAY_USERNAME).orElse(""),
                        settings.find(Keys.PUSHGATEWAY_PASSWORD).orElse(""));
                pushed = true;
                detail = "pushed to " + where;
                out.println("[monitor] metrics pushed to " + where + " (job " + RunMetrics.JOB + ", environment " + environment
                        + ", location " + location + ", groups " + RunMetrics.groupsLabel(outcome.tagExpression()) + ")");
            } catch (IOException | RuntimeException e) {
                String why = masker.mask(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                pushed = false;
                detail = "NOT pushed to " + where + ": " + why;
                out.println("[monitor] metrics NOT pushed to " + where + ": " + why + " (the run's outcome is unchanged)");
            }
        }
        return new SummaryFile.Metrics(file.toString(), location, pushed, detail);
    }

    /** One delivery in the console: "[monitor] notified webhook (blind): delivered (HTTP 200)". */
    static String told(Notifier.Delivery d) {
        return "[monitor] " + (d.delivered() ? "notified " : "did not notify ") + d.channel() + " (" + d.event() + "): " + d.detail();
    }

    /** Notifications never change the run's outcome: a failure to deliver is printed and written to summary.json. */
    private static List<Notifier.Delivery> notifyPeople(Settings settings, Masker masker, String location, List<CheckResult> health,
                                                        RunVerdict verdict, Path reportDir, PrintStream out) {
        try {
            Notifier notifier = new Notifier(settings, masker, reportDir.resolve("history").resolve("monitor-notify-state.json"),
                    AllureFiles.reportUrl(settings), location);
            List<Notifier.Delivery> deliveries = notifier.notify(health, verdict, Instant.now());
            for (Notifier.Delivery d : deliveries) {
                out.println(told(d));
            }
            return deliveries;
        } catch (IOException | RuntimeException e) {
            String why = masker.mask(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            out.println("[monitor] notifications skipped: " + why);
            return List.of(new Notifier.Delivery("all", "error", false, why));
        }
    }
}
