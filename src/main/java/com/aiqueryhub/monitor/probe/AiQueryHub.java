package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.Monitor;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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
        return m.shared("frontend.home", () -> m.http().send(HttpCall.get(frontendUrl(m) + "/")));
    }

    public static HttpObservation homePageProtocol() {
        Monitor m = Monitor.get();
        return m.shared("frontend.protocol", () -> m.http().negotiateProtocol(HttpCall.request("HEAD", frontendUrl(m) + "/")));
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
        return m.shared("ai-query.invalid-jwt", () -> m.http().send(HttpCall.get(m.functionUrl("ai-query"))
                .header("Authorization", "Bearer " + INVALID_TOKEN)));
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

    /** Error-level log entries of the last 24 hours (the longest range the logs endpoint allows). */
    public static HttpObservation overnightErrors() {
        Monitor m = Monitor.get();
        return m.shared("management.overnight-errors", () -> {
            Instant now = Instant.now();
            return m.managementApi().logs(m.settings().require("logs.error-query"), now.minus(Duration.ofHours(24)), now);
        });
    }

    public static DbObservation databasePing() {
        Monitor m = Monitor.get();
        return m.shared("database.ping", () -> m.database().query("select 1 as ok"));
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
