package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.Journeys;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.probe.JourneyStep;
import com.aiqueryhub.monitor.probe.SignedInJourney;
import com.aiqueryhub.monitor.run.Severity;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.opentest4j.TestAbortedException;

@Daily
@RunbookStep(id = "journey", title = "A signed-in user's journey (opt-in)", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", severity = Severity.CRITICAL, components = {"auth", "edge function"},
        dependsOn = {"supabase", "netlify", "anthropic", "openrouter"},
        differsFromRunbook = "What the runbook's outside checks cannot see: a dedicated monitoring user signs in afresh "
                + "through the app's own form (through GoTrue when no browser is installed), asks journey.question in the "
                + "app's chat, sees the answer, loads the chat page again still signed in, and signs this session out. Off unless journey.enabled=true: a question "
                + "spends AI tokens and writes the monitoring user's own rows.")
// the steps of one journey, in a user's order
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// the class beside the others (a class of its own thread's would wait for the other such class), its checks one after
// another on the class's thread, in their order
@Execution(ExecutionMode.CONCURRENT)
// first among the classes (junit-platform.properties): a browser's journey is among the run's longest
@org.junit.jupiter.api.Order(1)
class SignedInJourneyCheck {

    @Execution(ExecutionMode.SAME_THREAD)
    @Check(id = "sign-in", name = "The monitoring user signs in",
            remedy = "Sign in to the app yourself. If nobody can, Supabase Auth or the app's sign-in page is down: check "
                    + "status.supabase.com, Authentication > Logs, and the last front-end deploy (roll it back if the form "
                    + "broke). If only the monitoring user cannot, its password was changed or the user removed: set "
                    + "JOURNEY_USER_PASSWORD to its current password (README, 'The signed-in journey').")
    @Order(1)
    void signsIn(SignedInJourney journey, FrontEnd site, EdgeFunctions functions, Settings settings, CheckContext check) {
        Journeys.optIn(settings);
        JourneyStep step = journey.signIn();
        // the sign-in form must be usable within browser.timeout: the chart's limit
        journey.signInTook().filter(t -> step.ok()).ifPresent(t -> check.figure("sign-in-ms", t.toMillis(), "ms",
                (double) settings.get(Keys.BROWSER_TIMEOUT).toMillis(), null));
        Journeys.judge(check, step, journey, site, functions);
    }

    @Execution(ExecutionMode.SAME_THREAD)
    @Check(id = "answer", name = "The chat answers the signed-in user's question", severity = Severity.HIGH,
            remedy = "Read the message. The gateway refused the user's token with 401 'Invalid JWT': the project signs with "
                    + "JWT signing keys while ai-query keeps verify_jwt on; turn verify_jwt off for ai-query "
                    + "(supabase/config.toml [functions.ai-query] verify_jwt = false, redeploy it) and verify the token in the "
                    + "function (supabase.auth.getClaims). ai-query answered its fixed apology: runbook 'High Error Rates' > "
                    + "AI Provider (status pages, API keys, rate limits). ai-query answered and the chat showed nothing: the "
                    + "front end's chat is broken; roll back the last Netlify deploy (the screenshot shows what users saw).")
    @Order(2)
    void answers(SignedInJourney journey, FrontEnd site, EdgeFunctions functions, Settings settings, CheckContext check) {
        Journeys.optIn(settings);
        JourneyStep step = journey.answer().orElseThrow(() -> Journeys.notSignedIn(journey));
        journey.answerTook().filter(t -> step.ok()).ifPresent(t -> check.figure("answer-ms", t.toMillis(), "ms",
                (double) settings.get(Keys.JOURNEY_ANSWER_TIMEOUT).toMillis(), null));
        Journeys.judge(check, step, journey, site, functions);
    }

    @Execution(ExecutionMode.SAME_THREAD)
    @Check(id = "session-kept", name = "A signed-in user stays signed in when the chat page loads again", severity = Severity.MEDIUM,
            remedy = "A defect of the app for its developers, not an outage: users who reload a page, open a bookmark or a "
                    + "link in a new tab are signed out and must sign in again; signing in and chatting still work. The "
                    + "message names the app's function that cleared its storage, and any uncaught error. Known case "
                    + "(4abbf11): ProtectedRoute in src/App.tsx calls React.useEffect after its early returns, React throws "
                    + "error #310 on the render after loading, and ErrorBoundary's handleChunkLoadError takes it for a chunk "
                    + "error and runs localStorage.clear(); move the hook above the early returns. Open an issue for the "
                    + "app with the message; roll back only if it came with the last deploy.")
    @Order(3)
    void keepsTheSession(SignedInJourney journey, FrontEnd site, EdgeFunctions functions, Settings settings, CheckContext check) {
        Journeys.optIn(settings);
        if (journey.signIn().ok() && !journey.inBrowser()) {
            throw new TestAbortedException("a page load needs the app's pages in a browser; the journey ran " + journey.how());
        }
        Journeys.judge(check, journey.sessionKept().orElseThrow(() -> Journeys.notSignedIn(journey)), journey, site, functions);
    }

    @Execution(ExecutionMode.SAME_THREAD)
    @Check(id = "sign-out", name = "The session ends when the user signs out", severity = Severity.MEDIUM,
            remedy = "GoTrue did not end the monitoring user's session: check status.supabase.com and Authentication > "
                    + "Logs. Sessions left open pile up under the monitoring user (Authentication > Users).")
    @Order(4)
    void signsOut(SignedInJourney journey, FrontEnd site, EdgeFunctions functions, Settings settings, CheckContext check) {
        Journeys.optIn(settings);
        Journeys.judge(check, journey.signOut().orElseThrow(() -> Journeys.notSignedIn(journey)), journey, site, functions);
    }
}
