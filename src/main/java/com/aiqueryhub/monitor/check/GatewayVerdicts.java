package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.GatewayRefusal;
import com.aiqueryhub.monitor.probe.HttpObservation;

import java.util.Optional;

/**
 * What an edge function's answer to a call without a valid token says about the door in front of it. Two doors are
 * right: the Supabase gateway's own check (verify_jwt = true; its 401 recognised by meaning, {@link GatewayRefusal}),
 * or the function's own (verify_jwt = false, as Supabase advises once a project signs with JWT signing keys: the
 * function verifies the caller itself and refuses with its own 401 or 403). What matters to users is that no call
 * without a valid user gets in: an answer, data, or a 5xx after the function started work is the fault, whichever door
 * was meant to close.
 */
public final class GatewayVerdicts {

    private static final String FUNCTION_FOUND_NO_USER = "User not authenticated";

    private GatewayVerdicts() {
    }

    /** Refused before any work: the gateway's 401, or the function's own 401 or 403. */
    public static boolean refusedBeforeWork(HttpObservation answer) {
        return answer.answered() && (answer.status() == 401 || answer.status() == 403);
    }

    /**
     * The call was refused before {@code function} did any work, by either door; which door, the functions list
     * ({@code verifyJwt}, empty when it cannot be read) says, and the check's record notes it. A failure names what got
     * in and, from the functions list, which door was open.
     */
    public static void expectRefusedBeforeWork(CheckContext check, HttpObservation answer, String function,
                                               Optional<Boolean> verifyJwt) {
        String wanted = "the call without a valid token refused (401 or 403) before " + function + " does any work";
        check.attach(answer.endpoint(), answer.evidence());
        if (!answer.answered()) {
            throw Verdict.failure(wanted, answer.summary(), answer.endpoint());
        }
        Optional<GatewayRefusal> gateway = GatewayRefusal.of(answer);
        if (refusedBeforeWork(answer)) {
            String door = gateway.isPresent() && !verifyJwt.equals(Optional.of(false))
                    ? gateway.get().describe() + ": the gateway refused it"
                    : "HTTP " + answer.status() + " from " + function + " itself (" + HttpAssert.quote(answer.body()) + ")";
            // in full in the report: which door refused is what a reader of a green run wants to know
            check.passed(wanted + ": " + door + "; " + layer(function, verifyJwt));
            return;
        }
        String open = verifyJwt.equals(Optional.of(true))
                ? "the functions list says verify_jwt=true, yet the call got past the gateway: gateway JWT verification is OFF"
                : verifyJwt.equals(Optional.of(false))
                ? "gateway JWT verification is OFF (verify_jwt=false in the functions list) and " + function
                        + "'s own token check let the call in"
                : "gateway JWT verification is OFF, or " + function + "'s own token check let the call in (the functions "
                        + "list could not be read)";
        String observed;
        if (answer.status() == 500 && answer.body().contains(FUNCTION_FOUND_NO_USER)) {
            observed = "HTTP 500 '" + FUNCTION_FOUND_NO_USER + "' from " + function + ": it ran and started work before it "
                    + "refused; " + open;
        } else if (answer.status() >= 200 && answer.status() < 300) {
            observed = "HTTP " + answer.status() + ": " + function + " ran and answered a call without a valid token; " + open;
        } else {
            observed = answer.summary() + " (not a refusal: " + function + " ran; " + open + ")";
        }
        throw Verdict.failure(wanted, observed, answer.endpoint());
    }

    /** Which door the functions list says is meant to refuse. */
    private static String layer(String function, Optional<Boolean> verifyJwt) {
        return verifyJwt.map(v -> v ? "verify_jwt=true: the gateway checks tokens for " + function
                : "verify_jwt=false: " + function + " verifies tokens itself").orElse("verify_jwt not read");
    }

    /**
     * A gateway 401 in front of a webhook means JWT verification is on for it: Telegram and Slack never send a
     * JWT, so every update they deliver is refused and the bot is down.
     */
    public static void expectLetThrough(CheckContext check, HttpObservation answer, String platform) {
        Optional<GatewayRefusal> refusal = GatewayRefusal.of(answer);
        check.expect(refusal.isEmpty(), "the webhook to reach the function (JWT verification off for it)",
                refusal.map(r -> r.describe() + ": JWT verification is on for the webhook: " + platform
                        + " cannot deliver updates").orElse(answer.summary()), answer.endpoint());
    }
}
