package com.aiqueryhub.monitor.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static com.aiqueryhub.monitor.sandbox.Answers.serve;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.options;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * The project's GoTrue (Auth) behind its gateway: a password sign-in that issues access tokens signed with the project's
 * key ({@link SandboxAuth}: the legacy secret, or its signing key once it moved to them), expiring after
 * {@code sandbox.token-lifetime}; the signed-in user; a sign-out of
 * one session; the published JWKS. Every answer is a recorded one (contracts/ext/auth/...), with the values of this
 * sign-in put in. Faults: journey-sign-in-refused (the password was rotated), jwks-key-missing (the JWKS lost the key in
 * use).
 */
final class AuthStandIn implements ResponseDefinitionTransformerV2 {

    static final String NAME = "sandbox-gotrue";

    private final Set<Fault> faults;
    private final String email;
    private final String password;
    private final Set<String> apiKeys;
    private final Duration lifetime;
    private final Duration clockOffset;
    /** Refresh tokens issued and not yet used: each is good for one refresh (GoTrue rotates them). */
    private final java.util.Map<String, Boolean> refreshTokens = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param apiKeys the project's keys the gateway takes: the legacy anon key and the publishable key the app is built with */
    AuthStandIn(Set<Fault> faults, String email, String password, Set<String> apiKeys, Duration lifetime, Duration clockOffset) {
        this.faults = faults;
        this.email = email;
        this.password = password;
        this.apiKeys = apiKeys;
        this.lifetime = lifetime;
        this.clockOffset = clockOffset;
    }

    /** The sandbox's time: this machine's, or later by sandbox.clock-offset (a run an hour later, without the wait). */
    Instant now() {
        return Instant.now().plus(clockOffset);
    }

    void stub(WireMockServer project) {
        // the gateway's CORS for Auth (supabase/docker volumes/api/kong.yml: the cors plugin on auth-v1): the app signs in
        // from its own origin
        project.stubFor(options(urlPathMatching("/auth/v1/.*")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Access-Control-Allow-Origin", "*")
                .withHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
                .withHeader("Access-Control-Allow-Headers", "authorization, x-client-info, apikey, content-type, x-supabase-api-version")));
        for (String path : new String[]{"/auth/v1/token", "/auth/v1/logout"}) {
            project.stubFor(post(urlPathEqualTo(path)).atPriority(1).willReturn(aResponse().withTransformers(NAME)));
        }
        project.stubFor(get(urlPathEqualTo("/auth/v1/user")).atPriority(1).willReturn(aResponse().withTransformers(NAME)));
        ObjectNode key = SandboxAuth.publishedKey(faults.contains(Fault.JWKS_KEY_MISSING));
        project.stubFor(get(urlPathEqualTo("/auth/v1/.well-known/jwks.json")).atPriority(1).willReturn(serve(
                Contract.load("ext/auth/jwks").with("__KID__", key.get("kid").asText()).with("__X__", key.get("x").asText())
                        .with("__Y__", key.get("y").asText()).withHeader("Access-Control-Allow-Origin", "*"))));
        // the gateway wants the project's apikey on every Auth call (a browser's preflight carries none: it asks whether
        // it may send one)
        for (com.github.tomakehurst.wiremock.client.MappingBuilder call : List.of(post(urlPathMatching("/auth/v1/(token|logout)")),
                get(urlPathEqualTo("/auth/v1/user")))) {
            project.stubFor(call.atPriority(0).withHeader("apikey", absent()).willReturn(serve(
                    Contract.load("ext/auth/apikey-missing").withHeader("Access-Control-Allow-Origin", "*"))));
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        java.util.Optional<ResponseDefinition> refused = Answers.foreignKey(request, apiKeys);
        if (refused.isPresent()) {
            return refused.get();
        }
        String path = request.getUrl().replaceFirst("\\?.*$", "");
        Contract answer = switch (path) {
            case "/auth/v1/token" -> signIn(request);
            case "/auth/v1/logout" -> signedIn(request, reading -> {
                if (!faults.contains(Fault.JOURNEY_SESSION_KEPT)) {
                    SandboxAuth.end(reading.sessionId());
                }
                return Contract.load("ext/auth/logout");
            });
            default -> signedIn(request, reading -> Contract.load("ext/auth/user").with("__USER_ID__", reading.userId())
                    .with("__EMAIL__", reading.email()));
        };
        return serve(answer.withHeader("Access-Control-Allow-Origin", "*")).build();
    }

    private Contract signIn(Request request) {
        com.fasterxml.jackson.databind.JsonNode body = SandboxJson.parse(request.getBodyAsString());
        String grant = request.queryParameter("grant_type").firstValue();
        if ("refresh_token".equals(grant)) {
            // supabase-js refreshes a session before it expires (its auto-refresh): a fresh token for a refresh token issued
            return refreshTokens.remove(body.path("refresh_token").asText()) != null ? session(request)
                    : Contract.load("ext/auth/token-refresh-not-found");
        }
        boolean known = email.equalsIgnoreCase(body.path("email").asText()) && password.equals(body.path("password").asText())
                && "password".equals(grant);
        if (faults.contains(Fault.JOURNEY_RATE_LIMITED)) {
            return Contract.load("ext/auth/token-rate-limited");
        }
        if (!known || faults.contains(Fault.JOURNEY_SIGN_IN_REFUSED)) {
            return Contract.load("ext/auth/token-invalid-credentials");
        }
        return session(request);
    }

    /** A new session for the monitoring user, as GoTrue answers a password or refresh grant. */
    private Contract session(Request request) {
        Instant now = now();
        String issuer = request.getAbsoluteUrl().replaceFirst("/token.*$", "");
        String token = SandboxAuth.issue(issuer, SandboxAuth.MONITORING_USER_ID, email, now, lifetime, signingKeys());
        String refresh = Answers.randomSecret().substring(0, 12);
        refreshTokens.put(refresh, true);
        return Contract.load("ext/auth/token-password").withJson(j -> {
            ObjectNode o = (ObjectNode) j;
            o.put("access_token", token).put("expires_in", lifetime.toSeconds()).put("expires_at", now.plus(lifetime).getEpochSecond())
                    .put("refresh_token", refresh);
            ((ObjectNode) o.get("user")).put("id", SandboxAuth.MONITORING_USER_ID).put("email", email)
                    .put("last_sign_in_at", now.toString());
        });
    }

    /**
     * Whether the project signs with its JWT signing keys (ES256): once it moved to them, as ai-query verifying tokens
     * itself (functions-own-auth) or a gateway that refuses them (signing-keys-verify-jwt-on) and a JWKS that lost the key
     * (jwks-key-missing) say; else the legacy secret (HS256), as a project whose gateway checks ai-query's tokens does.
     */
    private boolean signingKeys() {
        return faults.contains(Fault.FUNCTIONS_OWN_AUTH) || faults.contains(Fault.SIGNING_KEYS_VERIFY_JWT_ON)
                || faults.contains(Fault.JWKS_KEY_MISSING);
    }

    /** A call that needs a signed-in user: refused as GoTrue refuses it, else answered. */
    private Contract signedIn(Request request, java.util.function.Function<SandboxAuth.Reading, Contract> answer) {
        String authorization = String.valueOf(request.getHeader("Authorization"));
        SandboxAuth.Reading reading = SandboxAuth.read(authorization.replaceFirst("(?i)^bearer\\s+", ""), now());
        if (reading.refusal() == SandboxAuth.Refusal.SESSION_ENDED) {
            return Contract.load("ext/auth/user-session-not-found");
        }
        return reading.valid() ? answer.apply(reading) : Contract.load("ext/auth/user-bad-jwt");
    }

    /** A request carrying a valid signed-in user's token: signed by the project's key, unexpired, its session open. */
    RequestMatcherExtension userToken() {
        return new RequestMatcherExtension() {
            @Override
            public String getName() {
                return "sandbox-user-token";
            }

            @Override
            public MatchResult match(Request request, Parameters parameters) {
                String authorization = request.getHeader("Authorization");
                return MatchResult.of(authorization != null
                        && SandboxAuth.read(authorization.replaceFirst("(?i)^bearer\\s+", ""), now()).valid());
            }
        };
    }
}
