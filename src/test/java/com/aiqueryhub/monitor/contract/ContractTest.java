package com.aiqueryhub.monitor.contract;

import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.probe.BackupRetention;
import com.aiqueryhub.monitor.probe.GatewayRefusal;
import com.aiqueryhub.monitor.probe.HttpCall;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.HttpProbe;
import com.aiqueryhub.monitor.probe.LogsAnswer;
import com.aiqueryhub.monitor.probe.Prometheus;
import com.aiqueryhub.monitor.probe.ProviderSpend;
import com.aiqueryhub.monitor.probe.RecoveryPoints;
import com.aiqueryhub.monitor.probe.SessionPooler;
import com.aiqueryhub.monitor.probe.StatusPages;
import com.aiqueryhub.monitor.sandbox.Contract;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static com.aiqueryhub.monitor.probe.StatusPages.Condition.INCIDENT;
import static com.aiqueryhub.monitor.probe.StatusPages.Condition.MAINTENANCE;
import static com.aiqueryhub.monitor.probe.StatusPages.Condition.OPERATIONAL;
import static com.aiqueryhub.monitor.probe.StatusPages.Condition.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real shapes of every interface the suite reads (the classpath's contracts/, kept in src/sandbox/resources/contracts,
 * each file naming its source), parsed by the same readers the checks use. A reader that misjudges a real answer fails here, before it can
 * page anyone about a healthy production.
 */
class ContractTest {

    static Stream<String> everyFixture() {
        return Contract.names().stream();
    }

    @ParameterizedTest(name = "{0} names its source and parses")
    @MethodSource("everyFixture")
    void everyFixtureNamesItsSourceAndParses(String name) {
        Contract c = Contract.load(name);

        assertThat(c.provenance()).anyMatch(p -> p.startsWith("source: ") && p.length() > 20);
        assertThat(c.status()).isBetween(100, 599);
        if (c.headers().getOrDefault("Content-Type", "").contains("json")) {
            assertThat(Json.parse(c.body())).as("%s is JSON", name).isPresent();
        }
    }

    static Stream<String> gatewayRefusals() {
        return everyFixture().filter(n -> n.startsWith("ext/gateway/"));
    }

    @ParameterizedTest(name = "{0} is a gateway refusal")
    @MethodSource("gatewayRefusals")
    void everyKnownGatewayWordingIsARefusal(String name) {
        assertThat(GatewayRefusal.of(observe(name))).isPresent();
    }

    @ParameterizedTest(name = "{0} is the function answering itself")
    @ValueSource(strings = {"app/ai-query/user-not-authenticated", "app/ai-query/missing-authorization",
            "app/telegram-webhook/unauthorized", "app/slack-webhook/invalid-signature", "app/telegram-webhook/ok",
            "ext/telegram/accepted-json", "ext/telegram/refused-403", "ext/slack/refused-403", "ext/slack/challenge-plain",
            "ext/management-api/unauthorized"})
    void theFunctionsOwnAnswersAreNotTheGateways(String name) {
        assertThat(GatewayRefusal.of(observe(name))).isEmpty();
    }

    /** A regional incident concerns a project only in its own region, and only for a service it uses. */
    @Test
    void aRegionalIncidentConcernsOnlyItsRegion() {
        StatusPages.Reading elsewhere = StatusPages.interpret("supabase", "statuspage",
                observe(Contract.load("ext/statuspage/summary-incident-regional").with("{region}", "eu-central-1")));
        assertThat(elsewhere.components()).containsExactly("Edge Functions / AWS eu-central-1");
        java.util.List<String> used = java.util.List.of("Edge Functions", "Database");
        assertThat(elsewhere.concerns(used, java.util.Optional.of("ap-southeast-2"))).isFalse();
        assertThat(elsewhere.concerns(used, java.util.Optional.of("eu-central-1"))).isTrue();
        assertThat(elsewhere.concerns(java.util.List.of("Storage"), java.util.Optional.of("eu-central-1")))
                .as("a service the project does not use").isFalse();
        assertThat(elsewhere.concerns(used, java.util.Optional.empty())).as("the region unknown: it may be ours").isTrue();
        assertThat(StatusPages.interpret("supabase", "statuspage", observe("ext/statuspage/summary-incident"))
                .concerns(java.util.List.of("Storage"), java.util.Optional.of("eu-central-1")))
                .as("an incident whose components name no service of ours").isFalse();
    }

    /** A logs backend that quotes its 64-bit counts: read as the number it holds. */
    @Test
    void aQuotedCountIsACount() {
        assertThat(com.aiqueryhub.monitor.json.JsonNumbers.whole(json("ext/management-api/logs-quoted-numbers")
                .path("result").path(0).path("total"))).hasValue(3);
    }

    /** A function that verifies tokens itself refuses in its own words: a refusal before work, not a gateway's. */
    @Test
    void aFunctionsOwnRefusalIsARefusalBeforeWork() {
        assertThat(com.aiqueryhub.monitor.check.GatewayVerdicts.refusedBeforeWork(observe("app/ai-query/own-auth-unauthorized"))).isTrue();
        assertThat(GatewayRefusal.of(observe("app/ai-query/own-auth-unauthorized"))).isEmpty();
        assertThat(com.aiqueryhub.monitor.check.GatewayVerdicts.refusedBeforeWork(observe("app/ai-query/own-auth-invalid-jwt"))).isTrue();
        assertThat(com.aiqueryhub.monitor.check.GatewayVerdicts.refusedBeforeWork(observe("app/ai-query/user-not-authenticated")))
                .as("a 500 after the function started work").isFalse();
    }

    @Test
    void statusPagesAreJudgedByMeaning() {
        assertThat(status("summary-none", "statuspage")).isEqualTo(OPERATIONAL);
        assertThat(status("status-none", "statuspage")).isEqualTo(OPERATIONAL);
        assertThat(status("summary-incident", "statuspage")).isEqualTo(INCIDENT);
        assertThat(status("summary-maintenance", "statuspage")).isEqualTo(MAINTENANCE);
        assertThat(status("status-maintenance", "statuspage")).isEqualTo(MAINTENANCE);
        // a maintenance in progress while the indicator still says none
        assertThat(status("summary-maintenance-indicator-none", "statuspage")).isEqualTo(MAINTENANCE);
        assertThat(status("not-statuspage", "statuspage")).isEqualTo(UNKNOWN);
        // OpenRouter's Datadog page: one resolved incident, every component operational
        assertThat(status("datadog-config", "datadog")).isEqualTo(OPERATIONAL);
        assertThat(status("not-statuspage", "datadog")).isEqualTo(UNKNOWN);
        assertThat(StatusPages.interpret("supabase", "statuspage", observe("ext/statuspage/summary-incident")).text())
                .isEqualTo("incident at Supabase (major): Unplanned Database Outage (API, Management Portal)");
    }

    @Test
    void aMaintenanceNamesTheComponentsItTouches() {
        StatusPages.Reading reading = StatusPages.interpret("supabase", "statuspage",
                observe("ext/statuspage/summary-maintenance-components"));
        assertThat(reading.condition()).isEqualTo(MAINTENANCE);
        assertThat(reading.components()).containsExactly("Database");
        assertThat(reading.names(List.of("database"))).isTrue();
        assertThat(reading.names(List.of("edge function"))).isFalse();
        // the Atlassian example: no components on the maintenance itself, its API component under_maintenance
        assertThat(StatusPages.interpret("x", "statuspage", observe("ext/statuspage/summary-maintenance")).components())
                .containsExactly("API");
    }

    @Test
    void recoveryIsReadFromDailyBackupsOrFromTheWalWindow() {
        RecoveryPoints daily = RecoveryPoints.of(observe("ext/management-api/backups")).orElseThrow();
        assertThat(daily.pitr()).isFalse();
        assertThat(daily.newest()).contains(Instant.parse("2026-09-30T03:12:41Z"));
        assertThat(daily.oldest()).contains(Instant.parse("2026-09-29T03:12:39Z"));

        RecoveryPoints pitr = RecoveryPoints.of(observe("ext/management-api/backups-pitr")).orElseThrow();
        assertThat(pitr.pitr()).isTrue();
        assertThat(pitr.newest()).contains(Instant.ofEpochSecond(1764719880L));
        assertThat(pitr.oldest()).contains(Instant.ofEpochSecond(1764115200L));
    }

    @Test
    void theEntitlementsNameThePlansBackupRetention() {
        assertThat(BackupRetention.fromEntitlements(observe("ext/management-api/entitlements"))).contains(Duration.ofDays(7));
        assertThat(BackupRetention.fromEntitlements(observe("ext/management-api/unauthorized"))).isEmpty();
    }

    @Test
    void aRateLimitAnswerSaysLaterAndHowLong() {
        HttpObservation limited = observe("ext/management-api/rate-limited");
        assertThat(HttpProbe.laterAnswer(limited)).isTrue();
        assertThat(HttpProbe.requestedWait(limited)).contains(Duration.ofSeconds(1));
        assertThat(HttpProbe.laterAnswer(observe("ext/management-api/project"))).isFalse();
    }

    @Test
    void aRefusedLogsQueryIsQuotedInTheBackendsWords() {
        JsonNode error = json("ext/management-api/logs-error").get("error");
        assertThat(LogsAnswer.asTheSourceSaidIt(error)).isEqualTo("'Unrecognized name: evnt_message at [1:8]' (INVALID_ARGUMENT)");
    }

    @Test
    void aDatadogPageWithAnOpenIncidentIsAnIncident() {
        Contract page = Contract.load("ext/statuspage/datadog-config").with("\"resolved\":true", "\"resolved\":false");
        StatusPages.Reading reading = StatusPages.interpret("openrouter", "datadog", observe(page));
        assertThat(reading.condition()).isEqualTo(INCIDENT);
        assertThat(reading.text()).contains("Degraded video generation API");
    }

    @Test
    void metricsApiTextGivesCpuAndMemory() {
        List<Prometheus.Sample> samples = Prometheus.parse(Contract.load("ext/metrics/metrics").body());
        double idle = Prometheus.sum(samples, "node_cpu_seconds_total", Map.of("mode", "idle"));
        double all = Prometheus.sum(samples, "node_cpu_seconds_total", Map.of());
        assertThat(idle / all).isBetween(0.9, 1.0);
        assertThat(Prometheus.sum(samples, "node_memory_MemTotal_bytes", Map.of())).isEqualTo(1.02301952e9);
        assertThat(Prometheus.sum(samples, "node_memory_MemAvailable_bytes", Map.of())).isEqualTo(5.23698176e8);
    }

    @Test
    void managementApiAnswersHoldWhatTheChecksRead() {
        assertThat(json("ext/management-api/project").path("status").asText()).isEqualTo("ACTIVE_HEALTHY");
        assertThat(each(json("ext/management-api/health")).map(h -> h.path("status").asText()))
                .contains("ACTIVE_HEALTHY", "UNHEALTHY");
        JsonNode pitr = json("ext/management-api/backups").path("pitr_enabled");
        assertThat(pitr.isBoolean() && !pitr.booleanValue()).as("pitr_enabled is false: %s", pitr).isTrue();
        assertThat(each(json("ext/management-api/backups").get("backups")).map(b -> b.path("inserted_at").asText()))
                .isNotEmpty().allSatisfy(t -> assertThat(Instant.parse(t)).isBefore(Instant.now()));
        assertThat(each(json("ext/management-api/functions")).map(f -> f.get("verify_jwt")).filter(JsonNode::isBoolean)
                .map(JsonNode::booleanValue)).contains(true, false);
        assertThat(json("ext/management-api/pooler").path(0).path("db_host").asText()).endsWith(".pooler.supabase.com");
        // logs: rows, an empty answer, a query the backend refuses (an object), its own trouble (a string)
        assertThat(json("ext/management-api/logs").get("result")).hasSize(2);
        JsonNode noError = json("ext/management-api/logs-empty").path("error");
        assertThat(noError.isNull() || noError.isMissingNode()).as("error is null: %s", noError).isTrue();
        assertThat(json("ext/management-api/logs-error").path("error").isObject()).isTrue();
        assertThat(json("ext/management-api/logs-error-backend").path("error").asText()).containsIgnoringCase("retry");
    }

    @Test
    void thePoolerConfigNamesTheSessionPoolerACiRunnerCanReach() {
        SessionPooler pooler = SessionPooler.of(observe("ext/management-api/pooler")).orElseThrow();
        // the answer lists the transaction mode (6543); the session mode listens on 5432 of the same host
        assertThat(pooler.jdbcUrl()).isEqualTo("jdbc:postgresql://aws-0-us-east-1.pooler.supabase.com:5432/postgres?sslmode=require");
        assertThat(SessionPooler.user("synthetic_monitor", "abcdefghijklmnopqrst")).isEqualTo("synthetic_monitor.abcdefghijklmnopqrst");
        assertThat(SessionPooler.of(observe("ext/management-api/unauthorized"))).isEmpty();
    }

    @Test
    void providerBillingAnswersGiveSpendInDollars() {
        ProviderSpend.Spend openRouter = ProviderSpend.openRouter(observe("ext/openrouter/key"));
        assertThat(openRouter.read()).isTrue();
        assertThat(openRouter.todayUsd()).isEqualTo(25.5);
        assertThat(openRouter.monthUsd()).isEqualTo(25.5);

        // "123.78912" in cents: $1.24, in the bucket of 2025-08-01
        ProviderSpend.Spend anthropic = ProviderSpend.anthropic(observe("ext/anthropic/cost-report-last-page"),
                Instant.parse("2025-08-01T12:00:00Z"));
        assertThat(anthropic.monthUsd()).isGreaterThan(0).isLessThan(100);

        long start = json("ext/openai/costs").path("data").path(0).path("start_time").asLong();
        ProviderSpend.Spend openAi = ProviderSpend.openAi(observe("ext/openai/costs"), Instant.ofEpochSecond(start + 3600));
        assertThat(openAi.read()).isTrue();
        assertThat(openAi.todayUsd()).isEqualTo(openAi.monthUsd()).isGreaterThan(0);
    }

    @Test
    void anthropicAmountsAreCents() {
        Contract page = Contract.load("ext/anthropic/cost-report-last-page");
        double cents = each(json(page.name()).get("data")).flatMap(day -> each(day.get("results")))
                .mapToDouble(r -> Double.parseDouble(r.get("amount").textValue())).sum();
        ProviderSpend.Spend spend = ProviderSpend.anthropic(observe(page), Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(spend.monthUsd()).isCloseTo(cents / 100, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void webhookAnswersAreTheFunctionsOwn() {
        assertThat(observe("app/telegram-webhook/ok").body()).isEqualTo("OK");
        assertThat(json("app/slack-webhook/challenge").path("challenge").asText()).isNotBlank();
        assertThat(observe("app/ai-query/cors-preflight-denied").header("Access-Control-Allow-Origin")).contains("");
        assertThat(json("app/ai-query/fallback-apology").path("response").asText()).startsWith("I'm having trouble");
        assertThat(json("ext/auth/health").path("name").asText()).isEqualTo("GoTrue");
    }

    private static StatusPages.Condition status(String fixture, String format) {
        return StatusPages.interpret("provider", format, observe("ext/statuspage/" + fixture)).condition();
    }

    private static JsonNode json(String name) {
        return Json.parse(Contract.load(name).body()).orElseThrow(() -> new AssertionError(name + " is not JSON"));
    }

    /** The elements of a JSON array. */
    private static Stream<JsonNode> each(JsonNode array) {
        assertThat(array != null && array.isArray()).as("an array: %s", array).isTrue();
        return StreamSupport.stream(array.spliterator(), false);
    }

    static HttpObservation observe(String name) {
        return observe(Contract.load(name));
    }

    static HttpObservation observe(Contract c) {
        Map<String, List<String>> headers = c.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        return HttpObservation.answered(HttpCall.get("https://contract.example/" + c.name()), c.status(), "HTTP " + c.status(),
                headers, c.body(), Duration.ZERO, HttpClient.Version.HTTP_1_1);
    }
}
