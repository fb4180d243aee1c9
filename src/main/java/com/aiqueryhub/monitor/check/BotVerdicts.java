package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.HttpObservation;

/** What a bot webhook's answer means for whether Telegram or Slack can reach the bot. */
public final class BotVerdicts {
    private BotVerdicts() {
    }

    /**
     * A gateway 401 "Missing authorization header" means JWT verification is on for the webhook: Telegram and
     * Slack never send a JWT, so every update they deliver is refused and the bot is down.
     */
    public static void expectGatewayLetsWebhooksThrough(HttpObservation answer, String platform) {
        boolean refused = answer.answered() && answer.status() == 401 && answer.body().contains("Missing authorization header");
        Verdict.expect(!refused, "the webhook to reach the function (JWT verification off for it)",
                "gateway 401 'Missing authorization header': JWT verification is on for the webhook: " + platform
                        + " cannot deliver updates", answer.endpoint());
    }

    /** Slack's url_verification answer: 200 with the same challenge echoed. */
    public static void expectChallengeEchoed(HttpObservation answer, String challenge) {
        HttpAssert.assertThat(answer).hasStatus(200).hasJsonValue("challenge", challenge);
    }
}
