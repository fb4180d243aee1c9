package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.probe.HttpCall;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.HttpProbe;
import com.aiqueryhub.monitor.probe.TlsTrust;
import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.RunVerdict;
import com.aiqueryhub.monitor.run.Severity;
import com.aiqueryhub.monitor.run.Status;
import com.aiqueryhub.monitor.secret.Masker;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Tells people when a run needs them, and only then: one message per run with failures (grouped by severity), one when
 * the failures are gone, and while the same failures persist only a reminder after {@code notify.reminder-interval}.
 * {@code notify.after-failures} failing runs in a row come before the first message, {@code notify.after-successes}
 * passing ones before the recovery message (for frequent schedules). Channels: Slack incoming webhook, Telegram bot,
 * generic JSON webhook, each off until configured. A message that cannot be delivered is reported; it never changes
 * the run's outcome.
 */
public final class Notifier {

    /** What a run that checked nothing counts as in the notification state: one failure, until checks run again. */
    static final String NOTHING_CHECKED = "(nothing checked)";

    /** One message to one channel, and whether it arrived. */
    public record Delivery(String channel, String event, boolean delivered, String detail) {
    }

    /**
     * What the last runs of one environment said, kept between runs: the failures last told (with their severities,
     * so a channel that hears only the urgent ones hears only their recovery), the runs in a row, and each incident
     * channel's open incidents.
     */
    record State(List<String> failing, String notifiedAt, int failedRuns, int passedRuns, Map<String, String> severities,
                 Map<String, Map<String, Incidents.Open>> incidents) {
        static final State NONE = new State(List.of(), null, 0, 0, Map.of(), Map.of());

        State {
            failing = failing == null ? List.of() : List.copyOf(failing);
            severities = severities == null ? Map.of() : Map.copyOf(severities);
            incidents = incidents == null ? Map.of() : Map.copyOf(incidents);
        }

        State(List<String> failing, String notifiedAt, int failedRuns, int passedRuns) {
            this(failing, notifiedAt, failedRuns, passedRuns, Map.of(), Map.of());
        }

        State with(List<String> failing, String notifiedAt, Map<String, String> severities) {
            return new State(failing, notifiedAt, failedRuns, passedRuns, severities, incidents);
        }

        State withIncidents(Map<String, Map<String, Incidents.Open>> open) {
            return new State(failing, notifiedAt, failedRuns, passedRuns, severities, open);
        }
    }

    private final Settings settings;
    private final Masker masker;
    private final Path stateFile;
    private final String reportUrl;
    private final String location;

    /** @param reportUrl where a message's reader finds the report (report.url, else the CI run's page) */
    public Notifier(Settings settings, Masker masker, Path stateFile, String reportUrl) {
        this(settings, masker, stateFile, reportUrl, com.aiqueryhub.monitor.run.RunLocation.of(Optional.of(settings)));
    }

    /** @param location the run's location: an incident's key (PagerDuty's dedup_key, Alertmanager's labels) */
    public Notifier(Settings settings, Masker masker, Path stateFile, String reportUrl, String location) {
        this.settings = settings;
        this.masker = masker;
        this.stateFile = stateFile;
        this.reportUrl = reportUrl;
        this.location = location;
    }

    boolean configured() {
        return messagesConfigured() || settings.isSet(Keys.NOTIFY_ALERTMANAGER_URL) || settings.isSet(Keys.NOTIFY_PAGERDUTY_ROUTING_KEY)
                || settings.isSet(Keys.NOTIFY_HEARTBEAT_URL);
    }

    private boolean messagesConfigured() {
        return settings.isSet(Keys.NOTIFY_SLACK_WEBHOOK_URL) || settings.isSet(Keys.NOTIFY_WEBHOOK_URL)
                || settings.isSet(Keys.NOTIFY_TELEGRAM_BOT_TOKEN);
    }

    /** The least severe failure {@code channel} hears of (notify.NAME.min-severity). */
    private Severity least(Setting<String> setting) {
        String value = settings.get(setting);
        return Severity.named(value).orElseThrow(() -> new com.aiqueryhub.monitor.config.SettingsException("invalid setting "
                + setting.key() + "='" + value + "': expected critical, high, medium or low (set " + setting.envVar() + ")"));
    }

    /** Decides what this run says, sends it, and remembers it for the next run. */
    public List<Delivery> notify(List<CheckResult> results, RunVerdict verdict, Instant now) throws IOException {
        if (!configured()) {
            return List.of();
        }
        String env = settings.environment();
        List<CheckResult> failing = results.stream().filter(CheckResult::bad).sorted(CheckResult.WORST_FIRST).toList();
        TreeSet<String> failingIds = failing.stream().map(r -> r.info().id()).collect(Collectors.toCollection(TreeSet::new));
        // a monitor that lost its settings must say so, not stay silent as if healthy
        String nothingChecked = verdict.kind() == RunVerdict.Kind.NOTHING_CHECKED ? verdict.line() : null;
        if (nothingChecked != null) {
            failingIds.add(NOTHING_CHECKED);
        }
        Map<String, State> states = readState();
        State previous = states.getOrDefault(env, State.NONE);
        // a failure this run did not judge again (another cadence's check, one skipped here) is still a failure: a smoke
        // run every ten minutes never "recovers" the database check the daily run found failing
        Set<String> judgedOk = results.stream().filter(r -> r.status() == Status.PASSED || r.status() == Status.DEGRADED)
                .map(r -> r.info().id()).collect(Collectors.toSet());
        for (String earlier : previous.failing()) {
            if (!judgedOk.contains(earlier) && !(earlier.equals(NOTHING_CHECKED) && nothingChecked == null)) {
                failingIds.add(earlier);
            }
        }

        // the alert policy (Gatus's failure and success thresholds): runs in a row before a message, kept per environment
        int failedRuns = failingIds.isEmpty() ? 0 : previous.failedRuns() + 1;
        int passedRuns = failingIds.isEmpty() ? previous.passedRuns() + 1 : 0;
        State state = new State(previous.failing(), previous.notifiedAt(), failedRuns, passedRuns, previous.severities(),
                previous.incidents());
        int afterFailures = Math.max(1, settings.get(Keys.NOTIFY_AFTER_FAILURES));
        int afterSuccesses = Math.max(1, settings.get(Keys.NOTIFY_AFTER_SUCCESSES));

        List<Delivery> out = new ArrayList<>();
        if (messagesConfigured()) {
            state = messages(out, state, previous, failing, failingIds, nothingChecked, afterFailures, afterSuccesses, now);
        }
        state = incidents(out, state, failing, judgedOk, afterFailures, afterSuccesses, now);
        if (settings.isSet(Keys.NOTIFY_HEARTBEAT_URL)) {
            out.add(Heartbeat.finish(settings, masker, verdict, http()));
        }
        states.put(env, state);
        writeState(states);
        return out;
    }

    /** Slack, Telegram and the webhook: one message per run with news, each channel from its own minimum severity. */
    private State messages(List<Delivery> out, State state, State previous, List<CheckResult> failing, TreeSet<String> failingIds,
                           String nothingChecked, int afterFailures, int afterSuccesses, Instant now) {
        String env = settings.environment();
        if (failing.isEmpty() && nothingChecked == null && !failingIds.isEmpty()) {
            return state; // only failures an earlier run of another cadence found, none judged here: nothing new to say
        }
        TreeSet<String> previousIds = new TreeSet<>(previous.failing());
        Instant notifiedAt = Optional.ofNullable(previous.notifiedAt()).map(Instant::parse).orElse(null);
        String event;
        if (!failingIds.isEmpty()) {
            if (previousIds.isEmpty() && state.failedRuns() < afterFailures) {
                out.add(new Delivery("all", "pending", false, "failing run " + state.failedRuns() + " of the "
                        + afterFailures + " in a row that notify.after-failures asks for before a message"));
                return state;
            }
            boolean same = failingIds.equals(previousIds);
            Duration interval = settings.get(Keys.NOTIFY_REMINDER_INTERVAL);
            if (same && notifiedAt != null && now.isBefore(notifiedAt.plus(interval))) {
                out.add(new Delivery("all", "suppressed", false, "the same " + failingIds.size()
                        + " failure(s) as the previous run were notified at " + notifiedAt + "; a reminder follows after "
                        + human(interval)));
                return state;
            }
            event = same ? "reminder" : "failure";
        } else if (!previousIds.isEmpty()) {
            if (state.passedRuns() < afterSuccesses) {
                out.add(new Delivery("all", "pending", false, "passing run " + state.passedRuns() + " of the "
                        + afterSuccesses + " in a row that notify.after-successes asks for before the recovery message"));
                return state;
            }
            event = "recovery";
        } else {
            return state;
        }
        List<Delivery> deliveries = send(event, env, failing, previousIds, previous.severities(), nothingChecked, notifiedAt);
        out.addAll(deliveries);
        if (deliveries.stream().anyMatch(Delivery::delivered)) {
            Map<String, String> severities = new LinkedHashMap<>();
            failing.forEach(r -> severities.put(r.info().id(), r.info().severity().label()));
            return state.with(new ArrayList<>(failingIds), now.toString(), severities);
        }
        return state;
    }

    /**
     * Alertmanager and PagerDuty: each failing check at or above the channel's minimum severity is opened (again every
     * run: both deduplicate), each open one that no longer fails is closed: at once while other checks still fail,
     * after notify.after-successes healthy runs when the whole run is healthy.
     */
    private State incidents(List<Delivery> out, State state, List<CheckResult> failing, Set<String> judgedOk, int afterFailures,
                            int afterSuccesses, Instant now) {
        Incidents incidents = new Incidents(settings, masker, location, reportUrl, http());
        Map<String, Map<String, Incidents.Open>> openByChannel = new LinkedHashMap<>(state.incidents());
        for (String channel : incidents.channels()) {
            Map<String, Incidents.Open> open = new LinkedHashMap<>(openByChannel.getOrDefault(channel, Map.of()));
            Severity least = least(Incidents.minSeverity(channel));
            List<CheckResult> firing = failing.stream().filter(r -> r.info().severity().atLeast(least)).toList();
            boolean due = !firing.isEmpty() && (state.failedRuns() >= afterFailures || !open.isEmpty());
            Map<String, Incidents.Open> resolve = new LinkedHashMap<>();
            boolean recovering = !failing.isEmpty() || state.passedRuns() >= afterSuccesses;
            if (recovering) {
                // only a check this run judged healthy is closed: one it did not run stays open
                open.forEach((id, o) -> {
                    if (judgedOk.contains(id)) {
                        resolve.put(id, o);
                    }
                });
            }
            out.addAll(incidents.send(channel, new Incidents.Plan(due ? firing : List.of(), resolve), open, now));
            openByChannel.put(channel, open);
        }
        return state.withIncidents(openByChannel);
    }

    private HttpProbe http() {
        Duration timeout = settings.get(Keys.NOTIFY_TIMEOUT);
        return new HttpProbe(timeout, timeout, TlsTrust.of(settings.find(Keys.TLS_TRUSTSTORE).orElse(null)));
    }

    /**
     * The incident channels' probe: each call sent once, whatever it is answered. Incidents retries PagerDuty's 429 and
     * 5xx itself, with backoff and counted; the probe above would re-send a 429 that names no wait at once and unseen
     * (its longest "later" wait is zero, and a 429 without Retry-After asks for exactly that), so no wait is granted here.
     */
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
        sb.append("\nReport: ").append(reportUrl).append('\n');
        return sb.toString();
    }

    /** Each message channel hears the failures at or above its minimum severity, and only their recovery. */
    private List<Delivery> send(String event, String env, List<CheckResult> failing, TreeSet<String> previousIds,
                                Map<String, String> previousSeverities, String nothingChecked, Instant notifiedAt) {
        HttpProbe http = http();
        List<Delivery> out = new ArrayList<>();
        settings.find(Keys.NOTIFY_SLACK_WEBHOOK_URL).ifPresent(url -> message(Keys.NOTIFY_SLACK_MIN_SEVERITY, event, env, failing,
                previousIds, previousSeverities, nothingChecked, notifiedAt).ifPresent(text -> out.add(deliver("slack", event, http,
                HttpCall.request("POST", url.toString()).header("Content-Type", "application/json")
                        .body(Json.compact(Map.of("text", text)))))));
        settings.find(Keys.NOTIFY_TELEGRAM_BOT_TOKEN).ifPresent(token -> message(Keys.NOTIFY_TELEGRAM_MIN_SEVERITY, event, env,
                failing, previousIds, previousSeverities, nothingChecked, notifiedAt).ifPresent(text -> {
            String api = settings.get(Keys.NOTIFY_TELEGRAM_API_URL).toString().replaceAll("/+$", "");
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("chat_id", settings.get(Keys.NOTIFY_TELEGRAM_CHAT_ID));
            message.put("text", text);
            message.put("disable_web_page_preview", true);
            out.add(deliver("telegram", event, http, HttpCall.request("POST", api + "/bot" + token + "/sendMessage")
                    .header("Content-Type", "application/json").body(Json.compact(message))));
        }));
        settings.find(Keys.NOTIFY_WEBHOOK_URL).ifPresent(url -> message(Keys.NOTIFY_WEBHOOK_MIN_SEVERITY, event, env, failing,
                previousIds, previousSeverities, nothingChecked, notifiedAt).ifPresent(text -> {
            List<CheckResult> heard = heard(Keys.NOTIFY_WEBHOOK_MIN_SEVERITY, failing);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("event", event);
            payload.put("environment", env);
            payload.put("reportUrl", reportUrl);
            payload.put("text", text);
            payload.put("failures", heard.stream().map(r -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("id", r.info().id());
                f.put("name", r.info().name());
                f.put("severity", r.info().severity().label());
                f.put("respondWithin", r.info().severity().respondWithin());
                f.put("status", r.status().label());
                f.put("message", masker.mask(r.firstLine()));
                return f;
            }).toList());
            payload.put("recovered", event.equals("recovery") ? new ArrayList<>(previousIds) : List.of());
            HttpCall call = HttpCall.request("POST", url.toString()).header("Content-Type", "application/json")
                    .body(masker.maskValues(Json.compact(payload)));
            Optional<String> token = settings.find(Keys.NOTIFY_WEBHOOK_TOKEN);
            out.add(deliver("webhook", event, http, token.map(t -> call.header("Authorization", "Bearer " + t)).orElse(call)));
        }));
        return out;
    }

    private List<CheckResult> heard(Setting<String> minSeverity, List<CheckResult> failing) {
        Severity least = least(minSeverity);
        return failing.stream().filter(r -> r.info().severity().atLeast(least)).toList();
    }

    /** The message one channel gets, or none when nothing of this event is at its minimum severity. */
    private Optional<String> message(Setting<String> minSeverity, String event, String env, List<CheckResult> failing,
                                     TreeSet<String> previousIds, Map<String, String> previousSeverities, String nothingChecked,
                                     Instant notifiedAt) {
        Severity least = least(minSeverity);
        if (nothingChecked != null && !event.equals("recovery")) {
            return Optional.of(masker.mask((event.equals("reminder") ? "STILL " : "") + nothingChecked + " on " + env
                    + "\n\nReport: " + reportUrl + "\n"));
        }
        if (event.equals("recovery")) {
            boolean toldBefore = previousIds.stream().anyMatch(id -> Optional.ofNullable(previousSeverities.get(id))
                    .flatMap(Severity::named).map(s -> s.atLeast(least)).orElse(true));
            return toldBefore ? Optional.of(masker.mask(text(event, env, failing, previousIds, notifiedAt))) : Optional.empty();
        }
        List<CheckResult> heard = heard(minSeverity, failing);
        return heard.isEmpty() ? Optional.empty() : Optional.of(masker.mask(text(event, env, heard, previousIds, notifiedAt)));
    }

    private Delivery deliver(String channel, String event, HttpProbe http, HttpCall call) {
        HttpObservation answer = http.send(call);
        boolean ok = answer.answered() && answer.status() / 100 == 2;
        return new Delivery(channel, event, ok, masker.mask(ok ? "delivered (HTTP " + answer.status() + ")"
                : "NOT delivered: " + answer.summary()));
    }

    private static String oneLine(String text) {
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }

    private static String human(Duration d) {
        return d.toHours() > 0 && d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }

    private Map<String, State> readState() {
        try {
            if (Files.isRegularFile(stateFile)) {
                return new LinkedHashMap<>(Json.mapper().readValue(Files.readString(stateFile, StandardCharsets.UTF_8),
                        Json.mapper().getTypeFactory().constructMapType(LinkedHashMap.class, String.class, State.class)));
            }
        } catch (IOException | RuntimeException e) {
            // a damaged state file costs at most one extra message
        }
        return new LinkedHashMap<>();
    }

    private void writeState(Map<String, State> states) throws IOException {
        Files.createDirectories(stateFile.getParent());
        Files.writeString(stateFile, Json.pretty(states), StandardCharsets.UTF_8);
    }
}
