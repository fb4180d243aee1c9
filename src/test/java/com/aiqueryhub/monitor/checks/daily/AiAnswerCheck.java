package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.Journeys;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.AiQueryAnswer;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.GoTrue;
import com.aiqueryhub.monitor.run.Severity;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Daily
@RunbookStep(id = "ai-answer", title = "Backend API Status (opt-in: a real question)", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", severity = Severity.HIGH, components = {"edge function", "api"}, dependsOn = {"supabase", "anthropic", "openrouter"},
        differsFromRunbook = "Off unless probe.ai-query.enabled=true: a real question spends AI tokens, uses one of the "
                + "user's 10 requests a minute and writes history rows, so it asks as the dedicated monitoring user, signed "
                + "in afresh for the run (journey.user-email, JOURNEY_USER_PASSWORD) and out at its end; no browser needed. "
                + "ai-query answers 200 even when every AI provider failed, so the answer text is checked against its fixed "
                + "apologies.")
class AiAnswerCheck {

    @Check(id = "answers", name = "ai-query answers a real question (opt-in)",
            remedy = "Runbook 'High Response Times' / 'High Error Rates' > AI Provider: check the Anthropic and OpenRouter "
                    + "status pages, the provider API keys and rate limits in the function's secrets. A gateway 401 'Invalid "
                    + "JWT' to the user's own token: turn verify_jwt off for ai-query and verify the token in the function "
                    + "(getClaims).")
    void answersAQuestion(EdgeFunctions functions, GoTrue auth, Settings settings, CheckContext check) {
        assumeTrue(settings.get(Keys.PROBE_AI_QUERY_ENABLED), "opt-in: probe.ai-query.enabled=false (a real question costs AI "
                + "tokens; it asks as the dedicated monitoring user: journey.user-email and JOURNEY_USER_PASSWORD)");
        GoTrue.Session session = auth.runSession();
        if (!session.signedIn()) {
            Journeys.signInRefused(check, settings, session);
            return;
        }
        AiQueryAnswer answer = AiQueryAnswer.of(functions.askAQuestion(session.accessToken(), settings.get(Keys.PROBE_AI_QUERY_QUESTION)));
        if (!answer.observation().answered()) {
            check.that(answer.observation()).hasStatus(200); // no answer at all: said in the network's words
        }
        check.expect(answer.answered(), "HTTP 200 with a JSON 'response' from an AI provider (not ai-query's fallback apology)",
                answer.describe(session.token()), answer.observation().endpoint());
    }
}
