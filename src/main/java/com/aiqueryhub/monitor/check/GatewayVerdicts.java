package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.GatewayRefusal;
import com.aiqueryhub.monitor.probe.HttpObservation;

import java.util.Optional;

/**
 * What an edge function's answer says about the Supabase gateway in front of it. Judged on meaning: a refusal
 * is any gateway 401 ({@link GatewayRefusal}), whatever its code and wording this month.
 */
public final class GatewayVerdicts {

    private static final String FUNCTION_FOUND_NO_USER = "User not authenticated";

    private GatewayVerdicts() {
    }

    /**
     * The gateway refused the call before {@code function} ran. Each way the function can answer by itself gets
     * its own diagnosis: all of them mean gateway JWT verification is off for it.
     */
    public static GatewayRefusal expectRefusedByGateway(CheckContext check, HttpObservation answer, String function) {
        String wanted = "the gateway to refuse the call with its 401 before " + function + " runs";
        check.attach(answer.endpoint(), answer.evidence());
        if (!answer.answered()) {
            throw Verdict.failure(wanted, answer.summary(), answer.endpoint());
        }
        Optional<GatewayRefusal> refusal = GatewayRefusal.of(answer);
        if (refusal.isPresent()) {
            check.expect(true, wanted, refusal.get().describe(), answer.endpoint());
            return refusal.get();
        }
        String observed;
        if (answer.status() == 500 && answer.body().contains(FUNCTION_FOUND_NO_USER)) {
            observed = "HTTP 500 '" + FUNCTION_FOUND_NO_USER + "' from " + function + " itself: gateway JWT verification is OFF";
        } else if (answer.status() == 401) {
            observed = "a 401 from " + function + " itself, not the gateway's (" + HttpAssert.quote(answer.body())
                    + "): the call got past the gateway, so its JWT verification is OFF";
        } else if (answer.status() >= 200 && answer.status() < 300) {
            observed = "HTTP " + answer.status() + ": " + function + " ran and answered a call without a valid token: "
                    + "gateway JWT verification is OFF";
        } else {
            observed = answer.summary() + " (not the gateway's 401)";
        }
        throw Verdict.failure(wanted, observed, answer.endpoint());
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
