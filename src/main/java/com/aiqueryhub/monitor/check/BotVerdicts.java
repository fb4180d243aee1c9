package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.HttpObservation;

/** What a bot webhook's own answer means for whether Telegram or Slack can reach the bot. */
public final class BotVerdicts {
    private BotVerdicts() {
    }

    /** Slack's url_verification answer: 200 with the same challenge echoed. */
    public static void expectChallengeEchoed(CheckContext check, HttpObservation answer, String challenge) {
        GatewayVerdicts.expectLetThrough(check, answer, "Slack");
        if (answer.answered() && answer.status() == 401) {
            throw Verdict.failure("HTTP 200 echoing the challenge", "slack-webhook refused our signature ("
                    + HttpAssert.quote(answer.body()) + "): the function's SLACK_SIGNING_SECRET differs from "
                    + "slack.signing-secret, or the request timestamp was judged stale", answer.endpoint());
        }
        check.that(answer).hasStatus(200).hasJsonValue("challenge", challenge);
    }

    /** Telegram's empty update with the secret header: 200 from the function. */
    public static void expectTelegramAccepted(CheckContext check, HttpObservation answer) {
        GatewayVerdicts.expectLetThrough(check, answer, "Telegram");
        if (answer.answered() && answer.status() == 401) {
            throw Verdict.failure("HTTP 200 'OK' to an update carrying the secret header", "telegram-webhook refused our "
                    + "secret (" + HttpAssert.quote(answer.body()) + "): TELEGRAM_SECRET_TOKEN in the function's secrets "
                    + "differs from telegram.secret-token (and from the secret_token given to setWebhook)", answer.endpoint());
        }
        check.that(answer).hasStatus(200).bodyContains("body", "OK");
    }

    /**
     * A call the function itself must refuse (no secret, no or a stale signature): a 401 from the function, not
     * from the gateway. The function's wording is its own; the status is what counts.
     */
    public static void expectRefusedByFunction(CheckContext check, HttpObservation answer, String platform, String missing) {
        GatewayVerdicts.expectLetThrough(check, answer, platform);
        check.that(answer).hasStatus(401);
        check.expect(true, "the function to refuse a call " + missing, answer.summary(), answer.endpoint());
    }
}
