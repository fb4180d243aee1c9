package com.aiqueryhub.monitor.checks.troubleshooting;

import com.aiqueryhub.monitor.check.BotVerdicts;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Emergency;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.run.Severity;
import org.junit.jupiter.api.Tag;

import java.util.UUID;

@Emergency
@Tag("postdeploy") // also verifies a deploy (DeployVerificationCheck)
@RunbookStep(id = "bots", title = "Telegram/Slack Bot Not Responding", section = "Common Issues and Solutions",
        anchor = "3-telegramslack-bot-not-responding", severity = Severity.HIGH, components = {"edge function"},
        differsFromRunbook = "The runbook posts {\"message\":{\"text\":\"test\"}} to the Telegram webhook: that payload has "
                + "no chat, so the function answers 500 'Internal error' even when healthy, and a payload with a chat would "
                + "make the bot send real messages and call the AI. These checks send Telegram an empty update "
                + "({\"update_id\":0}) with the secret header, and Slack a signed url_verification with a random "
                + "challenge; they also prove that unsigned, secret-less and replayed (stale, correctly signed) calls are refused.",
        needs = {"supabase.url"})
public class BotsCheck {

    private static final String JWT_REMEDY = "If the gateway refused the call (a JSON 401), redeploy the webhook with JWT "
            + "verification off (supabase functions deploy NAME --no-verify-jwt, or verify_jwt = false in config.toml). ";

    @Check(id = "telegram-delivers", name = "Telegram can deliver updates (secret header accepted, 2xx)",
            remedy = JWT_REMEDY + "If the function itself refused (plain 401 'Unauthorized'), the secrets differ: set "
                    + "TELEGRAM_SECRET_TOKEN in the function's secrets to the secret_token given to setWebhook, and "
                    + "telegram.secret-token to the same value.",
            needs = {"telegram.secret-token"})
    void telegramDelivers(EdgeFunctions functions, CheckContext check) {
        BotVerdicts.expectTelegramAccepted(check, functions.telegramProbe());
    }

    @Check(id = "telegram-secret-enforced", name = "Telegram webhook refuses updates without the secret (401 or 403)",
            severity = Severity.CRITICAL,
            remedy = "Anyone can post fake updates to the bot: set TELEGRAM_SECRET_TOKEN in the function's secrets (the "
                    + "function accepts everything while it is unset) and call setWebhook with the same secret_token.",
            needs = {"telegram.secret-token"})
    void telegramSecretEnforced(EdgeFunctions functions, CheckContext check) {
        BotVerdicts.expectRefusedByFunction(check, functions.telegramProbeWithoutSecret(), "Telegram", "without the secret header");
    }

    @Check(id = "slack-delivers", name = "Slack can deliver events (signed challenge echoed)",
            remedy = JWT_REMEDY + "If the function itself refused (401 'Invalid signature'), set SLACK_SIGNING_SECRET in "
                    + "the function's secrets to the Slack app's signing secret, and slack.signing-secret to the same value.",
            needs = {"slack.signing-secret"})
    void slackDelivers(EdgeFunctions functions, CheckContext check) {
        String challenge = UUID.randomUUID().toString();
        BotVerdicts.expectChallengeEchoed(check, functions.slackProbe(challenge), challenge);
    }

    @Check(id = "slack-signature-enforced", name = "Slack webhook refuses unsigned requests (401 or 403)", severity = Severity.CRITICAL,
            remedy = "Anyone can post fake Slack events: restore the signature check in slack-webhook and redeploy it.",
            needs = {"slack.signing-secret"})
    void slackSignatureEnforced(EdgeFunctions functions, CheckContext check) {
        BotVerdicts.expectRefusedByFunction(check, functions.slackProbeUnsigned(UUID.randomUUID().toString()), "Slack",
                "without a signature");
    }

    @Check(id = "slack-replay-refused", name = "Slack webhook refuses a signed request older than five minutes (401 or 403)",
            severity = Severity.CRITICAL,
            remedy = "A captured Slack request can be replayed forever: slack-webhook must refuse requests whose "
                    + "X-Slack-Request-Timestamp is more than 5 minutes from now (Slack's signing guidance); restore "
                    + "that check and redeploy it.",
            needs = {"slack.signing-secret"})
    void slackReplayRefused(EdgeFunctions functions, CheckContext check) {
        BotVerdicts.expectRefusedByFunction(check, functions.slackProbeReplayed(UUID.randomUUID().toString()), "Slack",
                "signed " + EdgeFunctions.SLACK_REPLAY_AGE.toMinutes() + " minutes ago");
    }
}
