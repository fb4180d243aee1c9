package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.run.Cause;
import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.RunOutcome;
import com.aiqueryhub.monitor.run.Status;
import com.aiqueryhub.monitor.secret.Masker;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code summary.json}: the run's verdict and one entry per check, what CI and scripts read. */
public final class SummaryFile {

    /** The file, field for field. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String environment, String tagExpression, String startedAt, String finishedAt, long durationMs,
                          long checksRun, RunOutcome.Timing timing, Map<String, Long> totals, String verdict, String verdictLine,
                          String reason, boolean healthy, List<Entry> checks, List<Notifier.Delivery> notifications,
                          RunOutcome.Calls calls, Metrics metrics) {
    }

    /**
     * One check: what it is, how it ended, what it measured; for a check that reached no verdict of its own, the cause as
     * data ("missing-setting" with the settings to set, "maintenance").
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String id, String name, String cadence, String status, String severity, String respondWithin,
                        long durationMs, String message, String runbook, List<String> retries, Boolean passedAfterRetry,
                        Map<String, Double> figures, String cause, List<String> settings) {
    }

    /** Where the run's series went: the file, the location label, and the push (when a Pushgateway is set). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metrics(String file, String location, Boolean pushed, String pushDetail) {
    }

    private SummaryFile() {
    }

    public static void write(Path file, RunOutcome outcome, List<Notifier.Delivery> deliveries, Metrics metrics, Masker masker)
            throws IOException {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            totals.put(s.label(), outcome.results().stream().filter(r -> r.status() == s).count());
        }
        Summary summary = new Summary(outcome.environment(), outcome.tagExpression(), outcome.started().toString(),
                outcome.finished().toString(), Duration.between(outcome.started(), outcome.finished()).toMillis(),
                outcome.results().stream().filter(r -> r.status() != Status.MANUAL).count(), outcome.timing(), totals,
                outcome.verdict().kind().word(), outcome.verdict().line(), outcome.verdict().reason(),
                outcome.verdict().healthy(),
                outcome.results().stream().map(SummaryFile::entry).toList(), deliveries, outcome.calls(), metrics);
        Files.createDirectories(file.getParent());
        // every free text in it (messages, notification details) is masked fully already
        Files.writeString(file, masker.maskValues(Json.pretty(summary)) + "\n", StandardCharsets.UTF_8);
    }

    static Entry entry(CheckResult r) {
        Map<String, Double> figures = new LinkedHashMap<>();
        r.figures().forEach(f -> figures.put(f.name(), f.value()));
        return new Entry(r.info().id(), r.info().name(), r.info().cadence(), r.status().label(),
                r.info().severity().title().toLowerCase(Locale.ROOT), r.info().severity().respondWithin(), r.durationMs(),
                r.message() == null ? "" : r.message(), r.info().runbookUrl(), r.retries().isEmpty() ? null : r.retries(),
                r.retries().isEmpty() ? null : r.status() == Status.PASSED, figures.isEmpty() ? null : figures,
                r.cause().kind() == Cause.Kind.NONE ? null : r.cause().kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                r.cause().settings().isEmpty() ? null : r.cause().settings());
    }
}
