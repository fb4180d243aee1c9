package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Supabase project as its Management API describes it: status, service health, backups, the plan's entitlements,
 * functions, the pooler and the logs. Each answer is asked for once per run, however many checks judge it.
 */
public final class Supabase {

    private final Settings settings;
    private final HttpProbe http;
    private final SharedCalls shared;

    public Supabase(Settings settings, HttpProbe http, SharedCalls shared) {
        this.settings = settings;
        this.http = http;
        this.shared = shared;
    }

    public HttpObservation project() {
        return shared.once("management.project", () -> api().project());
    }

    public HttpObservation serviceHealth() {
        return shared.once("management.health", () -> api().health(settings.get(Keys.SUPABASE_HEALTH_SERVICES)));
    }

    public HttpObservation backups() {
        return shared.once("management.backups", () -> api().backups());
    }

    /** The project's organization's entitlements (backup retention by plan); the slug comes from the project. */
    public HttpObservation entitlements() {
        return shared.once("management.entitlements", () -> {
            HttpObservation project = project();
            String slug = project.jsonObject().map(j -> j.path("organization_slug").asText(null)).orElse(null);
            return slug == null ? project : api().entitlements(slug);
        });
    }

    /**
     * The room the database has, from the deployment (disk use and autoscaling limit); empty without an access token or
     * when the API does not tell (the capacity check then judges against db.quota's fallback).
     */
    public java.util.Optional<DiskCeiling> diskCeiling() {
        return shared.once("management.disk", () -> managementApiSet()
                ? DiskCeiling.fromDeployment(api().diskUtilization(), () -> api().diskAutoscale()) : java.util.Optional.<DiskCeiling>empty());
    }

    /** The deployed edge functions, with their verify_jwt. */
    public HttpObservation functions() {
        return shared.once("management.functions", () -> api().functions());
    }

    /**
     * {@link #verifyJwt} to be read later, the functions list asked for now in the background: a check that calls the
     * function meanwhile waits for the slower of the two answers, not for one after the other, so a hung Management API
     * beside a hung function costs one read timeout.
     */
    public java.util.function.Supplier<java.util.Optional<Boolean>> verifyJwtAhead(String slug) {
        if (managementApiSet()) {
            shared.prefetch("management-functions", this::functions); // asked once however many ask (functions())
        }
        return () -> verifyJwt(slug);
    }

    /**
     * Whether the gateway checks tokens for {@code slug} (its verify_jwt in the functions list); empty without an access
     * token, when the list cannot be read, or when it does not name the function or the field.
     */
    public java.util.Optional<Boolean> verifyJwt(String slug) {
        if (!managementApiSet()) {
            return java.util.Optional.empty();
        }
        HttpObservation list = functions();
        if (!list.answered() || list.status() != 200) {
            return java.util.Optional.empty();
        }
        return list.json().filter(com.fasterxml.jackson.databind.JsonNode::isArray).flatMap(all -> {
            for (com.fasterxml.jackson.databind.JsonNode f : all) {
                if (slug.equals(f.path("slug").asText()) && f.path("verify_jwt").isBoolean()) {
                    return java.util.Optional.of(f.path("verify_jwt").asBoolean());
                }
            }
            return java.util.Optional.empty();
        });
    }

    /** The project's region (ap-southeast-2, ...) from the Management API; empty without an access token or an answer. */
    public java.util.Optional<String> region() {
        if (!managementApiSet()) {
            return java.util.Optional.empty();
        }
        HttpObservation project = project();
        return project.answered() && project.status() == 200
                ? project.jsonObject().map(j -> j.path("region").asText("")).filter(r -> !r.isBlank()) : java.util.Optional.empty();
    }

    /** The migration versions applied to this project. */
    public HttpObservation migrations() {
        return shared.once("management.migrations", () -> api().migrations(settings.get(Keys.SUPABASE_PROJECT_REF)));
    }

    /** The migration versions applied to the staging project (deploy.staging-project-ref). */
    public HttpObservation stagingMigrations() {
        return shared.once("management.staging-migrations", () -> api().migrations(settings.get(Keys.DEPLOY_STAGING_PROJECT_REF)));
    }

    /**
     * The names of the edge functions' secrets, and nothing else: the API answers each value's SHA-256 digest, which is
     * dropped here, before the answer reaches evidence, a report or a log.
     */
    public HttpObservation secretNames() {
        return shared.once("management.secrets", () -> {
            HttpObservation answer = api().secrets();
            if (!answer.answered()) {
                return answer;
            }
            java.util.List<String> names = new java.util.ArrayList<>();
            answer.json().filter(com.fasterxml.jackson.databind.JsonNode::isArray)
                    .ifPresent(list -> list.forEach(s -> names.add(s.path("name").asText())));
            return answer.withBody(answer.json().isPresent() ? com.aiqueryhub.monitor.json.Json.compact(names)
                    : "(a body that is not JSON, not kept: it may hold secret digests)");
        });
    }

    /** The project's connection pooler (Supavisor) configuration. */
    public HttpObservation poolerConfig() {
        return shared.once("management.pooler", () -> api().poolerConfig());
    }

    /**
     * Asks the overnight review's other two logs queries (its most frequent messages, the day's calls) now, beside its
     * count: the logs endpoint takes a while to answer, and the review need not wait for three answers in a row. Each
     * answer is kept for the check that asks for it next; a failure reaches it as if it had asked itself.
     */
    public void askOvernightLogsAtOnce() {
        shared.prefetch("overnight-top-errors", this::overnightTopErrors);
        shared.prefetch("overnight-calls", this::lastDayOfCalls);
    }

    /** The total of error-level log entries of the last 24 hours (the longest range the logs endpoint allows). */
    public HttpObservation overnightErrorCount() {
        return lastDayOfLogs(settings.get(Keys.LOGS_ERROR_COUNT_QUERY), "error-count");
    }

    /** The most frequent error messages of the same 24 hours: evidence for the person on call, never the count. */
    public HttpObservation overnightTopErrors() {
        return lastDayOfLogs(settings.get(Keys.LOGS_ERROR_QUERY), "errors");
    }

    /** The edge functions' calls of the same 24 hours (logs.error-rate-query's {@code total}): how busy the day was. */
    public HttpObservation lastDayOfCalls() {
        return lastDayOfLogs(settings.get(Keys.LOGS_ERROR_RATE_QUERY), "calls");
    }

    /** Row-level security refusals PostgreSQL logged in the last 24 hours. */
    public HttpObservation rlsViolationCount() {
        return lastDayOfLogs(settings.get(Keys.LOGS_RLS_VIOLATION_QUERY), "rls-violations");
    }

    private HttpObservation lastDayOfLogs(String sql, String name) {
        return shared.once("management.logs." + name, () -> api().logs(sql, dayEnd().minus(Duration.ofHours(24)), dayEnd()));
    }

    /** Where this run's "last 24 hours" end: one window for every logs query, so the same query is asked once. */
    private Instant dayEnd() {
        return shared.once("management.logs.end", Instant::now);
    }

    /**
     * The error-rate query for each of the last {@code days} days (the logs endpoint takes 24 h at most), newest first;
     * the newest day is the daily check's count of calls, asked once per run. The days stop at the first one not
     * answered with a 200: that day is the verdict, and asking on would only wait out a hung endpoint's read timeout
     * once a day (or spend calls on a rate limit).
     */
    public List<HttpObservation> functionTrafficByDay(int days) {
        return shared.once("management.function-traffic", () -> {
            String sql = settings.get(Keys.LOGS_ERROR_RATE_QUERY);
            Instant end = dayEnd();
            List<HttpObservation> perDay = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                HttpObservation day = d == 0 ? lastDayOfCalls()
                        : api().logs(sql, end.minus(Duration.ofDays(d + 1)), end.minus(Duration.ofDays(d)));
                perDay.add(day);
                if (!day.answered() || day.status() != 200) {
                    break;
                }
            }
            return perDay;
        });
    }

    /** A dry run of a logs query over the last minute (the preflight's), never shared. */
    public HttpObservation tryLogsQuery(String sql) {
        Instant now = Instant.now();
        return api().logs(sql, now.minus(Duration.ofMinutes(1)), now);
    }

    /** Whether the Management API can be asked at all: without a token and a project, what it would say is unknown. */
    private boolean managementApiSet() {
        return settings.isSet(Keys.SUPABASE_ACCESS_TOKEN) && settings.isSet(Keys.SUPABASE_PROJECT_REF);
    }

    /** The API client, built on first use: a check that never calls it needs none of its settings. */
    private ManagementApi api() {
        return shared.once("management-api", () -> new ManagementApi(http, settings.get(Keys.SUPABASE_MANAGEMENT_URL),
                settings.get(Keys.SUPABASE_PROJECT_REF), settings.get(Keys.SUPABASE_ACCESS_TOKEN),
                settings.get(Keys.MANAGEMENT_API_MAX_CALLS)));
    }
}
