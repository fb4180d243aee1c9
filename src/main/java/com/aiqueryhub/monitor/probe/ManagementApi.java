package com.aiqueryhub.monitor.probe;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The Supabase Management API calls the checks make. All are GETs. The API allows 120 requests a minute per user and
 * endpoint (30 for logs.all), shared by all of that user's tokens, so checks share these observations through the run
 * context instead of calling again.
 */
public final class ManagementApi {

    private final HttpProbe http;
    private final String apiBase;
    private final String projectBase;
    private final String token;
    private final int maxCalls;
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    /** @param maxCalls calls allowed per run; beyond it a call is not sent (the API allows 120 a minute per user and endpoint) */
    public ManagementApi(HttpProbe http, URI base, String projectRef, String token, int maxCalls) {
        this.http = http;
        this.maxCalls = maxCalls;
        this.apiBase = base.toString().replaceAll("/+$", "");
        this.projectBase = apiBase + "/v1/projects/" + projectRef;
        this.token = token;
    }

    public HttpObservation project() {
        return send(call(projectBase));
    }

    private HttpObservation send(HttpCall call) {
        if (calls.incrementAndGet() > maxCalls) {
            return HttpObservation.noAnswer(call, "not sent: this run already made management-api.max-calls (" + maxCalls
                    + ") Management API calls; the API allows 120 a minute per user and endpoint", java.time.Duration.ZERO);
        }
        return http.send(call);
    }

    public HttpObservation health(List<String> services) {
        // the API wants the parameter repeated (services=db&services=auth), which a map cannot hold
        StringBuilder url = new StringBuilder(projectBase).append("/health");
        for (int i = 0; i < services.size(); i++) {
            url.append(i == 0 ? '?' : '&').append("services=").append(services.get(i));
        }
        return send(call(url.toString()));
    }

    public HttpObservation backups() {
        return send(call(projectBase + "/database/backups"));
    }

    /** What the organization's plan entitles it to: backup retention days among them. */
    public HttpObservation entitlements(String organizationSlug) {
        return send(call(apiBase + "/v1/organizations/" + organizationSlug + "/entitlements"));
    }

    /** The deployed edge functions, with their verify_jwt. */
    public HttpObservation functions() {
        return send(call(projectBase + "/functions"));
    }

    /** The migration versions applied to {@code projectRef} (this project's, or another's such as staging). */
    public HttpObservation migrations(String projectRef) {
        return send(call(apiBase + "/v1/projects/" + projectRef + "/database/migrations"));
    }

    /** The edge functions' secrets: names, and SHA-256 digests the caller must drop at once (see Supabase.secretNames). */
    public HttpObservation secrets() {
        return send(call(projectBase + "/secrets"));
    }

    /** The database disk's filesystem: size, used and available bytes. */
    public HttpObservation diskUtilization() {
        return send(call(projectBase + "/config/disk/util"));
    }

    /** The disk's autoscaling: growth_percent, min_increment_gb, max_size_gb (null when off). */
    public HttpObservation diskAutoscale() {
        return send(call(projectBase + "/config/disk/autoscale"));
    }

    /** The project's connection pooler (Supavisor) configuration. */
    public HttpObservation poolerConfig() {
        return send(call(projectBase + "/config/database/pooler"));
    }

    /** Log explorer query over [from, to]; the API refuses ranges longer than 24 hours. */
    public HttpObservation logs(String sql, Instant from, Instant to) {
        return send(call(projectBase + "/analytics/endpoints/logs.all")
                .queryParam("sql", sql)
                .queryParam("iso_timestamp_start", from.truncatedTo(ChronoUnit.SECONDS).toString())
                .queryParam("iso_timestamp_end", to.truncatedTo(ChronoUnit.SECONDS).toString()));
    }

    private HttpCall call(String url) {
        return HttpCall.get(url).header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }
}
