package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.probe.HttpCall;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.HttpProbe;
import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.Severity;
import com.aiqueryhub.monitor.secret.Masker;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The channels that hold one incident per check, opened while it fails and closed when it recovers: Alertmanager
 * ({@code POST /api/v2/alerts}, the alert rules' labels, {@code endsAt} to resolve) and PagerDuty's Events API v2
 * ({@code trigger} and {@code resolve} with {@code dedup_key} environment/location/check). A failing check is sent
 * again every run (both deduplicate), so an Alertmanager restart or a lost event heals at the next run.
 */
final class Incidents {

    /** An open incident, as the next run needs it to close it: the labels it was opened with. */
    record Open(String severity, String cadence) {
    }

    /** What one run sends: which checks to open (or keep open) and which to close. */
    record Plan(List<CheckResult> failing, Map<String, Open> resolve) {
    }

    private final Settings settings;
    private final Masker masker;
    private final String environment;
    private final String location;
    private final String reportUrl;
    private final HttpProbe http;

    Incidents(Settings settings, Masker masker, String location, String reportUrl, HttpProbe http) {
        this.settings = settings;
        this.masker = masker;
        this.environment = settings.environment();
        this.location = location;
        this.reportUrl = reportUrl;
        this.http = http;
    }

    /** The channels configured, by name. */
    List<String> channels() {
        List<String> out = new ArrayList<>();
        if (settings.isSet(Keys.NOTIFY_ALERTMANAGER_URL)) {
            out.add("alertmanager");
        }
        if (settings.isSet(Keys.NOTIFY_PAGERDUTY_ROUTING_KEY)) {
            out.add("pagerduty");
        }
        return out;
    }

    static Setting<String> minSeverity(String channel) {
        return channel.equals("alertmanager") ? Keys.NOTIFY_ALERTMANAGER_MIN_SEVERITY : Keys.NOTIFY_PAGERDUTY_MIN_SEVERITY;
    }

    /** Sends one run's plan to {@code channel}; returns the deliveries and the incidents open afterwards. */
    List<Notifier.Delivery> send(String channel, Plan plan, Map<String, Open> open, Instant now) {
        List<Notifier.Delivery> out = new ArrayList<>();
        if (channel.equals("alertmanager")) {
            List<Map<String, Object>> alerts = new ArrayList<>();
            plan.failing().forEach(r -> alerts.add(alert(r.info().id(), r.info().severity().label(), r.info().cadence(),
                    annotations(r), now.plus(ttl(r.info().cadence())))));
            plan.resolve().forEach((id, o) -> alerts.add(alert(id, o.severity(), o.cadence(), Map.of("summary", id
                    + " recovered on " + environment + " (" + location + ")"), now)));
            if (!alerts.isEmpty()) {
                String url = settings.get(Keys.NOTIFY_ALERTMANAGER_URL).toString().replaceAll("/+$", "") + "/api/v2/alerts";
                HttpObservation answer = http.send(HttpCall.request("POST", url).header("Content-Type", "application/json")
                        .body(masker.maskValues(Json.compact(alerts))));
                out.add(delivery("alertmanager", plan, answer, answer.answered() && answer.status() / 100 == 2));
                if (out.get(0).delivered()) {
                    apply(plan, open);
                }
            }
            return out;
        }
        boolean all = true;
        for (CheckResult r : plan.failing()) {
            all &= pagerDuty(out, "trigger", r.info().id(), trigger(r));
        }
        for (String id : plan.resolve().keySet()) {
            all &= pagerDuty(out, "resolve", id, Map.of());
        }
        if (all) {
            apply(plan, open);
        } else {
            // what was delivered stays delivered: only the events that arrived change what is open
            out.stream().filter(Notifier.Delivery::delivered).forEach(d -> {
                String id = d.event().substring(d.event().indexOf(' ') + 1);
                if (d.event().startsWith("resolve")) {
                    open.remove(id);
                } else {
                    plan.failing().stream().filter(r -> r.info().id().equals(id)).findFirst()
                            .ifPresent(r -> open.put(id, new Open(r.info().severity().label(), r.info().cadence())));
                }
            });
        }
        return out;
    }

    private static void apply(Plan plan, Map<String, Open> open) {
        plan.resolve().keySet().forEach(open::remove);
        plan.failing().forEach(r -> open.put(r.info().id(), new Open(r.info().severity().label(), r.info().cadence())));
    }

    private Notifier.Delivery delivery(String channel, Plan plan, HttpObservation answer, boolean ok) {
        String what = plan.failing().size() + " firing, " + plan.resolve().size() + " resolved";
        return new Notifier.Delivery(channel, "alerts", ok, masker.mask(ok ? what + ": delivered (HTTP " + answer.status() + ")"
                : what + ": NOT delivered: " + answer.summary()));
    }

    /** One Alertmanager alert with the rule's labels; {@code endsAt} in the past resolves it. */
    private Map<String, Object> alert(String check, String severity, String cadence, Map<String, String> annotations, Instant endsAt) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "SyntheticCheckFailing");
        labels.put("job", RunMetrics.JOB);
        labels.put("check", check);
        labels.put("cadence", cadence);
        labels.put("severity", severity);
        labels.put("environment", environment);
        labels.put("location", location);
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("endsAt", endsAt.truncatedTo(ChronoUnit.SECONDS).toString());
        if (reportUrl.startsWith("http://") || reportUrl.startsWith("https://")) {
            alert.put("generatorURL", reportUrl); // Alertmanager refuses anything but a URI
        }
        return alert;
    }

    private Map<String, String> annotations(CheckResult r) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("summary", r.info().id() + " failed on " + environment + " (" + location + ")");
        a.put("description", masker.mask(r.firstLine()));
        a.put("remedy", RunMetrics.firstSentence(r.info().remedy()));
        a.put("runbook_url", r.info().runbookUrl());
        return a;
    }

    /**
     * How long an alert stays firing without the next run: twice the cadence's schedule, as the stale rule waits, so a
     * late run never lets a real failure resolve itself and a monitor that stopped does not hold it forever.
     */
    static Duration ttl(String cadence) {
        if (cadence.contains("smoke")) {
            return Duration.ofMinutes(20);
        }
        if (cadence.contains("daily")) {
            return Duration.ofHours(48);
        }
        if (cadence.contains("weekly")) {
            return Duration.ofDays(14);
        }
        if (cadence.contains("monthly")) {
            return Duration.ofDays(62);
        }
        return Duration.ofHours(24);
    }

    // ---- PagerDuty Events API v2 (developer.pagerduty.com/docs/events-api-v2; contracts/ext/pagerduty) ----

    private Map<String, Object> trigger(CheckResult r) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("check", r.info().id());
        details.put("name", r.info().name());
        details.put("severity", r.info().severity().toString());
        details.put("observed", masker.mask(r.firstLine()));
        details.put("remedy", r.info().remedy());
        details.put("runbook", r.info().runbookUrl());
        Map<String, Object> payload = new LinkedHashMap<>();
        String summary = r.info().id() + " failed on " + environment + ": " + masker.mask(r.firstLine());
        payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1021) + "..." : summary);
        payload.put("source", "synthetic-monitor/" + location);
        payload.put("severity", pagerDutySeverity(r.info().severity()));
        payload.put("component", r.info().id());
        payload.put("group", environment);
        payload.put("class", r.info().cadence());
        payload.put("custom_details", details);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("payload", payload);
        List<Map<String, String>> links = new ArrayList<>();
        if (reportUrl.startsWith("http")) {
            links.add(Map.of("href", reportUrl, "text", "Report"));
        }
        links.add(Map.of("href", r.info().runbookUrl(), "text", "Runbook: " + r.info().section() + " > " + r.info().title()));
        event.put("links", links);
        event.put("client", "AI Query Hub Synthetic Monitor");
        if (reportUrl.startsWith("http")) {
            event.put("client_url", reportUrl);
        }
        return event;
    }

    static String pagerDutySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "info";
        };
    }

    /**
     * Sends one event, again after 429 and 5xx (PagerDuty's retry advice) with a growing pause, all within
     * notify.timeout; a 400 is the event's own fault and never sent again.
     */
    private boolean pagerDuty(List<Notifier.Delivery> out, String action, String check, Map<String, Object> body) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", settings.get(Keys.NOTIFY_PAGERDUTY_ROUTING_KEY));
        event.put("event_action", action);
        event.put("dedup_key", environment + "/" + location + "/" + check);
        event.putAll(body);
        URI url = settings.get(Keys.NOTIFY_PAGERDUTY_URL);
        HttpCall call = HttpCall.request("POST", url.toString()).header("Content-Type", "application/json")
                .body(Json.compact(event));
        Instant deadline = Instant.now().plus(settings.get(Keys.NOTIFY_TIMEOUT));
        long pauseMs = 250;
        int attempts = 0;
        HttpObservation answer;
        while (true) {
            attempts++;
            answer = http.send(call);
            boolean again = !answer.answered() || answer.status() == 429 || answer.status() >= 500;
            if (!again || Instant.now().plusMillis(pauseMs).isAfter(deadline)) {
                break;
            }
            sleep(pauseMs);
            pauseMs *= 2;
        }
        boolean ok = answer.answered() && answer.status() == 202;
        String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
        out.add(new Notifier.Delivery("pagerduty", action + " " + check, ok, masker.mask(ok ? "delivered (HTTP 202" + tries + ")"
                : "NOT delivered" + tries + ": " + answer.summary()))); // the summary quotes the body (its first 200 characters)
        return ok;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
