package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.HttpCall;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.HttpProbe;
import com.aiqueryhub.monitor.probe.TlsTrust;
import com.aiqueryhub.monitor.run.RunVerdict;
import com.aiqueryhub.monitor.secret.Masker;

/**
 * A monitor of the monitor, as Healthchecks.io defines the pings (Cronitor and Better Stack accept the same):
 * {@code URL/start} when a run begins, {@code URL} when it ends healthy, {@code URL/fail} when not. The service alerts
 * when the pings stop: a schedule GitHub disabled, a runner that never starts, a revoked CI token.
 */
public final class Heartbeat {

    private Heartbeat() {
    }

    /** The start ping, sent as the run begins (its delivery is listed with the run's notifications). */
    public static Notifier.Delivery start(Settings settings, Masker masker) {
        return ping(settings, masker, "/start", "start", "a run of " + settings.environment() + " started\n", null);
    }

    /** The end ping: a passing run (healthy or degraded, all observed; a planned maintenance) is a success; anything else a failure. */
    static Notifier.Delivery finish(Settings settings, Masker masker, RunVerdict verdict, HttpProbe http) {
        boolean ok = verdict.passes(); // a check not observed, a blind or misconfigured run: the owner must look
        return ping(settings, masker, ok ? "" : "/fail", ok ? "success" : "fail", verdict.line() + "\n", http);
    }

    private static Notifier.Delivery ping(Settings settings, Masker masker, String suffix, String event, String body, HttpProbe given) {
        java.time.Duration timeout = settings.get(Keys.NOTIFY_TIMEOUT);
        HttpProbe http = given != null ? given : new HttpProbe(timeout, timeout, TlsTrust.of(settings.find(Keys.TLS_TRUSTSTORE).orElse(null)));
        String url = settings.get(Keys.NOTIFY_HEARTBEAT_URL).toString().replaceAll("/+$", "") + suffix;
        HttpObservation answer = http.send(HttpCall.request("POST", url).header("Content-Type", "text/plain; charset=utf-8")
                .body(masker.mask(body.length() > 1000 ? body.substring(0, 1000) : body)));
        boolean ok = answer.answered() && answer.status() / 100 == 2;
        return new Notifier.Delivery("heartbeat", event, ok, masker.mask(ok ? "delivered (HTTP " + answer.status() + ")"
                : "NOT delivered: " + answer.summary()));
    }
}
