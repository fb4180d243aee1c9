package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.AppJourney;
import com.aiqueryhub.monitor.probe.BrowserProbe;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.probe.GoTrue;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.JourneyStep;
import com.aiqueryhub.monitor.probe.SignedInJourney;
import com.aiqueryhub.monitor.run.Findings;
import org.opentest4j.TestAbortedException;

/** How the signed-in journey's checks judge a step: its screenshot, where it ran, and the standard finding. */
public final class Journeys {

    private static final String RENDERS = "frontend.renders";
    private static final String CORS = "backend-api.cors";

    private Journeys() {
    }

    /** The journey spends AI tokens and writes the monitoring user's rows: it runs only when asked to. */
    public static void optIn(Settings settings) {
        if (!settings.get(Keys.JOURNEY_ENABLED)) {
            throw new TestAbortedException("opt-in: journey.enabled=false (the journey signs a dedicated monitoring user in, "
                    + "asks a question that costs AI tokens and writes that user's history; README 'The signed-in journey')");
        }
    }

    /**
     * The step as a finding. A step the browser could not take because of a cause another check owns is not a second
     * finding: a front end that is down (frontend.status), an app that does not start (frontend.renders), a CORS preflight
     * that refuses the app's origin (backend-api.cors) are theirs when the run selected them, whichever ran first.
     */
    public static void judge(CheckContext check, JourneyStep step, SignedInJourney journey, FrontEnd site, EdgeFunctions functions) {
        String how = journey.how();
        if (!step.ok() && journey.inBrowser()) {
            Reachability.expectFrontEndReached(check, site.homePage());
            Findings findings = check.run().findings();
            if (findings.planned(RENDERS)) {
                BrowserProbe.Rendering page = site.rendering();
                if (page.loaded() && page.reached() && (page.rootChildren() <= 0 || !page.errors().isEmpty())) {
                    throw new TestAbortedException("the app does not start cleanly in the browser (" + RENDERS + " reports it: "
                            + (page.errors().isEmpty() ? "a blank page" : page.errors().get(0)) + "); the journey stopped at: "
                            + step.observed());
                }
            }
            if (step.observed().startsWith(AppJourney.UNREADABLE) && findings.planned(CORS)) {
                // the browser may not read ai-query's answer: its preflight refusing the app's origin is backend-api.cors'
                // finding, judged as that check judges it (the same shared call)
                HttpObservation preflight = functions.aiQueryPreflight(site.origin());
                boolean allowed = preflight.answered() && (preflight.status() == 200 || preflight.status() == 204)
                        && preflight.header("Access-Control-Allow-Origin").filter(o -> HttpAssert.allowsOrigin(o, site.origin())).isPresent();
                if (!allowed) {
                    throw new TestAbortedException("ai-query's CORS preflight does not allow the app's origin (" + CORS
                            + " reports it); the journey stopped at: " + step.observed());
                }
            }
        }
        check.passed("the journey ran " + how);
        step.calls().forEach(check::that); // each call's evidence, masked
        if (!step.ok() && step.calls().stream().anyMatch(c -> c.answered() && c.status() == 429)) {
            // GoTrue's or ai-query's rate limit on the monitoring user itself: the monitor's own doing, not an outage
            throw check.rateLimited(Keys.JOURNEY_USER_EMAIL.key(), step.observed() + " — " + step.endpoint() + ": the monitoring "
                    + "user asked too often (Supabase Auth's sign-in limits, ai-query's ten questions a minute); run the "
                    + "journey less often");
        }
        if (!step.ok() && step.calls().stream().anyMatch(GoTrue::refusedCredentials)) {
            // GoTrue answered and refused the monitoring user's password: the monitor's credential, its owner's to fix
            throw check.misconfigured(Keys.JOURNEY_USER_PASSWORD.key(), step.observed() + " — " + step.endpoint()
                    + ": set JOURNEY_USER_PASSWORD to the current password of journey.user-email (rotated, or the user removed? "
                    + "sign in to the app yourself to tell them apart)");
        }
        if (step.screenshot() != null) {
            check.attachImage(step.ok() ? "screenshot" : "screenshot: what the user saw", BrowserProbe.compressed(step.screenshot()));
        }
        check.expect(step.ok(), step.expected(), step.observed(), step.endpoint());
    }

    /** A later step without a signed-in user: the sign-in's finding, not a second one. */
    public static TestAbortedException notSignedIn(SignedInJourney journey) {
        return new TestAbortedException("no signed-in user: journey.sign-in did not sign in (" + journey.signIn().observed() + ")");
    }

    /**
     * Throws: the API checks' session (the real question, the signing keys) was refused, one finding. With the journey on,
     * journey.sign-in reports it; else the first of them to meet it, the others pointing there.
     */
    public static void signInRefused(CheckContext check, Settings settings, GoTrue.Session session) {
        HttpObservation answer = session.signIn();
        String why = GoTrue.refusal(answer);
        if (settings.get(Keys.JOURNEY_ENABLED)) {
            throw new TestAbortedException("no signed-in user: GoTrue refused the monitoring user (" + why
                    + "); journey.sign-in reports it");
        }
        if (GoTrue.refusedCredentials(answer)) {
            throw check.misconfigured(Keys.JOURNEY_USER_PASSWORD.key(), why + " — " + answer.endpoint()
                    + ": set JOURNEY_USER_PASSWORD to the current password of journey.user-email");
        }
        String first = check.run().findings().claim("journey user refused", check.info().id());
        if (first.equals(check.info().id())) {
            throw Verdict.failure("GoTrue to sign the monitoring user in (journey.user-email, JOURNEY_USER_PASSWORD)", why,
                    answer.endpoint());
        }
        throw new TestAbortedException("no signed-in user (reported once, by " + first + "): " + why);
    }
}
