package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.run.Severity;

import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Daily
@RunbookStep(id = "ai-answer", title = "Backend API Status (opt-in: a real question)", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", severity = Severity.HIGH, components = {"edge function", "api"}, dependsOn = {"supabase", "anthropic", "openrouter"},
        differsFromRunbook = "Off unless probe.ai-query.enabled=true: a real question spends AI tokens, uses one of the "
                + "user's 10 requests a minute and writes history rows, so it runs only with a dedicated test user's token "
                + "(probe.ai-query.user-token). ai-query answers 200 even when every AI provider failed, so the answer "
                + "text is checked against its two fixed apologies.")
class AiAnswerCheck {

    /** ai-query's fixed texts when every provider failed (system contract): a 200 that is an outage. */
    private static final List<String> FALLBACKS = List.of(
            "I'm sorry, I couldn't generate a response to your question.",
            "I'm having trouble generating a response right now.");

    @Check(id = "answers", name = "ai-query answers a real question (opt-in)",
            remedy = "Runbook 'High Response Times' / 'High Error Rates' > AI Provider: check the Anthropic and OpenRouter "
                    + "status pages, the provider API keys and rate limits in the function's secrets.")
    void answersAQuestion(EdgeFunctions functions, Settings settings, CheckContext check) {
        assumeTrue(settings.get(Keys.PROBE_AI_QUERY_ENABLED), "opt-in: probe.ai-query.enabled=false (a real question costs AI "
                + "tokens; enable it with a dedicated test user's token in PROBE_AI_QUERY_USER_TOKEN)");
        HttpObservation answer = functions.askAQuestion();
        check.that(answer).hasStatus(200);
        String text = answer.json().map(j -> j.get("response")).filter(r -> !r.isNull())
                .map(r -> r.isValueNode() ? r.asText() : r.toString()).orElse(null);
        check.expect(text != null && !text.isBlank(), "a JSON 'response' text", answer.summary(), answer.endpoint());
        check.expect(FALLBACKS.stream().noneMatch(text::startsWith), "an answer from an AI provider",
                "ai-query's fallback apology (every provider failed): '" + text + "'", answer.endpoint());
    }
}
