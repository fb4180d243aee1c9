package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.check.Journeys;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.GoTrue;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.Jwt;
import com.aiqueryhub.monitor.probe.SignedInJourney;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.run.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Daily
@RunbookStep(id = "auth", title = "Auth signing keys (with the signed-in user)", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", severity = Severity.HIGH, components = {"auth"},
        differsFromRunbook = "Not a runbook line: since 2025 Supabase signs user tokens with asymmetric keys published at "
                + "/auth/v1/.well-known/jwks.json, and whatever verifies them (the gateway, a function's getClaims, another "
                + "service) reads that JWKS. Judges the token the journey's sign-in was issued (or, with only "
                + "probe.ai-query.enabled, the real question's session).")
class AuthSigningKeysCheck {

    @Check(id = "signing-keys", name = "The project's published keys verify the tokens it issues",
            remedy = "Supabase dashboard > Project Settings > JWT Keys: the key in use must be published (not revoked or "
                    + "deleted); after a rotation give the JWKS caches (10 minutes) time, and never revoke the previous key "
                    + "while tokens it signed are still valid. If ai-query is deployed with verify_jwt = true on signing "
                    + "keys, turn it off and verify the token in the function (getClaims) before the gateway refuses users.")
    void signingKeys(SignedInJourney journey, GoTrue auth, Supabase supabase, Settings settings, CheckContext check) {
        if (!settings.get(Keys.JOURNEY_ENABLED) && !settings.get(Keys.PROBE_AI_QUERY_ENABLED)) {
            throw new TestAbortedException("opt-in: runs with the signed-in user (journey.enabled or probe.ai-query.enabled)");
        }
        Jwt token;
        String issued;
        if (settings.get(Keys.JOURNEY_ENABLED)) {
            // the journey's own sign-in: one session a run, in the browser or not
            if (!journey.signIn().ok()) {
                throw Journeys.notSignedIn(journey);
            }
            issued = journey.signIn().endpoint();
            token = journey.issuedToken().orElseThrow(() -> Verdict.failure("an access token in JWT form", "GoTrue issued "
                    + "another kind of token", issued));
        } else {
            GoTrue.Session session = auth.runSession();
            if (!session.signedIn()) {
                Journeys.signInRefused(check, settings, session);
                return;
            }
            issued = session.signIn().endpoint();
            token = session.token().orElseThrow(() -> Verdict.failure("an access token in JWT form", "GoTrue issued another "
                    + "kind of token", session.signIn().endpoint()));
        }
        Optional<Boolean> verifyJwt = supabase.verifyJwt("ai-query");
        if (!token.asymmetric()) {
            // the legacy shared secret: nothing published to read
            check.passed("the token is " + token.algorithm() + ", signed with the project's legacy JWT secret: no JWKS to read");
            if (verifyJwt.orElse(false)) {
                // say so before it bites
                check.passed("ai-query is deployed with verify_jwt=true, which works with the legacy secret only: before the "
                        + "project moves to JWT signing keys, turn it off and verify the token in the function (getClaims)");
            }
            return;
        }
        String kid = token.keyId().orElseThrow(() -> Verdict.failure("a key id (kid) in the " + token.algorithm() + " token's header",
                "no kid: nothing tells a verifier which published key to use", issued));
        HttpObservation jwks = auth.jwks();
        check.that(jwks).hasStatus(200);
        List<String> published = new ArrayList<>();
        Optional<JsonNode> key = Optional.empty();
        for (JsonNode k : jwks.json().map(j -> j.path("keys")).orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance())) {
            published.add(k.path("kid").asText("?") + " (" + k.path("alg").asText(k.path("kty").asText("?")) + ")");
            if (kid.equals(k.path("kid").asText())) {
                key = Optional.of(k);
            }
        }
        check.expect(key.isPresent(), "the key " + kid + " that signs the project's " + token.algorithm() + " tokens in its JWKS",
                published.isEmpty() ? "a JWKS without keys" : "the JWKS publishes " + String.join(", ", published), jwks.endpoint());
        check.expect(token.verifiedBy(key.get()), "the published key " + kid + " to verify the token's signature",
                "the signature does not verify with it (a key replaced under the same kid?)", jwks.endpoint());
        if (verifyJwt.orElse(false)) {
            // Supabase deprecates the gateway's check with signing keys and documents it refusing their tokens (system
            // contract, 2026): whether it refuses them today, journey.answer shows; this says so before it bites
            throw new Degraded("expected ai-query to verify " + token.algorithm() + " tokens itself (verify_jwt=false, getClaims "
                    + "in the function), as Supabase advises with JWT signing keys; observed verify_jwt=true in the functions "
                    + "list while the project signs " + token.algorithm() + " tokens: the gateway's check is documented to "
                    + "refuse them with 401 'Invalid JWT' (journey.answer shows whether it does today) — "
                    + supabase.functions().endpoint());
        }
    }
}
