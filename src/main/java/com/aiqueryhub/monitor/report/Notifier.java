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
import java.util.TreeSet;

/**
 * Tells people when a run needs them, and only then: one message per run with failures (grouped by severity), one when
 * the failures are gone, and while the same failures persist only a reminder after {@code notify.reminder-interval}.
 * {@code notify.after-failures} failing runs in a row come before the first message, {@code notify.after-successes}
 * passing ones before the recovery message (for frequent schedules); {@link AlertPolicy} decides, this class only sends.
 * Channels, each off until configured: messages to a Slack incoming webhook, a Telegram bot and a generic JSON webhook;
 * incidents opened and closed in Alertmanager and PagerDuty ({@link Incidents}); a heartbeat pinged at the end of every
 * run ({@link Heartbeat}). One HTTP client serves every channel of a run. A message that cannot be delivered is reported;
 * it never changes the run's outcome.
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

    /** Asks the alert policy what this run says, sends it, and remembers it for the next run. */
    public List<Delivery> notify(List<CheckResult> results, RunVerdict verdict, Instant now) throws IOException {
        if (!configured()) {
            return List.of();
        }
        String env = settings.environment();
        Map<String, State> states = readState();
        State previous = states.getOrDefault(env, State.NONE);
        AlertPolicy.Outlook run = AlertPolicy.assess(previous, results, verdict);
        AlertPolicy.Rules rules = new AlertPolicy.Rules(settings.get(Keys.NOTIFY_AFTER_FAILURES),
                settings.get(Keys.NOTIFY_AFTER_SUCCESSES), settings.get(Keys.NOTIFY_REMINDER_INTERVAL));
        State state = new State(previous.failing(), previous.notifiedAt(), run.failedRuns(), run.passedRuns(), previous.severities(),
                previous.incidents());
        HttpProbe http = http(); // one client for every channel of this run

        List<Delivery> out = new ArrayList<>();
        if (messagesConfigured()) {
            AlertPolicy.MessageDecision decision = AlertPolicy.messages(previous, run, rules, now);
            if (decision.withheld() != null) {
                out.add(decision.withheld());
            } else if (decision.event() != null) {
                Instant notifiedAt = Optional.ofNullable(previous.notifiedAt()).map(Instant::parse).orElse(null);
                List<Delivery> deliveries = send(http, eventName(decision.event(), verdict, run), env, run.failing(),
                        new TreeSet<>(previous.failing()),
                        previous.severities(), run.nothingChecked(), notifiedAt);
                out.addAll(deliveries);
                if (deliveries.stream().anyMatch(Delivery::delivered)) {
                    Map<String, String> severities = new LinkedHashMap<>();
                    run.failing().forEach(r -> severities.put(r.info().id(), r.info().severity().label()));
                    state = state.with(new ArrayList<>(run.failingIds()), now.toString(), severities);
                }
            }
        }
        Incidents incidents = new Incidents(settings, masker, location, reportUrl, http);
        Map<String, Map<String, Incidents.Open>> openByChannel = new LinkedHashMap<>(state.incidents());
        for (String channel : incidents.channels()) {
            Map<String, Incidents.Open> open = new LinkedHashMap<>(openByChannel.getOrDefault(channel, Map.of()));
            Incidents.Plan plan = AlertPolicy.incidents(open, least(Incidents.minSeverity(channel)), run, rules);
            out.addAll(incidents.send(channel, plan, open, now));
            openByChannel.put(channel, open);
        }
        state = state.withIncidents(openByChannel);
        if (settings.isSet(Keys.NOTIFY_HEARTBEAT_URL)) {
            out.add(Heartbeat.finish(settings, masker, verdict, http));
        }
        states.put(env, state);
        writeState(states);
        return out;
    }

    /**
     * The event as its receivers should read it: a run the monitor's own trouble decided is named for that ("blind",
     * "misconfigured", "nothing-checked", and "-reminder" after the first), never a production "failure".
     */
    static String eventName(String event, RunVerdict verdict, AlertPolicy.Outlook run) {
        if (run.nothingChecked() == null || event.equals("recovery")) {
            return event;
        }
        String what = verdict.kind() == RunVerdict.Kind.BLIND ? "blind"
                : verdict.kind() == RunVerdict.Kind.MISCONFIGURED ? "misconfigured" : "nothing-checked";
        return event.equals("reminder") ? what + "-reminder" : what;
    }

    private HttpProbe http() {
        Duration timeout = settings.get(Keys.NOTIFY_TIMEOUT);
        return new HttpProbe(timeout, timeout, TlsTrust.of(settings.find(Keys.TLS_TRUSTSTORE).orElse(null)));
    }

    /** A message's text: the failures by severity (or the recovery), and where the report is. */
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
    private List<Delivery> send(HttpProbe http, String event, String env, List<CheckResult> failing, TreeSet<String> previousIds,
                                Map<String, String> previousSeverities, String nothingChecked, Instant notifiedAt) {
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
            return Optional.of(masker.mask((event.endsWith("reminder") ? "STILL " : "") + nothingChecked + " on " + env
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
