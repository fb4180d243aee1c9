package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves every daily check: a healthy sandbox turns all of them green, and each fault turns exactly the
 * checks that exist to catch it red, with a message an on-call engineer can act on.
 */
// among the first started (see pom.xml, surefire's class order): its longest runs must not be the build's last
@org.junit.jupiter.api.Order(2)
class DailyChecksSelfTest {

    private static final Set<String> ALL_FRONTEND = Set.of("frontend.status", "frontend.protocol", "frontend.title",
            "frontend.bundle", "frontend.security-headers", "frontend.response-time");

    /**
     * Skipped in these runs: the opt-in AI probe, and what needs the browser (BrowserSelfTest and JourneySelfTest prove
     * them): the render, and the journey's page load.
     */
    static final Set<String> NOT_RUN = Set.of("ai-answer.answers", "frontend.renders", "journey.session-kept");

    /**
     * The one limit the frontend-slow fault proves, small, so the slow page (answered a second after it) costs little;
     * no other daily check judges it, so a busy machine cannot turn a neighbour red with it. Every other limit is the
     * sandbox's own, roomy one (local.properties).
     */
    private static final Map<String, String> SLOW_PAGE_LIMIT = Map.of("threshold.frontend.response-time", "1s");

    /**
     * A hung endpoint: the read timeout it fails within. Long enough for every answering endpoint of the same run to
     * answer on a busy machine, short enough that a hang ends in seconds.
     */
    private static final Map<String, String> HANG = Map.of("http.read-timeout", "8s");
    /**
     * The read timeout under hang-all: every HTTP endpoint hangs there, so no call that should answer can run out of it
     * on a busy machine, and a short one proves the same as a long one.
     */
    private static final Map<String, String> HANG_ALL = Map.of("http.read-timeout", "4s", "sandbox.faults", "hang-all");
    /**
     * The seven checks that call a hung endpoint under hang-all, one after another, could not end before this: 7 x 4 s.
     * Side by side (all at once, as a monitoring run's eight) they take one read timeout: a check that needs two answers
     * asks for both at once (SupabaseTest).
     */
    private static final Duration ONE_AFTER_ANOTHER = Duration.ofSeconds(28);
    /** Without its read timeout a hung call waits for ever; with it the run ends in seconds (18 s idle, two timeouts). */
    private static final Duration MINUTES = Duration.ofSeconds(90);

    @Test
    void healthySandboxTurnsEveryDailyCheckGreen() {
        CheckRun.Result result = CheckRun.run(Map.of(), DailyChecks.CLASSES);

        assertThat(result.byId()).hasSize(20);
        assertThat(result.withStatus("skipped")).as("opt-in, off by default; the browser is BrowserSelfTest's")
                .containsExactlyInAnyOrderElementsOf(NOT_RUN);
        // the journey, on in the sandbox, through the APIs here (the browser's is JourneySelfTest's)
        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).hasSize(17)
                .contains("journey.sign-in", "journey.answer", "journey.sign-out", "auth.signing-keys");
    }

    static Stream<Arguments> faults() {
        return Stream.of(

                Arguments.of("frontend-blank-page", Set.of("frontend.bundle"), "Content-Type 'text/html"),
                Arguments.of("frontend-slow", Set.of("frontend.response-time"), "an answer within 1000 ms; observed HTTP 200 after"),
                Arguments.of("auth-open", Set.of("backend-api.invalid-jwt", "backend-api.missing-jwt"), "gateway JWT verification is OFF"),
                // a function that verifies tokens itself and lets every call in: the door that is open, named
                Arguments.of("functions-own-auth,auth-open", Set.of("backend-api.invalid-jwt", "backend-api.missing-jwt"),
                        "ai-query ran and answered a call without a valid token; gateway JWT verification is OFF "
                                + "(verify_jwt=false in the functions list) and ai-query's own token check let the call in"),
                Arguments.of("cors-broken", Set.of("backend-api.cors"), "Access-Control-Allow-Origin: ''"),
                Arguments.of("project-unhealthy", Set.of("database.project-status"), "status = ACTIVE_UNHEALTHY"),
                Arguments.of("db-down", Set.of("database.sql"), "database unreachable"),
                Arguments.of("error-spike", Set.of("overnight-errors.volume"), "most frequent: 'AI provider request failed"),
                // the same spike, its counts quoted: still a spike
                Arguments.of("error-spike,logs-quoted-numbers", Set.of("overnight-errors.volume"), "most frequent: 'AI provider request failed"),

                Arguments.of("frontend-wrong-site", Set.of("frontend.title"), "observed title 'Welcome to nginx!'"),
                Arguments.of("headers-missing", Set.of("frontend.security-headers"),
                        "observed Content-Security-Policy: (missing), X-Frame-Options: (missing)"),
                Arguments.of("headers-framing-allowed", Set.of("frontend.security-headers"),
                        "observed X-Frame-Options: (missing) and no frame-ancestors refusing it in the policy"),
                Arguments.of("http1-only", Set.of("frontend.protocol"), "observed HTTP/1.1"),
                Arguments.of("service-unhealthy", Set.of("database.services"),
                        "realtime UNHEALTHY (connection to the replication slot timed out)"),
                // 200 and JavaScript, and still a white page
                Arguments.of("frontend-empty-bundle", Set.of("frontend.bundle"), "observed an empty bundle (HTTP 200, application/javascript"),
                Arguments.of("frontend-truncated-bundle", Set.of("frontend.bundle"), "observed 200 bytes"),
                // 40 errors over 20 messages: the ten most frequent add up to 20, under the limit of 25
                Arguments.of("errors-spread", Set.of("overnight-errors.volume"), "observed 40 entries"),
                // a spike on a busy day: the limit grew with the calls, the spike grew more
                Arguments.of("error-spike,traffic-grown", Set.of("overnight-errors.volume"),
                        "expected at most 500 error-level entries in 24 h (the larger of threshold.overnight-errors 25 and 1.0 % "
                                + "of the day's 50000 function calls); observed 2500 entries"));
    }

    @ParameterizedTest(name = "{0} turns only {1} red")
    @MethodSource("faults")
    void eachFaultTurnsOnlyItsChecksRed(String fault, Set<String> expectedRed, String observedText) {
        Map<String, String> settings = fault.equals("frontend-slow") ? SLOW_PAGE_LIMIT : Map.of();
        CheckRun.Result result = CheckRun.run(with(settings, "sandbox.faults", fault), DailyChecks.CLASSES);

        CheckRun.assertOnlyRed(result, expectedRed, NOT_RUN, observedText);
        for (String id : expectedRed) {
            assertThat(result.get(id).message()).as("message of %s names the endpoint", id)
                    .containsPattern("— ((GET|HEAD|OPTIONS) https?://|postgresql://)\\S+")
                    .contains("#morning-health-check-5-minutes");
        }
    }

    /**
     * One cause, one finding: an unreachable front end is frontend.status's failure, in the network's words; every
     * other check of the same page says "reported by frontend.status" and names the cause too.
     */
    static Stream<Arguments> unreachable() {
        return Stream.of(
                Arguments.of("frontend-down", "connection refused"),
                Arguments.of("hang", "timed out: no response within 8 s"),
                Arguments.of("frontend-name-unresolved", "name not resolved: www.aiqueryhub.invalid"));
    }

    @ParameterizedTest(name = "{0}: frontend.status red, the rest reported by it")
    @MethodSource("unreachable")
    void anUnreachableFrontEndIsOneFindingInTheNetworksWords(String fault, String cause) {
        CheckRun.Result result = CheckRun.run(with(HANG, "sandbox.faults", fault), DailyChecks.CLASSES);

        Set<String> others = new java.util.TreeSet<>(ALL_FRONTEND);
        others.remove("frontend.status");
        Set<String> skipped = new java.util.TreeSet<>(NOT_RUN);
        skipped.addAll(others);
        CheckRun.assertOnlyRed(result, Set.of("frontend.status"), skipped, "observed no answer (" + cause + ")");
        for (String id : others) {
            assertThat(result.get(id).status()).as(id).isEqualTo("skipped");
            assertThat(result.get(id).message()).as(id).contains("the front end is unreachable (" + cause, "reported by frontend.status")
                    .doesNotContain("white page");
        }
    }

    /**
     * A front end answering a server error is frontend.status's finding too: the title, the bundle and the headers of an
     * error page point at it instead of turning red each (they did: one 503, six findings).
     */
    @Test
    void aFrontEndAnsweringAServerErrorIsOneFinding() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "frontend-unavailable"), DailyChecks.CLASSES);

        Set<String> others = new java.util.TreeSet<>(ALL_FRONTEND);
        others.remove("frontend.status");
        Set<String> skipped = new java.util.TreeSet<>(NOT_RUN);
        skipped.addAll(others);
        CheckRun.assertOnlyRed(result, Set.of("frontend.status"), skipped, "observed HTTP 503");
        for (String id : others) {
            assertThat(result.get(id).status()).as(id).isEqualTo("skipped");
            assertThat(result.get(id).message()).as(id).contains("the front end answers HTTP 503", "reported by frontend.status");
        }
    }

    /**
     * The owner of a cause that did not look (frontend.status inside a maintenance window) reports nothing: the cause is
     * not lost, the first other check to meet it reports it, once.
     */
    @Test
    void aCauseWhoseOwnerDidNotLookIsReportedByTheFirstToMeetIt() {
        String start = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(5)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "frontend-down", "maintenance.windows",
                start + "/2h=frontend.status"), DailyChecks.CLASSES);

        assertThat(result.get("frontend.status").status()).isEqualTo("skipped");
        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).hasSize(1);
        String reporter = result.withStatus("failed").iterator().next();
        assertThat(result.get(reporter).message()).contains("connection refused");
        ALL_FRONTEND.stream().filter(id -> !id.equals(reporter) && !id.equals("frontend.status"))
                .forEach(id -> assertThat(result.get(id).message()).as(id).contains("reported by " + reporter));
    }

    /** Every recorded wording of the gateway's refusal, old and new, is a refusal: the daily run stays green. */
    static Stream<String> gatewayRefusals() throws Exception {
        Path dir = Path.of(DailyChecksSelfTest.class.getClassLoader().getResource("contracts/ext/gateway").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> "ext/gateway/" + f.getFileName().toString().replace(".http", "")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "gateway answering {0}: every daily check green")
    @MethodSource("gatewayRefusals")
    void everyKnownGatewayRefusalKeepsTheDailyRunGreen(String refusal) {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.gateway-refusal", refusal), DailyChecks.CLASSES);

        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).hasSize(17);
    }

    @Test
    void aLogsQueryTheBackendRefusesIsTheSettingsDefectNotAnOutage() {
        CheckRun.Result result = CheckRun.run(with(Map.of(), "sandbox.faults", "logs-query-refused"), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("not observed")).containsExactly("overnight-errors.volume");
        assertThat(result.get("overnight-errors.volume").message()).contains("not observed: the logs endpoint refused "
                + "the query in logs.error-count-query", "'Table not found: function_logs' (INVALID_ARGUMENT)")
                .as("quoted as the backend said it, never as a Java map").doesNotContain("{code=");
    }

    @Test
    void aRejectedManagementTokenIsOneFindingNamingTheSetting() {
        CheckRun.Result result = CheckRun.run(with(Map.of(), "sandbox.faults", "token-rejected"), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        Set<String> managementApi = Set.of("database.project-status", "database.services", "overnight-errors.volume");
        // the monitor's own credential: not observed, once, never production's failure
        assertThat(result.withStatus("not observed")).hasSize(1).isSubsetOf(managementApi);
        assertThat(result.withStatus("broken")).isEmpty();
        String broken = result.withStatus("not observed").iterator().next();
        assertThat(result.get(broken).message()).contains("the credential in supabase.access-token was refused (HTTP 401",
                "set SUPABASE_ACCESS_TOKEN");
        // the verdict of the checks that were judged, then what was not observed and why: never a bare HEALTHY
        assertThat(result.summary().path("verdictLine").asText()).startsWith("HEALTHY: ")
                .contains("1 not observed: the monitor's setting supabase.access-token");
        assertThat(result.summary().path("checks").findValuesAsText("status")).doesNotContain("failed");
        for (String id : managementApi) {
            if (!id.equals(broken)) {
                assertThat(result.get(id).status()).isEqualTo("skipped");
                assertThat(result.get(id).message()).contains("reported once, by " + broken);
            }
        }
    }

    @Test
    void aRejectedDatabaseLoginIsAMisconfigurationNotAnOutage() {
        CheckRun.Result result = CheckRun.run(with(Map.of(), "sandbox.faults", "db-login-rejected"), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("not observed")).containsExactly("database.sql");
        assertThat(result.get("database.sql").message()).contains("login rejected", "set DB_PASSWORD (db.password)");
    }

    @Test
    void aHungFrontEndFailsWithinItsTimeoutNotAfterMinutes() {
        CheckRun.Result result = CheckRun.run(with(HANG, "sandbox.faults", "hang"), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).containsExactly("frontend.status");
        // the probe's own read timeout ended the call: without it the call would wait for ever
        assertThat(result.get("frontend.status").message()).contains("timed out: no response within 8 s");
        assertThat(result.took()).isLessThan(MINUTES);
    }

    @Test
    void fourHungEndpointsTimeOutInParallelNotOneAfterAnother() {
        CheckRun.Result result = CheckRun.runAllAtOnce(HANG_ALL, DailyChecks.CLASSES);

        Set<String> red = new java.util.TreeSet<>(result.byId().keySet());
        red.removeAll(Set.of("database.sql", "ai-answer.answers", "frontend.renders"));
        // no signed-in user: journey.sign-in reports the hung sign-in, the steps after it and the signing keys point there
        red.removeAll(Set.of("journey.answer", "journey.session-kept", "journey.sign-out", "auth.signing-keys"));
        red.removeAll(ALL_FRONTEND);
        red.add("frontend.status"); // the other front-end checks are reported by it
        assertThat(result.withStatus("failed")).isEqualTo(red);
        assertThat(result.get("database.project-status").message()).contains("timed out: no response within 4 s");
        // front end, functions, Management API and status pages all hang at once: one read timeout each, side by side.
        // One after another they could not end before 28 s, however fast the machine
        assertThat(result.took()).isLessThan(ONE_AFTER_ANOTHER);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
