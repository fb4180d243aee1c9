package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;

import java.util.Optional;

/**
 * The one thing the product is for, as its dedicated monitoring user does it each run: sign in afresh, ask a question,
 * see the answer, sign out. In a real browser through the app's own pages ({@link AppJourney}) when one is installed,
 * else through GoTrue's and ai-query's APIs, saying which. Each step is taken once, in order, whichever check asks;
 * no session outlives the run: the last step signs out this session only (scope local), and a run that never got there
 * signs it out when it ends.
 */
public final class SignedInJourney implements AutoCloseable {

    private final Settings settings;
    private final GoTrue goTrue;
    private final EdgeFunctions functions;
    private final FrontEnd site;
    private AppJourney app;
    private String how;
    private String token;
    private JourneyStep signIn;
    private JourneyStep answer;
    private JourneyStep sessionKept;
    private JourneyStep signOut;
    /** How long the sign-in and the answer took, as a user waits for them (the browser's start left out). */
    private java.time.Duration signInTook;
    private java.time.Duration answerTook;

    public SignedInJourney(Settings settings, GoTrue goTrue, EdgeFunctions functions, FrontEnd site) {
        this.settings = settings;
        this.goTrue = goTrue;
        this.functions = functions;
        this.site = site;
    }

    /** Where the journey runs: "in the app's pages, in a real browser", or through the APIs and why. */
    public synchronized String how() {
        signIn();
        return how;
    }

    /** Whether the journey runs in a browser, through the app's pages. */
    public synchronized boolean inBrowser() {
        signIn();
        return how.startsWith("in the app");
    }

    public synchronized JourneyStep signIn() {
        if (signIn != null) {
            return signIn;
        }
        String email = settings.get(Keys.JOURNEY_USER_EMAIL);
        String password = settings.get(Keys.JOURNEY_USER_PASSWORD);
        String endpoint = "POST " + goTrue.url("/token?grant_type=password");
        String noBrowser = null;
        if (!settings.get(Keys.BROWSER_ENABLED)) {
            noBrowser = "the browser is switched off (browser.enabled=false)";
        } else {
            try {
                app = AppJourney.open(site.url(), settings.get(Keys.BROWSER_TIMEOUT), settings.isSet(Keys.TLS_TRUSTSTORE),
                        settings.find(Keys.BROWSER_DRIVER), settings.get(Keys.BROWSER_KEEP), settings.get(Keys.MONITOR_EVIDENCE)).orElse(null);
                noBrowser = app == null ? Browser.NO_DRIVER : null;
            } catch (RuntimeException e) {
                noBrowser = "the browser did not start: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            }
        }
        long start = System.nanoTime();
        if (app != null) {
            how = "in the app's own pages, in a real browser";
            signIn = app.signIn(settings.get(Keys.JOURNEY_SIGN_IN_PATH), email, password, endpoint);
            token = app.accessToken().orElse(null);
        } else {
            how = "through GoTrue's and ai-query's APIs: " + noBrowser;
            GoTrue.Session session = goTrue.signIn();
            token = session.accessToken();
            signIn = session.signedIn()
                    ? JourneyStep.passed("the monitoring user signed in through GoTrue", session.summary()
                    + session.userId().map(id -> " as user " + id).orElse(""), endpoint, null, session.signIn())
                    : JourneyStep.failed("GoTrue to accept the monitoring user's credentials (HTTP 200 with a session)",
                    GoTrue.refusal(session.signIn()), endpoint, null, session.signIn());
        }
        signInTook = java.time.Duration.ofNanos(System.nanoTime() - start);
        if (!signIn.ok() && signIn.observed().contains("invalid_credentials")) {
            // the monitor's credential, or everyone's sign-in: the remedy tells them apart by trying it
            signIn = signIn.observing(signIn.observed() + ": journey.user-email does not sign in with "
                    + "JOURNEY_USER_PASSWORD (a changed password, a removed user, or sign-in broken for everyone)");
        }
        if (signIn.ok() && token == null) {
            signIn = new JourneyStep(false, "a session with an access token", "GoTrue's answer carried no access_token", endpoint,
                    signIn.screenshot(), signIn.calls());
        }
        return signIn;
    }

    /** How long the sign-in took, once it was tried. */
    public synchronized Optional<java.time.Duration> signInTook() {
        return Optional.ofNullable(signInTook);
    }

    /** How long the question took to be answered, once it was asked. */
    public synchronized Optional<java.time.Duration> answerTook() {
        return Optional.ofNullable(answerTook);
    }

    /** The access token the journey's sign-in was issued, read (its header and claims; the token itself stays here). */
    public synchronized Optional<Jwt> issuedToken() {
        return signIn().ok() ? Jwt.parse(token) : Optional.empty();
    }

    /** The question asked and answered; empty when no user is signed in (journey.sign-in says why). */
    public synchronized Optional<JourneyStep> answer() {
        if (answer != null || !signIn().ok()) {
            return Optional.ofNullable(answer);
        }
        String question = settings.get(Keys.JOURNEY_QUESTION);
        String endpoint = functions.url("ai-query");
        Optional<Jwt> jwt = Jwt.parse(token);
        long start = System.nanoTime();
        if (app != null) {
            answer = app.ask(settings.get(Keys.JOURNEY_CHAT_PATH), question, settings.get(Keys.JOURNEY_ANSWER_TIMEOUT), endpoint, jwt);
        } else {
            AiQueryAnswer reply = AiQueryAnswer.of(functions.askAQuestion(token, question));
            answer = reply.answered()
                    ? JourneyStep.passed("ai-query answered the signed-in user's question", reply.describe(jwt), "POST " + endpoint, null,
                    reply.observation())
                    : JourneyStep.failed("ai-query to answer the signed-in user's question with an AI provider's answer",
                    reply.describe(jwt), "POST " + endpoint, null, reply.observation());
        }
        answerTook = java.time.Duration.ofNanos(System.nanoTime() - start);
        return Optional.of(answer);
    }

    /**
     * After the answer, the chat page loaded again in the browser: the user must still be signed in. Empty when no user
     * is signed in, or when the journey runs without a browser (a page load needs the app's pages).
     */
    public synchronized Optional<JourneyStep> sessionKept() {
        if (sessionKept != null || !signIn().ok()) {
            return Optional.ofNullable(sessionKept);
        }
        answer();
        if (app == null) {
            return Optional.empty();
        }
        sessionKept = app.reload(settings.get(Keys.JOURNEY_CHAT_PATH));
        return Optional.of(sessionKept);
    }

    /**
     * Ends the session at GoTrue (scope local: the user's other sessions, another run's included, stay) and proves it
     * ended: the token is refused afterwards. Empty when no user is signed in.
     */
    public synchronized Optional<JourneyStep> signOut() {
        if (signOut != null || !signIn().ok()) {
            return Optional.ofNullable(signOut);
        }
        String endpoint = "POST " + goTrue.url("/logout?scope=local");
        HttpObservation out = goTrue.signOut(token);
        if (!out.answered() || out.status() / 100 != 2) {
            signOut = JourneyStep.failed("GoTrue to end the session (HTTP 204)", GoTrue.refusal(out), endpoint, null, out);
        } else {
            // ended is proven only by the token's refusal (GoTrue: 403 session_not_found), never by the logout's 204 alone
            HttpObservation after = goTrue.user(token);
            boolean refused = after.answered() && (after.status() == 401 || after.status() == 403);
            signOut = refused
                    ? JourneyStep.passed("GoTrue ended the session", "logout HTTP " + out.status() + ", then /auth/v1/user "
                    + GoTrue.refusal(after), endpoint, null, out, after)
                    : JourneyStep.failed("GoTrue to refuse the ended session's token (HTTP 401 or 403)", "after the logout's HTTP "
                    + out.status() + ", /auth/v1/user answered " + GoTrue.refusal(after)
                    + (after.status() == 200 ? ": the session outlives the run" : ""), "GET " + goTrue.url("/user"), null, out, after);
        }
        if (app != null) {
            app.reusable();
            app.close();
            app = null;
        }
        return Optional.of(signOut);
    }

    /** The run ends: a session the journey did not end yet is signed out, the browser closed. */
    @Override
    public synchronized void close() {
        if (token != null && signOut == null) {
            goTrue.signOut(token);
        }
        if (app != null) {
            app.close();
            app = null;
        }
    }
}
