package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The Supabase edge functions the runbook's checks call, each call side-effect free: no request carries a valid user
 * token (but the opt-in questions of the dedicated monitoring user), sends a message or spends AI credits. Calls several
 * checks judge are made once.
 */
public final class EdgeFunctions {

    /** The token the runbook itself sends: deliberately not a JWT, so the gateway must refuse it. */
    public static final String INVALID_TOKEN = "invalid_token";
    /** How old the replayed request is: past Slack's five-minute window, with margin for clock skew. */
    public static final Duration SLACK_REPLAY_AGE = Duration.ofMinutes(10);

    private final Settings settings;
    private final HttpProbe http;
    private final SharedCalls shared;

    public EdgeFunctions(Settings settings, HttpProbe http, SharedCalls shared) {
        this.settings = settings;
        this.http = http;
        this.shared = shared;
    }

    /** The URL of an edge function: {@code {supabase.url}/functions/v1/{name}}. */
    public String url(String name) {
        return settings.get(Keys.SUPABASE_URL).toString().replaceAll("/+$", "") + "/functions/v1/" + name;
    }

    public HttpObservation aiQueryWithInvalidJwt() {
        return shared.once("ai-query.invalid-jwt", () -> http.send(aiQueryWithInvalidJwtCall()));
    }

    /** The runbook's own auth probe: ai-query with a token the gateway must refuse. */
    public HttpCall aiQueryWithInvalidJwtCall() {
        return HttpCall.get(url("ai-query")).header("Authorization", "Bearer " + INVALID_TOKEN);
    }

    public HttpObservation aiQueryWithoutAuthorization() {
        return shared.once("ai-query.no-auth", () -> http.send(HttpCall.get(url("ai-query"))));
    }

    /** The browser's preflight before the front end POSTs a question from {@code origin}; needs no token. */
    public HttpObservation aiQueryPreflight(String origin) {
        return shared.once("ai-query.preflight", () -> http.send(HttpCall.request("OPTIONS", url("ai-query"))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, x-client-info, apikey, content-type")));
    }

    /**
     * An opt-in real question as the app's chat sends it (src/components/ConversationChat.tsx: POST with the user's
     * bearer token and {"query": ...}), with the dedicated monitoring user's fresh token: costs AI tokens, never run by
     * default.
     */
    public HttpObservation askAQuestion(String userToken, String question) {
        return http.send(HttpCall.request("POST", url("ai-query"))
                .header("Authorization", "Bearer " + userToken)
                .header("Content-Type", "application/json")
                .body(Json.compact(Map.of("query", question))));
    }

    /**
     * Telegram's side-effect-free update: {@code {"update_id":0}} with the secret header answers 200 "OK" and makes the
     * bot do nothing (a message with a chat would make it reply, so none is ever sent).
     */
    public HttpObservation telegramProbe() {
        return http.send(emptyUpdate().header("X-Telegram-Bot-Api-Secret-Token", settings.get(Keys.TELEGRAM_SECRET_TOKEN)));
    }

    /** The Telegram update without the secret header: must be refused, or anyone can post updates to the bot. */
    public HttpObservation telegramProbeWithoutSecret() {
        return shared.once("telegram.no-secret", () -> http.send(emptyUpdate()));
    }

    private HttpCall emptyUpdate() {
        return HttpCall.request("POST", url("telegram-webhook")).header("Content-Type", "application/json")
                .body(Json.compact(Map.of("update_id", 0)));
    }

    /** Slack's url_verification, signed: the function echoes the challenge and calls nothing else. */
    public HttpObservation slackProbe(String challenge) {
        return http.send(signedSlackCall(challenge, Instant.now()));
    }

    /**
     * A correctly signed url_verification whose timestamp is ten minutes old: a replay, which the webhook must refuse
     * (Slack's signing guidance). Refused or not, it only echoes a random challenge.
     */
    public HttpObservation slackProbeReplayed(String challenge) {
        return http.send(signedSlackCall(challenge, Instant.now().minus(SLACK_REPLAY_AGE)));
    }

    /** Slack's url_verification without a signature: must be refused. */
    public HttpObservation slackProbeUnsigned(String challenge) {
        return http.send(HttpCall.request("POST", url("slack-webhook")).header("Content-Type", "application/json")
                .body(verification(challenge)));
    }

    private HttpCall signedSlackCall(String challenge, Instant at) {
        String body = verification(challenge);
        long ts = at.getEpochSecond();
        return HttpCall.request("POST", url("slack-webhook"))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", Long.toString(ts))
                .header("X-Slack-Signature", SlackSigning.sign(settings.get(Keys.SLACK_SIGNING_SECRET), ts, body))
                .body(body);
    }

    private static String verification(String challenge) {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("type", "url_verification");
        body.put("challenge", challenge);
        return Json.compact(body);
    }
}
