package com.aiqueryhub.monitor.preflight;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.GoTrue;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.Jwt;
import com.aiqueryhub.monitor.run.PreflightItem;
import com.aiqueryhub.monitor.run.RunContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the signed-in journey fits the deployment: the monitoring user signs in (once, signed out when the run ends),
 * its id is the one the data-loss check leaves out, and the project's tokens are of a kind ai-query's deployment accepts
 * (verify_jwt with JWT signing keys is said before it bites).
 */
final class PreflightJourney {

    private final RunContext run;
    private final Settings s;

    PreflightJourney(RunContext run) {
        this.run = run;
        this.s = run.settings();
    }

    List<PreflightItem> items() {
        List<PreflightItem> items = new ArrayList<>();
        if (!s.get(Keys.JOURNEY_ENABLED)) {
            items.add(PreflightItem.ok("journey.user", "the signed-in journey is off (journey.enabled=false); README 'The "
                    + "signed-in journey' says how to set it up"));
            return items;
        }
        if (!s.isSet(Keys.JOURNEY_USER_EMAIL) || !s.isSet(Keys.JOURNEY_USER_PASSWORD)) {
            items.add(PreflightItem.problem("journey.user", "journey.enabled=true without the monitoring user: set "
                    + "journey.user-email and JOURNEY_USER_PASSWORD", s.isSet(Keys.JOURNEY_USER_EMAIL)
                    ? Keys.JOURNEY_USER_PASSWORD.key() : Keys.JOURNEY_USER_EMAIL.key()));
            return items;
        }
        GoTrue.Session session = run.goTrue().runSession();
        if (!session.signedIn()) {
            HttpObservation answer = session.signIn();
            items.add(PreflightItem.problem("journey.user", "GoTrue did not sign " + s.get(Keys.JOURNEY_USER_EMAIL) + " in: "
                    + GoTrue.refusal(answer),
                    Keys.JOURNEY_USER_PASSWORD.key()));
            return items;
        }
        Optional<String> id = session.userId();
        Optional<String> set = s.find(Keys.JOURNEY_USER_ID);
        if (id.isPresent() && !set.map(v -> v.equalsIgnoreCase(id.get())).orElse(false)) {
            items.add(PreflightItem.problem("journey.user", "the monitoring user signs in as " + id.get() + ", and journey.user-id "
                    + set.map(v -> "names " + v).orElse("is not set") + ": the data-loss check would count the rows its journey "
                    + "writes as the users'", Keys.JOURNEY_USER_ID.key()).suggesting(id.get()));
        } else {
            items.add(PreflightItem.ok("journey.user", "the monitoring user signs in" + id.map(i -> " as " + i).orElse("")
                    + "; the data-loss check leaves its rows out"));
        }
        items.add(signingKeys(session.token(), run.supabase().verifyJwt("ai-query")));
        return items;
    }

    /** The project's tokens against ai-query's door: verify_jwt works with the legacy secret only. */
    private static PreflightItem signingKeys(Optional<Jwt> token, Optional<Boolean> verifyJwt) {
        String alg = token.map(Jwt::algorithm).orElse("unknown");
        boolean asymmetric = token.map(Jwt::asymmetric).orElse(false);
        if (verifyJwt.isEmpty()) {
            return PreflightItem.ok("journey.signing-keys", "the project signs " + alg + " tokens (ai-query's verify_jwt not "
                    + "read: no access token)");
        }
        if (!verifyJwt.get()) {
            return PreflightItem.ok("journey.signing-keys", "the project signs " + alg + " tokens; ai-query verifies them itself "
                    + "(verify_jwt=false)");
        }
        return asymmetric
                ? PreflightItem.unknown("journey.signing-keys", "ai-query is deployed with verify_jwt=true while the project signs "
                + alg + " tokens with its JWT signing keys: Supabase deprecates the gateway's check with them and documents it "
                + "refusing their tokens (401 'Invalid JWT'); the journey shows whether it does today. Turn verify_jwt off for "
                + "ai-query and verify the token in the function (getClaims)", null)
                : PreflightItem.ok("journey.signing-keys", "the project signs " + alg + " tokens with its legacy JWT secret and "
                + "the gateway checks ai-query's (verify_jwt=true): before moving to JWT signing keys, turn verify_jwt off and "
                + "verify the token in the function (getClaims), or the gateway refuses every signed-in user");
    }
}
