package com.aiqueryhub.monitor.checks.smoke;

import com.aiqueryhub.monitor.check.BotVerdicts;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.Smoke;
import com.aiqueryhub.monitor.probe.AiQueryHub;
import com.aiqueryhub.monitor.probe.HttpObservation;

import java.util.UUID;

import static com.aiqueryhub.monitor.check.HttpAssert.assertThat;

@Smoke
@RunbookStep(id = "quick-health", title = "Quick Health Script", section = "Monitoring Commands",
        anchor = "quick-health-script", severity = Severity.CRITICAL,
        differsFromRunbook = "The runbook's script calls curl -s and counts any answer, even a 500, as UP. Each check here "
                + "expects the answer the healthy system gives: the page, the gateway's 401, Telegram's 200 OK to an empty "
                + "update, Slack's echoed challenge. No probe makes a bot act.")
class QuickHealthCheck {

    @Check(id = "frontend", dependsOn = "netlify", name = "Front end: UP (HTTP 200)",
            remedy = "Run the daily front-end checks for detail; check the last Netlify deploy and www.netlifystatus.com.")
    void frontend() {
        assertThat(AiQueryHub.homePage()).hasStatus(200);
    }

    @Check(id = "backend-api", name = "Back-end API: UP (gateway answers 401 Invalid JWT)",
            remedy = "Check status.supabase.com and the ai-query function's logs; redeploy it if it is missing.")
    void backendApi() {
        assertThat(AiQueryHub.aiQueryWithInvalidJwt()).hasStatus(401).hasJsonValue("message", "Invalid JWT");
    }

    @Check(id = "telegram", name = "Telegram webhook: UP (200 OK to an empty update)",
            remedy = "Runbook 'Telegram/Slack Bot Not Responding': run -Dgroups=emergency for the bot diagnosis.")
    void telegram() {
        HttpObservation answer = AiQueryHub.telegramProbe();
        BotVerdicts.expectGatewayLetsWebhooksThrough(answer, "Telegram");
        assertThat(answer).hasStatus(200).bodyContains("body", "OK");
    }

    @Check(id = "slack", name = "Slack webhook: UP (signed challenge echoed)",
            remedy = "Runbook 'Telegram/Slack Bot Not Responding': run -Dgroups=emergency for the bot diagnosis.")
    void slack() {
        String challenge = UUID.randomUUID().toString();
        HttpObservation answer = AiQueryHub.slackProbe(challenge);
        BotVerdicts.expectGatewayLetsWebhooksThrough(answer, "Slack");
        BotVerdicts.expectChallengeEchoed(answer, challenge);
    }
}
