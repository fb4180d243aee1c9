package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.probe.Browser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signed-in journey against the sandbox's GoTrue (ES256 tokens, a JWKS, sessions), its app's sign-in form and chat,
 * and ai-query: green when healthy, in the browser and through the APIs; red through journey.* or auth.* for each way
 * it breaks, and only there.
 */
// among the first started (see pom.xml, surefire's class order): its browser runs must not be the build's last
@org.junit.jupiter.api.Order(2)
class JourneySelfTest {

    private static final Set<String> JOURNEY = Set.of("journey.sign-in", "journey.answer", "journey.sign-out");
    /** The journey in a browser: its steps with the page load between the answer and the sign-out. */
    private static final Set<String> WITH_RELOAD = Set.of("journey.sign-in", "journey.answer", "journey.session-kept",
            "journey.sign-out");
    /** The browser's limits of a healthy journey: far above the seconds it needs on a busy machine. */
    private static final Map<String, String> BROWSER = Map.of("browser.enabled", "true", "browser.timeout", "30s");

    @Test
    void theHealthyJourneyPassesThroughTheApisWithoutABrowser() {
        CheckRun.Result result = CheckRun.run(Map.of("probe.ai-query.enabled", "true"), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("passed")).containsAll(JOURNEY).contains("auth.signing-keys", "ai-answer.answers");
    }

    @Test
    void theHealthyJourneyPassesInTheAppsOwnPages() {
        assumeBrowser();
        CheckRun.Result result = CheckRun.runOnly(BROWSER, Set.of("journey.sign-in", "journey.answer", "journey.session-kept",
                "journey.sign-out", "auth.signing-keys"), DailyChecks.CLASSES);

        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).containsAll(JOURNEY)
                .contains("journey.session-kept", "auth.signing-keys");
    }

    /**
     * The app as released signs a user out on a page load of a signed-in page (its ErrorBoundary clears localStorage):
     * the journey's own page load alone is red, naming the app's function that did it; signing in and asking still work.
     */
    @Test
    void theAppAsReleasedSigningUsersOutOnAPageLoadIsTheSessionChecksFindingAlone() {
        assumeBrowser();
        Map<String, String> settings = new HashMap<>(BROWSER);
        settings.put("sandbox.faults", "app-as-released");
        CheckRun.Result result = CheckRun.runOnly(settings, WITH_RELOAD, DailyChecks.CLASSES);

        CheckRun.assertOnlyRed(result, Set.of("journey.session-kept"), Set.of(), "signed the user out");
        assertThat(result.get("journey.session-kept").message()).contains("a page load of /conversations signed the user out: "
                + "the app sent the user to /auth; the app's handleChunkLoadError (assets/index-", "called localStorage.clear() on "
                + "/conversations", "severity: Medium", "A defect of the app");
        assertThat(result.get("journey.answer").status()).isEqualTo("passed");
    }

    /**
     * A release that lands a signed-in user on the dashboard: the journey reaches the chat through the app's own link, as
     * a user does. Proven with the app as released too: had the journey loaded the chat's URL instead, that page load
     * would have signed the user out before the question.
     */
    @Test
    void theJourneyFollowsTheAppsOwnLinkToTheChat() {
        assumeBrowser();
        Map<String, String> settings = new HashMap<>(BROWSER);
        settings.put("sandbox.faults", "frontend-signs-in-to-dashboard");
        CheckRun.Result result = CheckRun.runOnly(settings, WITH_RELOAD, DailyChecks.CLASSES);
        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).isEqualTo(WITH_RELOAD);

        settings.put("sandbox.faults", "frontend-signs-in-to-dashboard,app-as-released");
        CheckRun.Result released = CheckRun.runOnly(settings, WITH_RELOAD, DailyChecks.CLASSES);
        CheckRun.assertOnlyRed(released, Set.of("journey.session-kept"), Set.of(), "handleChunkLoadError");
    }

    /** ai-query's preflight and answers allowing any origin ('*'): the browser reads them, the journey and the CORS check agree. */
    @Test
    void anApiThatAllowsEveryOriginIsReadByTheApp() {
        assumeBrowser();
        Map<String, String> settings = new HashMap<>(BROWSER);
        settings.put("sandbox.faults", "cors-wildcard");
        Set<String> checks = new java.util.TreeSet<>(JOURNEY);
        checks.add("backend-api.cors");
        CheckRun.Result result = CheckRun.runOnly(settings, checks, DailyChecks.CLASSES);

        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).isEqualTo(checks);
    }

    /**
     * The front end down with the journey on: frontend.status reports it, whichever check met it first; the journey's
     * checks point at it.
     */
    @Test
    void aFrontEndThatIsDownIsTheStatusChecksFindingNotTheJourneys() {
        assumeBrowser();
        Map<String, String> settings = new HashMap<>(BROWSER);
        settings.put("sandbox.faults", "frontend-down");
        CheckRun.Result result = CheckRun.run(settings, DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).containsExactly("frontend.status");
        assertThat(result.get("journey.sign-in").status()).isEqualTo("skipped");
        assertThat(result.get("journey.sign-in").message()).contains("the front end is unreachable (connection refused",
                "reported by frontend.status");
        assertThat(result.get("frontend.renders").message()).contains("reported by frontend.status");
    }

    @Test
    void aProjectOnSigningKeysWhoseFunctionVerifiesTokensItselfStaysGreen() {
        // Supabase's advice with JWT signing keys (ordinary): ES256 tokens whose kid the JWKS publishes, verify_jwt off
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "functions-own-auth", "probe.ai-query.enabled", "true"),
                DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("degraded")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("passed")).containsAll(JOURNEY).contains("auth.signing-keys", "ai-answer.answers");
    }

    /**
     * GoTrue answering normally and refusing the monitoring user's password (rotated, the user removed) is the monitor's
     * credential: not observed, once, naming JOURNEY_USER_PASSWORD; nothing red, nothing paged.
     */
    @Test
    void aRefusedPasswordIsTheMonitorsCredentialNotAnOutage() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "journey-sign-in-refused", "probe.ai-query.enabled", "true"),
                DailyChecks.CLASSES);

        CheckRun.assertOnlyNotObserved(result, Set.of("journey.sign-in"), "JOURNEY_USER_PASSWORD");
        assertThat(result.get("journey.sign-in").message()).contains("HTTP 400 invalid_credentials: 'Invalid login credentials'",
                "journey.user-email");
        assertThat(result.get("journey.answer").message()).startsWith("skipped: no signed-in user: journey.sign-in did not sign in");
        assertThat(result.get("ai-answer.answers").message()).contains("journey.sign-in reports it");
        assertThat(result.summary().path("verdictLine").asText()).contains("1 not observed: the monitor's setting journey.user-password");
        assertThat(result.file("metrics.prom")).doesNotContain("synthetic_monitor_check_success{check=\"journey.sign-in\"");
    }

    /** With the journey off, the real question's own sign-in meets the same refusal: the same one finding. */
    @Test
    void aRefusedPasswordWithTheJourneyOffIsOneFindingToo() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "journey-sign-in-refused", "probe.ai-query.enabled", "true",
                "journey.enabled", "false"), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("not observed")).hasSize(1).isSubsetOf(Set.of("ai-answer.answers", "auth.signing-keys"));
    }

    @Test
    void aSessionTheSignOutDidNotEndIsRedOnTheSignOut() {
        CheckRun.Result result = CheckRun.runOnly(Map.of("sandbox.faults", "journey-session-kept"), JOURNEY, DailyChecks.CLASSES);

        CheckRun.assertOnlyRed(result, Set.of("journey.sign-out"), Set.of(), "/auth/v1/user answered HTTP 200");
        assertThat(result.get("journey.sign-out").message()).contains("the session outlives the run");
    }

    @Test
    void aRateLimitOnTheMonitoringUsersSignInIsTheMonitorsOwnNotAnOutage() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "journey-rate-limited"), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("not observed")).containsExactly("journey.sign-in");
        assertThat(result.get("journey.sign-in").message()).startsWith("rate limited: HTTP 429 over_request_rate_limit")
                .contains("run the journey less often");
        assertThat(result.get("journey.answer").status()).isEqualTo("skipped");
    }

    @Test
    void anAnswerTheChatNeverShowsIsRedInTheBrowser() {
        assumeBrowser();
        Map<String, String> settings = new HashMap<>(BROWSER);
        settings.put("sandbox.faults", "journey-answer-not-rendered");
        // the answer never shows: any limit proves it, and the check waits all of it once ai-query answered (which the
        // same limit bounds: far above a loopback answer on a busy machine)
        settings.put("journey.answer-timeout", "5s");
        CheckRun.Result result = CheckRun.runOnly(settings, JOURNEY, DailyChecks.CLASSES);

        CheckRun.assertOnlyRed(result, Set.of("journey.answer"), Set.of(), "the chat did not show it within 5 s");
        assertThat(result.get("journey.answer").message()).contains("a spinner still turning", "ai-query answered HTTP 200");
    }

    @Test
    void aPreflightThatRefusesTheAppsOriginIsTheCorsChecksFinding() {
        assumeBrowser();
        Map<String, String> settings = new HashMap<>(BROWSER);
        settings.put("sandbox.faults", "cors-broken");
        CheckRun.Result result = CheckRun.runOnly(settings, Set.of("journey.sign-in", "journey.answer", "journey.sign-out",
                "backend-api.cors"), DailyChecks.CLASSES);

        CheckRun.assertOnlyRed(result, Set.of("backend-api.cors"), Set.of("journey.answer"), "Access-Control-Allow-Origin");
        assertThat(result.get("journey.answer").message()).contains("backend-api.cors reports it", "may read");
    }

    @Test
    void aTokenWhoseKeyTheJwksLostIsRedOnTheSigningKeys() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "jwks-key-missing"), DailyChecks.CLASSES);

        CheckRun.assertOnlyRed(result, Set.of("auth.signing-keys"), Set.of("ai-answer.answers", "frontend.renders", "journey.session-kept"),
                "the JWKS publishes ");
        assertThat(result.get("auth.signing-keys").message()).contains("that signs the project's ES256 tokens in its JWKS",
                "/auth/v1/.well-known/jwks.json");
    }

    @Test
    void theGatewayRefusingTheUsersEs256TokenIsRedOnTheAnswer() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "signing-keys-verify-jwt-on", "probe.ai-query.enabled", "true"),
                DailyChecks.CLASSES);

        CheckRun.assertOnlyRed(result, Set.of("journey.answer", "ai-answer.answers"), Set.of("frontend.renders", "auth.signing-keys",
                "journey.session-kept"),
                "verify_jwt is on for ai-query while the project signs with JWT signing keys");
        // the signing keys themselves are fine; the deployment that refuses their tokens is named there too
        assertThat(result.get("auth.signing-keys").status()).isEqualTo("degraded");
        assertThat(result.get("auth.signing-keys").message()).contains("verify_jwt=true in the functions list while the project "
                + "signs ES256 tokens");
        assertThat(result.get("journey.answer").message()).contains("gateway 401 (code UNAUTHORIZED_ASYMMETRIC_JWT: 'Invalid JWT')",
                "valid ES256 token").contains("turn verify_jwt off for ai-query", "getClaims");
    }

    @Test
    void theGatewayRefusalIsRedOnTheAnswerInTheBrowserToo() {
        assumeBrowser();
        Map<String, String> settings = new HashMap<>(BROWSER);
        settings.put("sandbox.faults", "signing-keys-verify-jwt-on");
        CheckRun.Result result = CheckRun.runOnly(settings, JOURNEY, DailyChecks.CLASSES);

        CheckRun.assertOnlyRed(result, Set.of("journey.answer"), Set.of(), "UNAUTHORIZED_ASYMMETRIC_JWT");
    }

    @Test
    void twoRunsATokenLifetimeApartAreBothGreen() {
        // the second run is an hour and a minute later on the sandbox's clock: a token kept from the first would be
        // expired there (the project's key and sessions outlive runs, as a real project's do)
        Map<String, String> first = Map.of("sandbox.token-lifetime", "60m");
        Map<String, String> later = Map.of("sandbox.token-lifetime", "60m", "sandbox.clock-offset", "61m");

        CheckRun.Result before = CheckRun.runOnly(first, Set.of("journey.sign-in", "journey.answer", "journey.sign-out",
                "auth.signing-keys"), DailyChecks.CLASSES);
        CheckRun.Result after = CheckRun.runOnly(later, Set.of("journey.sign-in", "journey.answer", "journey.sign-out",
                "auth.signing-keys"), DailyChecks.CLASSES);

        assertThat(before.withStatus("passed")).as("outcomes: %s", before.byId()).containsAll(JOURNEY).contains("auth.signing-keys");
        assertThat(after.withStatus("passed")).as("outcomes: %s", after.byId()).containsAll(JOURNEY).contains("auth.signing-keys");
    }

    @Test
    void theJourneysOwnRowsNeitherHideStaleDataNorCountAsTheUsers() {
        // the users wrote nothing for three days; the monitoring user's journey wrote today (seed.sql)
        Set<String> freshness = Set.of("data-loss.freshness", "data-loss.row-counts");
        CheckRun.Result result = CheckRun.runOnly(Map.of("sandbox.faults", "stale-data"), freshness,
                com.aiqueryhub.monitor.checks.emergency.EmergencyChecks.CLASSES);
        assertThat(result.get("data-loss.freshness").status()).as("outcomes: %s", result.byId()).isEqualTo("failed");

        // the same rows counted as a user's (journey.user-id naming another user) would hide it
        CheckRun.Result counted = CheckRun.runOnly(Map.of("sandbox.faults", "stale-data", "journey.user-id",
                "00000000-0000-4000-8000-000000000000"), freshness, com.aiqueryhub.monitor.checks.emergency.EmergencyChecks.CLASSES);
        assertThat(counted.get("data-loss.freshness").status()).as("outcomes: %s", counted.byId()).isEqualTo("passed");
    }

    @Test
    void theStoredTokenSettingIsRetiredWithOneLineNamingTheNewOnes() {
        CheckRun.Result result = CheckRun.run(Map.of("probe.ai-query.user-token", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"),
                DailyChecks.CLASSES);

        String verdict = String.valueOf(JsonMaps.parse(result.file("summary.json")).get("verdictLine"));
        assertThat(verdict).startsWith("MISCONFIGURED: setting probe.ai-query.user-token (PROBE_AI_QUERY_USER_TOKEN) is retired")
                .contains("journey.user-email", "JOURNEY_USER_PASSWORD").doesNotContain("eyJhbGci");
    }

    static void assumeBrowser() {
        Assumptions.assumeTrue(Browser.driver(java.util.Optional.empty()).isPresent(),
                "no chromedriver on the PATH: install chromium and chromium-driver to run the browser self-tests");
    }
}
