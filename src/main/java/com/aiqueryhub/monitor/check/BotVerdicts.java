package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.HttpObservation;

import java.util.Set;

/** What a bot webhook's own answer means for whether Telegram or Slack can reach the bot. */
public final class BotVerdicts {
    private BotVerdicts() {
    }

    /** A function's own refusal: 401 in the app's functions today, 403 in many webhook handlers (both refuse). */
    private static final Set<Integer> REFUSALS = Set.of(401, 403);

    /**
     * Slack's url_verification answer: 200 with the same challenge echoed, in any of the forms Slack accepts (its
     * "url_verification" docs: plain text, {@code challenge=...} form-encoded, or JSON; the app answers JSON today).
     */
    public static void expectChallengeEchoed(CheckContext check, HttpObservation answer, String challenge) {
        GatewayVerdicts.expectLetThrough(check, answer, "Slack");
        if (answer.answered() && REFUSALS.contains(answer.status())) {
            throw Verdict.failure("HTTP 200 echoing the challenge", "slack-webhook refused our signature (HTTP "
                    + answer.status() + " " + HttpAssert.quote(answer.body()) + "): the function's SLACK_SIGNING_SECRET "
                    + "differs from slack.signing-secret, or the request timestamp was judged stale", answer.endpoint());
        }
        check.that(answer).hasStatus(200);
        String body = answer.body().strip();
        boolean echoed = body.equals(challenge) || body.equals("challenge=" + challenge)
                || answer.jsonObject().map(j -> j.path("challenge").asText("")).filter(challenge::equals).isPresent();
        check.expect(echoed, "the challenge " + challenge + " echoed (as text, challenge=..., or JSON)",
                answer.summary(), answer.endpoint());
    }

    /**
     * Telegram's empty update with the secret header: a 2xx from the function. Telegram's setWebhook docs count any
     * 2XY as delivered and retry everything else; the body is the function's own (the text OK today).
     */
    public static void expectTelegramAccepted(CheckContext check, HttpObservation answer) {
        GatewayVerdicts.expectLetThrough(check, answer, "Telegram");
        if (answer.answered() && REFUSALS.contains(answer.status())) {
            throw Verdict.failure("a 2xx answer to an update carrying the secret header", "telegram-webhook refused our "
                    + "secret (HTTP " + answer.status() + " " + HttpAssert.quote(answer.body()) + "): TELEGRAM_SECRET_TOKEN "
                    + "in the function's secrets differs from telegram.secret-token (and from the secret_token given to "
                    + "setWebhook)", answer.endpoint());
        }
        String wanted = "a 2xx answer to an update carrying the secret header (Telegram retries any other)";
        check.that(answer).answered(wanted);
        check.expect(answer.status() / 100 == 2, wanted, answer.summary(), answer.endpoint());
    }

    /**
     * A call the function itself must refuse (no secret, no or a stale signature): a 401 or 403 from the function, not
     * from the gateway. The function's wording is its own; the refusal is what counts.
     */
    public static void expectRefusedByFunction(CheckContext check, HttpObservation answer, String platform, String missing) {
        GatewayVerdicts.expectLetThrough(check, answer, platform);
        check.that(answer).hasStatusIn(401, 403);
        check.expect(true, "the function to refuse a call " + missing, answer.summary(), answer.endpoint());
    }
}
