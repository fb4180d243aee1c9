package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The project's Auth server (GoTrue, {@code {supabase.url}/auth/v1}) as the dedicated monitoring user meets it: a
 * password sign-in, the signed-in user, the published signing keys and a sign-out of this one session. No session outlives
 * the run: the API checks' session is signed out when the run ends, the journey signs its own out as its last step.
 */
public final class GoTrue {

    /**
     * A signed-in session: GoTrue's answer and the access token in it. The token is a secret: it is never part of a
     * message (the masker also removes any JWT and any {@code *_token} field from evidence).
     */
    public static final class Session {
        private final HttpObservation signIn;
        private final String accessToken;

        Session(HttpObservation signIn, String accessToken) {
            this.signIn = signIn;
            this.accessToken = accessToken;
        }

        /** GoTrue's answer to the sign-in (for the evidence; masked on the way out like every observation). */
        public HttpObservation signIn() {
            return signIn;
        }

        /** Signed in: GoTrue answered 200 with an access token. */
        public boolean signedIn() {
            return accessToken != null;
        }

        public String accessToken() {
            return accessToken;
        }

        /** The signed-in user's id, as GoTrue's answer names it. */
        public Optional<String> userId() {
            return signIn.jsonObject().map(j -> j.path("user").path("id").asText("")).filter(id -> !id.isEmpty());
        }

        public Optional<Jwt> token() {
            return Jwt.parse(accessToken);
        }

        /** What GoTrue said, without the session it handed out: "HTTP 200, a session until ...", or its refusal. */
        public String summary() {
            if (signedIn()) {
                return "HTTP " + signIn.status() + ", a session" + token().flatMap(Jwt::expiresAt).map(e -> " until " + e).orElse("");
            }
            return signIn.summary();
        }

        @Override
        public String toString() {
            return "session(" + summary() + ")";
        }
    }

    private final Settings settings;
    private final HttpProbe http;
    private final SharedCalls shared;

    public GoTrue(Settings settings, HttpProbe http, SharedCalls shared) {
        this.settings = settings;
        this.http = http;
        this.shared = shared;
    }

    /** {@code {supabase.url}/auth/v1{path}}. */
    public String url(String path) {
        return settings.get(Keys.SUPABASE_URL).toString().replaceAll("/+$", "") + "/auth/v1" + path;
    }

    /** {@code POST /auth/v1/token?grant_type=password} with the project's apikey: what supabase-js signInWithPassword sends. */
    public Session signIn() {
        String email = settings.get(Keys.JOURNEY_USER_EMAIL);
        String password = settings.get(Keys.JOURNEY_USER_PASSWORD);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        HttpObservation answer = http.send(HttpCall.request("POST", url("/token")).queryParam("grant_type", "password")
                .header("apikey", settings.get(Keys.SUPABASE_ANON_KEY))
                .header("Content-Type", "application/json")
                .body(Json.compact(body)));
        String token = answer.status() == 200 ? answer.jsonObject().map(j -> j.path("access_token").asText(""))
                .filter(t -> !t.isEmpty()).orElse(null) : null;
        return new Session(answer, token);
    }

    /** {@code POST /auth/v1/logout?scope=local}: ends this session only (the default, global, would end every session of the user). */
    public HttpObservation signOut(String accessToken) {
        return http.send(HttpCall.request("POST", url("/logout")).queryParam("scope", "local")
                .header("apikey", settings.get(Keys.SUPABASE_ANON_KEY))
                .header("Authorization", "Bearer " + accessToken));
    }

    /** {@code GET /auth/v1/user}: the user a token belongs to, refused once its session has ended. */
    public HttpObservation user(String accessToken) {
        return http.send(HttpCall.get(url("/user"))
                .header("apikey", settings.get(Keys.SUPABASE_ANON_KEY))
                .header("Authorization", "Bearer " + accessToken));
    }

    /** The project's published signing keys, {@code /auth/v1/.well-known/jwks.json} (public, read once per run). */
    public HttpObservation jwks() {
        return shared.once("auth.jwks", () -> http.send(HttpCall.get(url("/.well-known/jwks.json"))
                .header("apikey", settings.get(Keys.SUPABASE_ANON_KEY))));
    }

    /**
     * The run's session for the API checks (the real question, the signing keys): signed in once when a check first asks,
     * signed out when the run ends.
     */
    public Session runSession() {
        return shared.once("auth.run-session", () -> {
            Session session = signIn();
            if (session.signedIn()) {
                shared.closedWithRun(() -> signOut(session.accessToken()));
            }
            return session;
        });
    }

    /**
     * GoTrue's answer in a line: its status, {@code error_code} and {@code msg} (internal/api/apierrors: {"code",
     * "error_code", "msg"}), e.g. "HTTP 400 invalid_credentials: 'Invalid login credentials'"; any other answer (or none)
     * as its summary.
     */
    /**
     * Whether GoTrue, answering normally, refused the credentials themselves: HTTP 400 with {@code error_code}
     * {@code invalid_credentials} (supabase/auth internal/api/token.go). That is the monitor's credential (a rotated
     * password, a removed user); GoTrue's 5xx, a timeout or an answer of another shape are GoTrue's own trouble.
     */
    public static boolean refusedCredentials(HttpObservation answer) {
        return answer.answered() && answer.status() == 400 && answer.jsonObject()
                .map(j -> j.path("error_code").asText("").equals("invalid_credentials")).orElse(false);
    }

    public static String refusal(HttpObservation answer) {
        return answer.jsonObject().map(j -> {
            String code = j.path("error_code").asText(j.path("error").asText(""));
            String message = j.path("msg").asText(j.path("message").asText(j.path("error_description").asText("")));
            return "HTTP " + answer.status() + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": '" + message + "'");
        }).orElse(answer.summary());
    }
}
