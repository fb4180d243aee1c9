package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.HttpCall;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.HttpProbe;
import com.aiqueryhub.monitor.probe.TlsTrust;
import com.aiqueryhub.monitor.secret.Masker;
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
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Tells people when a run needs them, and only then: one message per run with failures (grouped by
 * severity), one when the failures are gone, and while the same failures persist only a reminder after
 * {@code notify.reminder-interval}. {@code notify.after-failures} failing runs in a row come before the first message,
 * {@code notify.after-successes} passing ones before the recovery message (for frequent schedules). Channels: Slack incoming webhook, Telegram bot, generic JSON webhook,
 * each off until configured. A message that cannot be delivered is reported; it never changes the run's outcome.
 */
final class Notifier {

    record Delivery(String channel, String event, boolean delivered, String detail) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channel", channel);
            m.put("event", event);
            m.put("delivered", delivered);
            m.put("detail", detail);
            return m;
        }
    }

    private final Settings settings;
    private final Masker masker;
    private final Path stateFile;

    Notifier(Settings settings, Masker masker, Path stateFile) {
        this.settings = settings;
        this.masker = masker;
        this.stateFile = stateFile;
    }

    boolean configured() {
        return settings.find("notify.slack.webhook-url").isPresent() || settings.find("notify.webhook.url").isPresent()
                || settings.find("notify.telegram.bot-token").isPresent();
    }

    /** What a run that checked nothing counts as in the notification state: one failure, until checks run again. */
    static final String NOTHING_CHECKED = "(nothing checked)";

    /** Decides what this run says, sends it, and remembers it for the next run. */
    List<Delivery> notify(List<CheckResult> results, RunVerdict verdict, Instant now) throws IOException {
        if (!configured()) {
            return List.of();
        }
        String env = settings.environment();
        List<CheckResult> failing = results.stream()
                .filter(r -> r.status() == CheckResult.Status.FAILED || r.status() == CheckResult.Status.BROKEN)
                .sorted(CheckResult.WORST_FIRST).toList();
        TreeSet<String> failingIds = failing.stream().map(r -> r.info().id()).collect(Collectors.toCollection(TreeSet::new));
        // a monitor that lost its settings must say so, not stay silent as if healthy
        String nothingChecked = verdict.kind() == RunVerdict.Kind.NOTHING_CHECKED ? verdict.line() : null;
        if (nothingChecked != null) {
            failingIds.add(NOTHING_CHECKED);
        }
        Map<String, Object> state = readState();
        @SuppressWarnings("unchecked")
        Map<String, Object> previous = (Map<String, Object>) state.getOrDefault(env, Map.of());
        TreeSet<String> previousIds = new TreeSet<>(list(previous.get("failing")));
        Instant notifiedAt = Optional.ofNullable((String) previous.get("notifiedAt")).map(Instant::parse).orElse(null);

        // the alert policy (Gatus's failure and success thresholds): runs in a row before a message, kept per environment
        int failedRuns = failingIds.isEmpty() ? 0 : number(previous.get("failedRuns")) + 1;
        int passedRuns = failingIds.isEmpty() ? number(previous.get("passedRuns")) + 1 : 0;
        Map<String, Object> counts = new LinkedHashMap<>(previous);
        counts.put("failedRuns", failedRuns);
        counts.put("passedRuns", passedRuns);
        state.put(env, counts);
        int afterFailures = Math.max(1, settings.integer("notify.after-failures"));
        int afterSuccesses = Math.max(1, settings.integer("notify.after-successes"));

        String event;
        if (!failingIds.isEmpty()) {
            if (previousIds.isEmpty() && failedRuns < afterFailures) {
                writeState(state);
                return List.of(new Delivery("all", "pending", false, "failing run " + failedRuns + " of the "
                        + afterFailures + " in a row that notify.after-failures asks for before a message"));
            }
            boolean same = failingIds.equals(previousIds);
            Duration interval = settings.duration("notify.reminder-interval");
            if (same && notifiedAt != null && now.isBefore(notifiedAt.plus(interval))) {
                writeState(state);
                return List.of(new Delivery("all", "suppressed", false, "the same " + failingIds.size()
                        + " failure(s) as the previous run were notified at " + notifiedAt + "; a reminder follows after "
                        + settings.require("notify.reminder-interval")));
            }
            event = same ? "reminder" : "failure";
        } else if (!previousIds.isEmpty()) {
            if (passedRuns < afterSuccesses) {
                writeState(state);
                return List.of(new Delivery("all", "pending", false, "passing run " + passedRuns + " of the "
                        + afterSuccesses + " in a row that notify.after-successes asks for before the recovery message"));
            }
            event = "recovery";
        } else {
            writeState(state);
            return List.of();
        }

        String text = masker.mask(nothingChecked != null && !event.equals("recovery")
                ? (event.equals("reminder") ? "STILL " : "") + nothingChecked + " on " + env + "\n\nReport: " + reportUrl() + "\n"
                : text(event, env, failing, previousIds, notifiedAt));
        List<Delivery> deliveries = send(event, text, env, failing, previousIds);
        if (deliveries.stream().anyMatch(Delivery::delivered)) {
            Map<String, Object> entry = new LinkedHashMap<>(counts);
            entry.put("failing", new ArrayList<>(failingIds));
            entry.put("notifiedAt", now.toString());
            state.put(env, entry);
        }
        writeState(state);
        return deliveries;
    }

    private String text(String event, String env, List<CheckResult> failing, TreeSet<String> previousIds, Instant notifiedAt) {
        StringBuilder sb = new StringBuilder();
        if (event.equals("recovery")) {
            sb.append("RECOVERED: AI Query Hub checks are healthy again on ").append(env).append(" (were failing: ")
                    .append(String.join(", ", previousIds)).append(")\n");
        } else {
            sb.append(event.equals("reminder") ? "STILL FAILING (reminder, first notified " + notifiedAt + "): " : "FAILING: ")
                    .append(failing.size()).append(" AI Query Hub check(s) on ").append(env).append('\n');
            for (Severity severity : Severity.values()) {
                List<CheckResult> group = failing.stream().filter(r -> r.info().severity() == severity).toList();
                if (group.isEmpty()) {
                    continue;
                }
                sb.append('\n').append(severity.title()).append(" (respond within ").append(severity.respondWithin()).append("):\n");
                for (CheckResult r : group) {
                    sb.append("- ").append(r.info().id()).append(": ").append(oneLine(r.firstLine())).append('\n');
                }
            }
        }
        sb.append("\nReport: ").append(reportUrl()).append('\n');
        return sb.toString();
    }

    private List<Delivery> send(String event, String text, String env, List<CheckResult> failing, TreeSet<String> previousIds) {
        HttpProbe http = new HttpProbe(settings.duration("notify.timeout"), settings.duration("notify.timeout"), TlsTrust.of(
                settings.find("tls.truststore").orElse(null)));
        List<Delivery> out = new ArrayList<>();
        settings.find("notify.slack.webhook-url").ifPresent(url -> out.add(deliver("slack", event, http,
                HttpCall.request("POST", url).header("Content-Type", "application/json")
                        .body(JsonOutput.toJson(Map.of("text", text))))));
        settings.find("notify.telegram.bot-token").ifPresent(token -> {
            String api = settings.url("notify.telegram.api-url").toString().replaceAll("/+$", "");
            out.add(deliver("telegram", event, http, HttpCall.request("POST", api + "/bot" + token + "/sendMessage")
                    .header("Content-Type", "application/json")
                    .body(JsonOutput.toJson(Map.of("chat_id", settings.require("notify.telegram.chat-id"), "text", text,
                            "disable_web_page_preview", true)))));
        });
        settings.find("notify.webhook.url").ifPresent(url -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("event", event);
            payload.put("environment", env);
            payload.put("reportUrl", reportUrl());
            payload.put("text", text);
            payload.put("failures", failing.stream().map(r -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("id", r.info().id());
                f.put("name", r.info().name());
                f.put("severity", r.info().severity().title().toLowerCase());
                f.put("respondWithin", r.info().severity().respondWithin());
                f.put("status", r.status().label());
                f.put("message", masker.mask(r.firstLine()));
                return f;
            }).toList());
            payload.put("recovered", event.equals("recovery") ? new ArrayList<>(previousIds) : List.of());
            HttpCall call = HttpCall.request("POST", url).header("Content-Type", "application/json")
                    .body(masker.maskValues(JsonOutput.toJson(payload)));
            Optional<String> token = settings.find("notify.webhook.token");
            out.add(deliver("webhook", event, http, token.map(t -> call.header("Authorization", "Bearer " + t)).orElse(call)));
        });
        return out;
    }

    private Delivery deliver(String channel, String event, HttpProbe http, HttpCall call) {
        HttpObservation answer = http.send(call);
        boolean ok = answer.answered() && answer.status() / 100 == 2;
        return new Delivery(channel, event, ok, masker.mask(ok ? "delivered (HTTP " + answer.status() + ")"
                : "NOT delivered: " + answer.summary()));
    }

    private String reportUrl() {
        return settings.find("report.url").orElseGet(() -> {
            Object build = RunReport.executor().get("buildUrl");
            return build != null ? build.toString() : "reports/index.html on the machine that ran the checks";
        });
    }

    private static String oneLine(String text) {
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readState() {
        try {
            if (Files.isRegularFile(stateFile)) {
                Object parsed = new JsonSlurper().parseText(Files.readString(stateFile, StandardCharsets.UTF_8));
                if (parsed instanceof Map<?, ?> m) {
                    return new LinkedHashMap<>((Map<String, Object>) m);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a damaged state file costs at most one extra message
        }
        return new LinkedHashMap<>();
    }

    private void writeState(Map<String, Object> state) throws IOException {
        Files.createDirectories(stateFile.getParent());
        Files.writeString(stateFile, JsonOutput.prettyPrint(JsonOutput.toJson(state)), StandardCharsets.UTF_8);
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    private static List<String> list(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
