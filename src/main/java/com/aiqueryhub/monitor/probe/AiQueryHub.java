package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.Monitor;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calls the runbook's checks make to AI Query Hub, each made once per run and shared by every check
 * that judges it. All of them are side-effect free: no request carries a valid user token, sends a
 * message or spends AI credits.
 */
public final class AiQueryHub {

    /** The token the runbook itself sends: deliberately not a JWT, so the gateway must refuse it. */
    public static final String INVALID_TOKEN = "invalid_token";
    private static final Pattern MAIN_BUNDLE = Pattern.compile("<script[^>]+src=\"(/assets/index-[^\"]+\\.js)\"");

    private AiQueryHub() {
    }

    public static HttpObservation homePage() {
        Monitor m = Monitor.get();
        return m.shared("frontend.home", () -> m.http().send(homePageCall()));
    }

    /** GET of the front end's home page (the performance review samples it too). */
    public static HttpCall homePageCall() {
        return HttpCall.get(frontendUrl(Monitor.get()) + "/");
    }

    public static HttpObservation homePageProtocol() {
        Monitor m = Monitor.get();
        return m.shared("frontend.protocol", () -> m.http().negotiateProtocol(HttpCall.request("HEAD", frontendUrl(m) + "/")));
    }

    /** The home page in a real browser, rendered once per run (started early, beside the other checks). */
    public static BrowserProbe.Rendering rendering(Monitor m) {
        return m.shared("frontend.browser", () -> BrowserProbe.render(frontendUrl(m) + "/", m.settings().duration("browser.timeout"),
                m.settings().find("tls.truststore").isPresent()));
    }

    /** The main script index.html references, e.g. /assets/index-Dq7sBx2k.js; empty if none is referenced. */
    public static Optional<String> mainBundlePath(HttpObservation homePage) {
        Matcher matcher = MAIN_BUNDLE.matcher(homePage.body());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public static HttpObservation mainBundle(String path) {
        Monitor m = Monitor.get();
        return m.shared("frontend.bundle", () -> m.http().send(HttpCall.get(frontendUrl(m) + path)));
    }

    public static HttpObservation aiQueryWithInvalidJwt() {
        Monitor m = Monitor.get();
        return m.shared("ai-query.invalid-jwt", () -> m.http().send(aiQueryWithInvalidJwtCall()));
    }

    /** The runbook's own auth probe: ai-query with a token the gateway must refuse. */
    public static HttpCall aiQueryWithInvalidJwtCall() {
        return HttpCall.get(Monitor.get().functionUrl("ai-query")).header("Authorization", "Bearer " + INVALID_TOKEN);
    }

    public static HttpObservation aiQueryWithoutAuthorization() {
        Monitor m = Monitor.get();
        return m.shared("ai-query.no-auth", () -> m.http().send(HttpCall.get(m.functionUrl("ai-query"))));
    }

    /** The browser's preflight before the front end POSTs a question; needs no token. */
    public static HttpObservation aiQueryPreflight() {
        Monitor m = Monitor.get();
        return m.shared("ai-query.preflight", () -> m.http().send(HttpCall.request("OPTIONS", m.functionUrl("ai-query"))
                .header("Origin", frontendOrigin())
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, x-client-info, apikey, content-type")));
    }

    public static HttpObservation project() {
        Monitor m = Monitor.get();
        return m.shared("management.project", () -> m.managementApi().project());
    }

    public static HttpObservation serviceHealth() {
        Monitor m = Monitor.get();
        return m.shared("management.health", () -> m.managementApi().health(m.settings().list("supabase.health-services")));
    }

    /** The total of error-level log entries of the last 24 hours (the longest range the logs endpoint allows). */
    public static HttpObservation overnightErrorCount() {
        return lastDayOfLogs("logs.error-count-query");
    }

    /** The most frequent error messages of the same 24 hours: evidence for the person on call, never the count. */
    public static HttpObservation overnightTopErrors() {
        return lastDayOfLogs("logs.error-query");
    }

    /** Row-level security refusals PostgreSQL logged in the last 24 hours. */
    public static HttpObservation rlsViolationCount() {
        return lastDayOfLogs("logs.rls-violation-query");
    }

    private static HttpObservation lastDayOfLogs(String querySetting) {
        Monitor m = Monitor.get();
        return m.shared("management." + querySetting, () -> {
            Instant now = Instant.now();
            return m.managementApi().logs(m.settings().require(querySetting), now.minus(Duration.ofHours(24)), now);
        });
    }

    public static DbObservation databasePing() {
        Monitor m = Monitor.get();
        return m.shared("database.ping", () -> m.database().query("select 1 as ok"));
    }

    /**
     * Telegram's side-effect-free update: {@code {"update_id":0}} with the secret header answers 200 "OK"
     * and makes the bot do nothing (a message with a chat would make it reply, so none is ever sent).
     */
    public static HttpObservation telegramProbe() {
        Monitor m = Monitor.get();
        String secret = m.settings().require("telegram.secret-token");
        return m.http().send(HttpCall.request("POST", m.functionUrl("telegram-webhook"))
                .header("Content-Type", "application/json")
                .header("X-Telegram-Bot-Api-Secret-Token", secret)
                .body("{\"update_id\":0}"));
    }

    /** Slack's url_verification, signed: the function echoes the challenge and calls nothing else. */
    public static HttpObservation slackProbe(String challenge) {
        return Monitor.get().http().send(signedSlackCall(challenge, Instant.now()));
    }

    /** How old the replayed request is: past Slack's five-minute window, with margin for clock skew. */
    public static final Duration SLACK_REPLAY_AGE = Duration.ofMinutes(10);

    /**
     * A correctly signed url_verification whose timestamp is ten minutes old: a replay, which the webhook must
     * refuse (Slack's signing guidance). Refused or not, it only echoes a random challenge.
     */
    public static HttpObservation slackProbeReplayed(String challenge) {
        return Monitor.get().http().send(signedSlackCall(challenge, Instant.now().minus(SLACK_REPLAY_AGE)));
    }

    private static HttpCall signedSlackCall(String challenge, Instant at) {
        Monitor m = Monitor.get();
        String secret = m.settings().require("slack.signing-secret");
        String body = "{\"type\":\"url_verification\",\"challenge\":\"" + challenge + "\"}";
        long ts = at.getEpochSecond();
        return HttpCall.request("POST", m.functionUrl("slack-webhook"))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", Long.toString(ts))
                .header("X-Slack-Signature", SlackSigning.sign(secret, ts, body))
                .body(body);
    }

    /** The error-rate query for each of the last {@code days} days (the logs endpoint takes 24 h at most). */
    public static List<HttpObservation> functionTrafficByDay(int days) {
        Monitor m = Monitor.get();
        return m.shared("management.function-traffic", () -> {
            String sql = m.settings().require("logs.error-rate-query");
            Instant end = Instant.now();
            List<HttpObservation> perDay = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                perDay.add(m.managementApi().logs(sql, end.minus(Duration.ofDays(d + 1)), end.minus(Duration.ofDays(d))));
            }
            return perDay;
        });
    }

    /** One scrape of the database host's metrics (Supabase's Metrics API, basic auth as service_role). */
    public static HttpObservation databaseHostMetrics() {
        Monitor m = Monitor.get();
        return m.shared("metrics.first", () -> m.http().send(metricsCall(m)));
    }

    /**
     * Scrapes over a window the Metrics API's update pace allows: the first scrape, then one every
     * {@code metrics.sample-interval} (Supabase asks collectors for one a minute) until the CPU counters have moved,
     * for at most {@code metrics.max-wait}. Counters that do not move between two scrapes seconds apart are the
     * endpoint's pace, not a fault. Returns the first and the last scrape.
     */
    public static List<HttpObservation> databaseHostMetricsWindow() {
        Monitor m = Monitor.get();
        return m.shared("metrics.window", () -> {
            HttpObservation first = databaseHostMetrics();
            if (!first.answered() || first.status() != 200) {
                return List.of(first);
            }
            double start = cpuSeconds(first);
            long deadline = System.nanoTime() + m.settings().duration("metrics.max-wait").toNanos();
            HttpObservation last;
            do {
                sleep(m.settings().duration("metrics.sample-interval"));
                last = m.http().send(metricsCall(m));
            } while (last.answered() && last.status() == 200 && cpuSeconds(last) == start && System.nanoTime() < deadline);
            return List.of(first, last);
        });
    }

    private static double cpuSeconds(HttpObservation scrape) {
        return Prometheus.sum(Prometheus.parse(scrape.body()), "node_cpu_seconds_total", java.util.Map.of());
    }

    private static HttpCall metricsCall(Monitor m) {
        String url = m.settings().find("metrics.url")
                .orElse(m.settings().url("supabase.url").toString().replaceAll("/+$", "") + "/customer/v1/privileged/metrics");
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                ("service_role:" + m.settings().require("supabase.service-role-key")).getBytes(StandardCharsets.UTF_8));
        return HttpCall.get(url).header("Authorization", auth);
    }

    /** A provider's status page as JSON (Statuspage summary or Datadog config, per statuspage.NAME.format). */
    public static HttpObservation statusPage(String provider) {
        return statusPage(Monitor.get(), provider);
    }

    /** The same for a given run (a background fetch must not depend on which run is current by then). */
    public static HttpObservation statusPage(Monitor m, String provider) {
        return m.shared("statuspage." + provider, () -> m.http().send(HttpCall.get(
                m.settings().url("statuspage." + provider + ".url").toString().replaceAll("/+$", "")
                        + StatusPages.jsonPath(StatusPages.format(m, provider)))));
    }

    /** The Telegram update without the secret header: must be refused, or anyone can post updates to the bot. */
    public static HttpObservation telegramProbeWithoutSecret() {
        Monitor m = Monitor.get();
        return m.shared("telegram.no-secret", () -> m.http().send(HttpCall.request("POST", m.functionUrl("telegram-webhook"))
                .header("Content-Type", "application/json").body("{\"update_id\":0}")));
    }

    /** Slack's url_verification without a signature: must be refused. */
    public static HttpObservation slackProbeUnsigned(String challenge) {
        Monitor m = Monitor.get();
        return m.http().send(HttpCall.request("POST", m.functionUrl("slack-webhook"))
                .header("Content-Type", "application/json")
                .body("{\"type\":\"url_verification\",\"challenge\":\"" + challenge + "\"}"));
    }

    public static HttpObservation backups() {
        Monitor m = Monitor.get();
        return m.shared("management.backups", () -> m.managementApi().backups());
    }

    /** The project's organization's entitlements (backup retention by plan); the slug comes from the project. */
    public static HttpObservation entitlements() {
        Monitor m = Monitor.get();
        return m.shared("management.entitlements", () -> {
            HttpObservation project = project();
            String slug = project.json().map(j -> j.getString("organization_slug")).orElse(null);
            return slug == null ? project : m.managementApi().entitlements(slug);
        });
    }

    /** The TLS certificate served at the URL of {@code urlSetting}. */
    public static CertificateObservation certificate(String urlSetting) {
        Monitor m = Monitor.get();
        return m.shared("tls." + urlSetting, () -> new TlsProbe(m.tlsTrust(), m.settings().duration("http.connect-timeout"),
                m.settings().duration("http.read-timeout")).inspect(m.settings().url(urlSetting)));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** scheme://host[:port] of the front end: the Origin its browser requests carry. */
    public static String frontendOrigin() {
        URI uri = Monitor.get().settings().url("frontend.url");
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String frontendUrl(Monitor m) {
        return m.settings().url("frontend.url").toString().replaceAll("/+$", "");
    }
}
