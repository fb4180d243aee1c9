package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.checks.emergency.EmergencyChecks;
import com.aiqueryhub.monitor.checks.monthly.MonthlyChecks;
import com.aiqueryhub.monitor.checks.smoke.SmokeChecks;
import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Safe on production: nothing costs money or acts unless enabled, and a full run stays far under the API's limit. */
class SafetySelfTest {

    private static final Class<?>[] ALL = Stream.of(DailyChecks.CLASSES, WeeklyChecks.CLASSES, MonthlyChecks.CLASSES,
            EmergencyChecks.CLASSES, SmokeChecks.CLASSES).flatMap(Arrays::stream).distinct().toArray(Class<?>[]::new);

    @Test
    @SuppressWarnings("unchecked")
    void aFullRunStaysUnderTheCallBudgetAndNeverHandsAFunctionAValidToken() {
        CheckRun.Result result = CheckRun.run(Map.of("metrics.sample-interval", "200ms", "performance.samples", "2"), ALL);

        Map<String, Object> calls = (Map<String, Object>) JsonMaps.parse(result.file("summary.json")).get("calls");
        int managementApi = (Integer) calls.get("managementApi");
        assertThat(managementApi).as("Management API calls of a full run").isBetween(1, 20);
        // the count the setting's documentation gives is this measured one (docs/settings.md is kept equal by SettingsTest)
        assertThat(Keys.MANAGEMENT_API_MAX_CALLS.doc()).contains("makes " + managementApi + " on the sandbox");
        Map<String, Map<String, Integer>> byEndpoint = (Map<String, Map<String, Integer>>) calls.get("byEndpoint");
        assertThat(byEndpoint.keySet()).noneMatch(e -> e.contains("proactive-checkin") || e.contains("incident-detector"));
        byEndpoint.forEach((endpoint, counts) -> {
            if (endpoint.contains("/functions/v1/") && !endpoint.equals("POST /functions/v1/ai-query")) {
                assertThat(counts.get("withJwtCredential")).as("%s carried a valid JWT", endpoint).isZero();
            }
        });
        // the one call with a user's token: the journey's question (opt-in, on in the sandbox), as its monitoring user
        assertThat(byEndpoint.get("POST /functions/v1/ai-query")).containsEntry("calls", 1).containsEntry("withJwtCredential", 1);
        // that user signed in once for the whole run (the journey and the signing keys share it) and out once, this session only
        assertThat(byEndpoint.get("POST /auth/v1/token")).containsEntry("calls", 1);
        assertThat(byEndpoint.get("POST /auth/v1/logout")).containsEntry("calls", 1);
        assertThat(byEndpoint.keySet()).noneMatch(e -> e.startsWith("GET /functions/v1/") && byEndpoint.get(e).get("withJwtCredential") > 0);
    }

    @Test
    void theRealQuestionProbeIsOffUnlessEnabledAndOffInProduction() {
        assertThat(Settings.load(Map.of("env", "production"), Map.of()).get(Keys.PROBE_AI_QUERY_ENABLED)).isFalse();

        CheckRun.Result off = CheckRun.run(Map.of(), DailyChecks.CLASSES);
        assertThat(off.get("ai-answer.answers").status()).isEqualTo("skipped");
        assertThat(off.get("ai-answer.answers").message()).contains("opt-in");

        CheckRun.Result on = CheckRun.run(Map.of("probe.ai-query.enabled", "true"), DailyChecks.CLASSES);
        assertThat(on.get("ai-answer.answers").status()).isEqualTo("passed");
    }

    @Test
    void aTwoHundredWithTheFallbackApologyIsAnOutage() {
        CheckRun.Result result = CheckRun.run(Map.of("probe.ai-query.enabled", "true", "sandbox.faults", "ai-fallback"),
                DailyChecks.CLASSES);

        // both questions (the API probe's and the journey's, each opt-in) got the apology
        assertThat(result.withStatus("failed")).containsExactly("ai-answer.answers", "journey.answer");
        assertThat(result.get("ai-answer.answers").message()).contains("fallback apology (every provider failed)");
    }

    @Test
    void callsBeyondTheManagementApiBudgetAreNotSent() {
        CheckRun.Result result = CheckRun.run(Map.of("management-api.max-calls", "1"), DailyChecks.CLASSES);

        // one call goes out, to whichever asks first (a check, or the functions list the API checks read for context);
        // every check that needed another says it was not sent
        assertThat(result.summary().path("calls").path("managementApi").asInt()).as("calls sent").isEqualTo(1);
        assertThat(result.withStatus("failed")).hasSizeBetween(2, 3)
                .isSubsetOf("database.project-status", "database.services", "overnight-errors.volume");
        assertThat(result.withStatus("failed").stream().map(id -> result.get(id).message()))
                .allMatch(m -> m.contains("not sent: this run already made management-api.max-calls (1)"));
    }
}
