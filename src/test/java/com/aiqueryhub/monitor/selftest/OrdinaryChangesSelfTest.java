package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.checks.emergency.EmergencyChecks;
import com.aiqueryhub.monitor.checks.monthly.MonthlyChecks;
import com.aiqueryhub.monitor.checks.smoke.SmokeChecks;
import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A healthy production changes in ordinary ways in a year: a rate limit met once, point-in-time recovery switched on, a
 * cheaper plan's retention, a six-day certificate, incidents people closed, a database restarted on a larger compute
 * size. None of that is an outage: every check of the cadence it touches stays green. The real fault of the same kind
 * is proven red in the cadence's own self-test (rate-limited here, pitr-stale and cert-renewal-stopped in the monthly
 * one, audit-events in the weekly one, cpu-high across a restart in the weekly one).
 */
// started among the first (see pom.xml, surefire's class order): its runs wait seconds on purpose
@org.junit.jupiter.api.Order(3)
class OrdinaryChangesSelfTest {

    /** Fewer samples for the weekly run, as in its own self-test; the latency limits stay the sandbox's roomy ones. */
    private static final Map<String, String> QUICK_WEEKLY = Map.of("performance.samples", "3", "metrics.sample-interval", "300ms");

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("rate-limited-once", DailyChecks.CLASSES, DailyChecksSelfTest.NOT_RUN),
                Arguments.of("pitr-enabled", MonthlyChecks.CLASSES, Set.of("backup.pitr")),
                Arguments.of("plan-pro", MonthlyChecks.CLASSES, Set.of("backup.pitr")),
                // today's backup still being taken: the newest completed one a day and 20 minutes old
                Arguments.of("backup-in-progress", MonthlyChecks.CLASSES, Set.of("backup.pitr")),
                Arguments.of("cert-short-lived", MonthlyChecks.CLASSES, Set.of("backup.pitr")),
                Arguments.of("audit-events-triaged", WeeklyChecks.CLASSES, Set.of()),
                Arguments.of("db-restarted", WeeklyChecks.CLASSES, Set.of()),
                Arguments.of("frontend-redeployed", DailyChecks.CLASSES, DailyChecksSelfTest.NOT_RUN),
                Arguments.of("frontend-build-renamed", DailyChecks.CLASSES, DailyChecksSelfTest.NOT_RUN),
                Arguments.of("headers-modernised", DailyChecks.CLASSES, DailyChecksSelfTest.NOT_RUN),
                // Supabase's shared CORS headers: '*' lets the app's origin read answers sent without credentials
                Arguments.of("cors-wildcard", DailyChecks.CLASSES, DailyChecksSelfTest.NOT_RUN),
                Arguments.of("frontend-retitled", DailyChecks.CLASSES, DailyChecksSelfTest.NOT_RUN),
                Arguments.of("traffic-grown", Stream.of(DailyChecks.CLASSES, WeeklyChecks.CLASSES)
                        .flatMap(java.util.Arrays::stream).distinct().toArray(Class<?>[]::new), DailyChecksSelfTest.NOT_RUN),
                Arguments.of("bots-reworded", Stream.of(DailyChecks.CLASSES, EmergencyChecks.CLASSES, SmokeChecks.CLASSES)
                        .flatMap(java.util.Arrays::stream).distinct().toArray(Class<?>[]::new),
                        DailyChecksSelfTest.NOT_RUN),
                // ai-query verifies tokens itself (verify_jwt off, its own 401): every door check, triage and quick health green
                Arguments.of("functions-own-auth", Stream.of(DailyChecks.CLASSES, EmergencyChecks.CLASSES, SmokeChecks.CLASSES)
                        .flatMap(java.util.Arrays::stream).distinct().toArray(Class<?>[]::new),
                        DailyChecksSelfTest.NOT_RUN),
                // every count in the logs answers quoted: the same counts, the same verdicts
                Arguments.of("logs-quoted-numbers", Stream.of(DailyChecks.CLASSES, WeeklyChecks.CLASSES, EmergencyChecks.CLASSES)
                        .flatMap(java.util.Arrays::stream).distinct().toArray(Class<?>[]::new),
                        DailyChecksSelfTest.NOT_RUN),
                // Supabase's page reports an incident in another region: every cadence green
                Arguments.of("status-incident-other-region", Stream.of(DailyChecks.CLASSES, WeeklyChecks.CLASSES,
                        MonthlyChecks.CLASSES, EmergencyChecks.CLASSES, SmokeChecks.CLASSES).flatMap(java.util.Arrays::stream)
                        .distinct().toArray(Class<?>[]::new), withPitr()),
                Arguments.of("api-fields-added", Stream.of(DailyChecks.CLASSES, WeeklyChecks.CLASSES, MonthlyChecks.CLASSES,
                        EmergencyChecks.CLASSES).flatMap(java.util.Arrays::stream).distinct().toArray(Class<?>[]::new),
                        withPitr()));
    }

    /** The checks the daily run leaves out here, and the monthly's point-in-time recovery (on in pitr-enabled only). */
    private static Set<String> withPitr() {
        Set<String> skipped = new TreeSet<>(DailyChecksSelfTest.NOT_RUN);
        skipped.add("backup.pitr");
        return skipped;
    }

    @ParameterizedTest(name = "{0}: every check of its cadence green")
    @MethodSource("changes")
    void anOrdinaryChangeKeepsEveryCheckGreen(String change, Class<?>[] cadence, Set<String> skippedByDesign) {
        Map<String, String> settings = new HashMap<>(QUICK_WEEKLY);
        settings.put("sandbox.faults", change);

        CheckRun.Result result = CheckRun.run(settings, cadence);

        Set<String> expected = new TreeSet<>(result.byId().keySet());
        expected.removeAll(skippedByDesign);
        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).isEqualTo(expected);
    }

    /** A compute-size change someone started: the project RESIZING while SQL answers is degraded, never red. */
    @Test
    void aProjectResizingWhileTheDatabaseAnswersIsDegradedNotFailed() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "project-resizing"), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("degraded")).containsExactly("database.project-status");
        assertThat(result.get("database.project-status").message()).contains("observed status = RESIZING: a change in progress");

        // the same state while the database refuses connections: red, both
        CheckRun.Result down = CheckRun.run(Map.of("sandbox.faults", "project-resizing,db-down"), DailyChecks.CLASSES);
        assertThat(down.withStatus("failed")).containsExactlyInAnyOrder("database.project-status", "database.sql");

        // the same state while the database refuses the monitor's own login: the monitor's trouble, not the change's
        CheckRun.Result ours = CheckRun.run(Map.of("sandbox.faults", "project-resizing,db-login-rejected"), DailyChecks.CLASSES);
        assertThat(ours.withStatus("failed")).as("outcomes: %s", ours.byId()).isEmpty();
        assertThat(ours.get("database.project-status").status()).isEqualTo("degraded");
    }

    /** The preflight says which door refuses ai-query's callers, and a function verifying tokens itself is no problem. */
    @Test
    void aFunctionThatVerifiesTokensItselfIsNotedAsTheDoorThatRefuses() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "functions-own-auth"),
                com.aiqueryhub.monitor.checks.preflight.PreflightChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.json("preflight.json")).filteredOn(i -> i.path("id").asText().equals("functions.verify-jwt"))
                .singleElement().satisfies(i -> {
                    assertThat(i.path("status").asText()).isEqualTo("ok");
                    assertThat(i.path("message").asText()).startsWith("ai-query verifies tokens itself (verify_jwt=false)");
                });
    }

    /**
     * A database past the plan's included 8 GB on a disk that grew by itself is a bill, not a full disk: with the room
     * read from the deployment (db.quota unset, as in production), every monthly check stays green.
     */
    @Test
    void aDiskThatGrewByItselfIsRoomNotAWall() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "disk-autoscaled"), MonthlyChecks.CLASSES);

        Set<String> expected = new TreeSet<>(result.byId().keySet());
        expected.remove("backup.pitr");
        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).isEqualTo(expected);
    }

    /** Each endpoint answered 429 once: waited as told, then judged; the shared call cache asks each endpoint twice at most. */
    @Test
    @SuppressWarnings("unchecked")
    void aRateLimitMetOnceIsWaitedForOnceAndMarked() {
        CheckRun.Result calmRun = CheckRun.run(Map.of(), DailyChecks.CLASSES);
        int calm = (Integer) ((Map<String, Object>) summary(calmRun).get("calls")).get("managementApi");

        Map<String, Object> summary = summary(CheckRun.run(Map.of("sandbox.faults", "rate-limited-once"), DailyChecks.CLASSES));
        assertThat((Integer) ((Map<String, Object>) summary.get("calls")).get("managementApi"))
                .as("one wait-and-ask-again per endpoint, however many checks judge it").isEqualTo(2 * calm);
        List<Map<String, Object>> checks = (List<Map<String, Object>>) summary.get("checks");
        assertThat(checks).filteredOn(c -> "database.project-status".equals(c.get("id"))).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("passedAfterRetry", true))
                .satisfies(c -> assertThat((List<String>) c.get("retries")).singleElement().asString()
                        .contains("HTTP 429 asking to wait 1 s (X-RateLimit-Reset: 1); waited as told"));
    }

    /** A limit that stays used up leaves the suite blind: one finding naming the fix, never an outage on every check. */
    @Test
    void aPersistentRateLimitIsOneFindingNotAnOutage() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "rate-limited"), DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        Set<String> managementApi = Set.of("database.project-status", "database.services", "overnight-errors.volume");
        assertThat(result.withStatus("not observed")).hasSize(1).isSubsetOf(managementApi);
        String broken = result.withStatus("not observed").iterator().next();
        assertThat(result.get(broken).message()).startsWith("rate limited: GET http://127.0.0.1:")
                .contains("answered HTTP 429 (asked to wait 1 s) again after the wait it asked for",
                        "lower the run frequency or give this runner its own token (SUPABASE_ACCESS_TOKEN)");
        for (String id : managementApi) {
            if (!id.equals(broken)) {
                assertThat(result.get(id).status()).isEqualTo("skipped");
                assertThat(result.get(id).message()).contains("rate limited (reported once, by " + broken + ")");
            }
        }
        assertThat(result.withStatus("passed")).as("the checks that need no Management API are judged as usual")
                .contains("frontend.status", "backend-api.invalid-jwt", "database.sql");
    }

    @Test
    void aWaitLongerThanAllowedIsNotWaitedFor() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "rate-limited", "http.max-retry-after", "0s"),
                DailyChecks.CLASSES);

        String broken = result.withStatus("not observed").iterator().next();
        assertThat(result.get(broken).message()).contains("(asked to wait 1 s, longer than http.max-retry-after 0 s)");
    }

    private static Map<String, Object> summary(CheckRun.Result result) {
        return JsonMaps.parse(result.file("summary.json"));
    }
}
