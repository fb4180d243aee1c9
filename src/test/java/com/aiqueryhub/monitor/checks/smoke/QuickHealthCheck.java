package com.aiqueryhub.monitor.checks.smoke;

import com.aiqueryhub.monitor.check.BotVerdicts;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.LayerVerdicts;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Smoke;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.run.Severity;
import org.junit.jupiter.api.Tag;

import java.util.UUID;

@Smoke
@Tag("postdeploy") // also verifies a deploy (DeployVerificationCheck)
@RunbookStep(id = "quick-health", title = "Quick Health Script", section = "Monitoring Commands",
        anchor = "quick-health-script", severity = Severity.CRITICAL, components = {"edge function", "api gateway"},
        differsFromRunbook = "The runbook's script calls curl -s and counts any answer, even a 500, as UP. Each check here "
                + "expects the answer the healthy system gives: the page, a 401 or 403 to an invalid token (the gateway's or the function's own, recognised by meaning, not bytes), Telegram's 2xx to an empty "
                + "update, Slack's echoed challenge. No probe makes a bot act.")
class QuickHealthCheck {

    @Check(id = "frontend", dependsOn = "netlify", components = {"edge", "cdn"}, name = "Front end: UP (HTTP 200)",
            remedy = "Run the daily front-end checks for detail; check the last Netlify deploy and www.netlifystatus.com.",
            needs = {"frontend.url"})
    void frontend(FrontEnd site, CheckContext check) {
        LayerVerdicts.expectFrontEndUp(check, site);
    }

    // no functions list here: a check run every few minutes spends no Management API call on which door refused
    @Check(id = "backend-api", name = "Back-end API: UP (an invalid token refused with a 401 or 403)",
            remedy = "Check status.supabase.com and the ai-query function's logs; redeploy it if it is missing. If it "
                    + "answered the invalid token, run the daily checks: backend-api.invalid-jwt says which door is open.",
            needs = {"supabase.url"})
    void backendApi(EdgeFunctions functions, CheckContext check) {
        LayerVerdicts.expectFunctionsUp(check, functions, java.util.Optional::empty);
    }

    @Check(id = "telegram", name = "Telegram webhook: UP (a 2xx to an empty update)",
            remedy = "Runbook 'Telegram/Slack Bot Not Responding': run -Dgroups=emergency for the bot diagnosis.",
            needs = {"supabase.url", "telegram.secret-token"})
    void telegram(EdgeFunctions functions, CheckContext check) {
        BotVerdicts.expectTelegramAccepted(check, functions.telegramProbe());
    }

    @Check(id = "slack", name = "Slack webhook: UP (signed challenge echoed)",
            remedy = "Runbook 'Telegram/Slack Bot Not Responding': run -Dgroups=emergency for the bot diagnosis.",
            needs = {"supabase.url", "slack.signing-secret"})
    void slack(EdgeFunctions functions, CheckContext check) {
        String challenge = UUID.randomUUID().toString();
        BotVerdicts.expectChallengeEchoed(check, functions.slackProbe(challenge), challenge);
    }
}
