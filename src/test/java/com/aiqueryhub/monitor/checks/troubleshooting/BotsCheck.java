package com.aiqueryhub.monitor.checks.troubleshooting;

import com.aiqueryhub.monitor.check.BotVerdicts;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.Emergency;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.probe.AiQueryHub;
import com.aiqueryhub.monitor.probe.HttpObservation;

import java.util.UUID;

import static com.aiqueryhub.monitor.check.HttpAssert.assertThat;

@Emergency
@RunbookStep(id = "bots", title = "Telegram/Slack Bot Not Responding", section = "Common Issues and Solutions",
        anchor = "3-telegramslack-bot-not-responding", severity = Severity.HIGH,
        differsFromRunbook = "The runbook posts {\"message\":{\"text\":\"test\"}} to the Telegram webhook: that payload has "
                + "no chat, so the function answers 500 'Internal error' even when healthy, and a payload with a chat would "
                + "make the bot send real messages and call the AI. These checks send Telegram an empty update "
                + "({\"update_id\":0}) with the secret header, and Slack a signed url_verification with a random "
                + "challenge; they also prove that unsigned or secret-less calls are refused.")
public class BotsCheck {

    private static final String JWT_REMEDY = "Redeploy the webhook with JWT verification off "
            + "(supabase functions deploy NAME --no-verify-jwt, or verify_jwt = false in config.toml); ";

    @Check(id = "telegram-delivers", name = "Telegram can deliver updates (secret header accepted, 200 OK)",
            remedy = JWT_REMEDY + "if the secret is refused, compare TELEGRAM_WEBHOOK_SECRET in the function's secrets with "
                    + "the secret_token given to setWebhook.")
    void telegramDelivers() {
        HttpObservation answer = AiQueryHub.telegramProbe();
        BotVerdicts.expectGatewayLetsWebhooksThrough(answer, "Telegram");
        assertThat(answer).hasStatus(200).bodyContains("body", "OK");
    }

    @Check(id = "telegram-secret-enforced", name = "Telegram webhook refuses updates without the secret (401)",
            severity = Severity.CRITICAL,
            remedy = "Anyone can post fake updates to the bot: set TELEGRAM_WEBHOOK_SECRET in the function's secrets and "
                    + "call setWebhook with the same secret_token, then redeploy telegram-webhook.")
    void telegramSecretEnforced() {
        HttpObservation answer = AiQueryHub.telegramProbeWithoutSecret();
        BotVerdicts.expectGatewayLetsWebhooksThrough(answer, "Telegram");
        assertThat(answer).hasStatus(401).bodyContains("body", "Unauthorized");
    }

    @Check(id = "slack-delivers", name = "Slack can deliver events (signed challenge echoed)",
            remedy = JWT_REMEDY + "if the signature is refused, compare SLACK_SIGNING_SECRET in the function's secrets with "
                    + "the app's signing secret.")
    void slackDelivers() {
        String challenge = UUID.randomUUID().toString();
        HttpObservation answer = AiQueryHub.slackProbe(challenge);
        BotVerdicts.expectGatewayLetsWebhooksThrough(answer, "Slack");
        BotVerdicts.expectChallengeEchoed(answer, challenge);
    }

    @Check(id = "slack-signature-enforced", name = "Slack webhook refuses unsigned requests (401)", severity = Severity.CRITICAL,
            remedy = "Anyone can post fake Slack events: restore the signature check in slack-webhook and redeploy it.")
    void slackSignatureEnforced() {
        HttpObservation answer = AiQueryHub.slackProbeUnsigned(UUID.randomUUID().toString());
        BotVerdicts.expectGatewayLetsWebhooksThrough(answer, "Slack");
        assertThat(answer).hasStatus(401).bodyContains("body", "Invalid signature");
    }
}
