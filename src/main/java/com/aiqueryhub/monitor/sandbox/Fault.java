package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.config.SettingsException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The ways the sandbox can be broken on purpose ({@code -Dsandbox.faults=name,name}). */
public enum Fault {
    FRONTEND_DOWN("frontend-down", "the front end refuses connections"),
    FRONTEND_BLANK_PAGE("frontend-blank-page", "index.html answers 200 but its JavaScript bundle is gone (the SPA rewrite serves HTML in its place)"),
    FRONTEND_SLOW("frontend-slow", "the front end answers after the response-time limit"),
    FRONTEND_WRONG_SITE("frontend-wrong-site", "the domain serves another site: 200, a working bundle, another title"),
    HEADERS_MISSING("headers-missing", "the front end answers without its Content-Security-Policy and X-Frame-Options"),
    HTTP1_ONLY("http1-only", "the front end no longer negotiates HTTP/2"),
    SERVICE_UNHEALTHY("service-unhealthy", "the Management API reports the realtime service UNHEALTHY"),
    MEMORY_HIGH("memory-high", "the database host uses 90 % of its memory"),
    BACKUP_SHORT_RETENTION("backup-short-retention", "only the last 7 days of backups are kept"),
    STALE_DATA("stale-data", "nothing was written to the key tables for three days"),
    SLACK_SECRET_ROTATED("slack-secret-rotated", "slack-webhook verifies with another signing secret than the suite's"),
    AI_FALLBACK("ai-fallback", "every AI provider fails: ai-query answers 200 with its fixed apology"),
    AUTH_OPEN("auth-open", "ai-query's gateway JWT check is off: the function answers 500 \"User not authenticated\""),
    CORS_BROKEN("cors-broken", "ai-query's preflight answers with an empty Access-Control-Allow-Origin"),
    PROJECT_UNHEALTHY("project-unhealthy", "the Management API reports the project ACTIVE_UNHEALTHY"),
    DB_DOWN("db-down", "the database refuses connections"),
    ERROR_SPIKE("error-spike", "the logs show an error volume over the limit"),
    HANG("hang", "the front end accepts connections and never answers"),
    HANG_ALL("hang-all", "the front end, the Supabase project host, the Management API and the status pages accept "
            + "connections and never answer"),
    FRONTEND_FLAKY("frontend-flaky", "the front end resets the first connection, then answers normally"),
    SLOW_FUNCTIONS("slow-functions", "ai-query and both webhooks answer after the p95 limit"),
    ERROR_RATE("error-rate", "8 % of edge function calls over the last 7 days ended in a 5xx"),
    CPU_HIGH("cpu-high", "the database host's CPU is 92 % busy"),
    OVER_BUDGET("over-budget", "today's AI spend is $1,500, over the daily cap and 120 % of the monthly budget"),
    AUDIT_EVENTS("audit-events", "security events (auth failures, suspicious activity) in the last 7 days"),
    AUDIT_TABLE_MISSING("audit-table-missing", "the runbook's audit_logs table does not exist"),
    RLS_HIDDEN("rls-hidden", "the monitoring role lacks BYPASSRLS, so row-level security hides every audit row"),
    DB_NEAR_QUOTA("db-near-quota", "the database fills over 85 % of its quota"),
    BACKUP_STALE("backup-stale", "the newest completed backup is three days old"),
    BACKUP_FAILED("backup-failed", "yesterday's backup FAILED"),
    CERT_EXPIRING("cert-expiring", "the front end's certificate expires in 10 days"),
    CERT_WRONG_HOST("cert-wrong-host", "the Supabase host presents a certificate for another host name"),
    TELEGRAM_JWT_ON("telegram-jwt-on", "JWT verification is on for telegram-webhook: the gateway refuses Telegram's calls"),
    TELEGRAM_SECRET_OFF("telegram-secret-off", "telegram-webhook accepts updates without the secret header"),
    SLACK_UNSIGNED_ACCEPTED("slack-unsigned-accepted", "slack-webhook answers unsigned requests"),
    CONNECTIONS_SATURATED("connections-saturated", "108 of the database's 120 connections are taken, some idle in transaction"),
    SLOW_QUERY("slow-query", "a statement ran 11 times at 1.1 s each"),
    UPSTREAM_INCIDENT("upstream-incident", "Supabase's status page reports a major incident"),
    STATUSPAGE_UNKNOWN("statuspage-unknown", "Anthropic's status page answers 200 with an indicator nobody knows"),
    STATUSPAGE_MAINTENANCE("statuspage-maintenance", "Supabase's status page reports a scheduled maintenance (indicator maintenance)"),
    STATUSPAGES_DOWN("statuspages-down", "every provider's status page answers 503"),
    STATUSPAGE_NOT_STATUSPAGE("statuspage-not-statuspage", "Netlify's status page answers an HTML page instead of Statuspage JSON"),
    FRONTEND_EMPTY_BUNDLE("frontend-empty-bundle", "the main bundle answers 200 as JavaScript with an empty body"),
    FRONTEND_TRUNCATED_BUNDLE("frontend-truncated-bundle", "the main bundle answers 200 as JavaScript with only its first 200 bytes"),
    FRONTEND_RUNTIME_ERROR("frontend-runtime-error", "the bundle loads and throws on start (a TypeError before the app renders)"),
    FRONTEND_MISSING_CONFIG("frontend-missing-config", "the build ran without VITE_SUPABASE_URL: the bundle throws 'supabaseUrl is required'"),
    FRONTEND_CHUNK_404("frontend-chunk-404", "the lazily loaded chat chunk is gone after a deploy (the SPA rewrite serves index.html)"),
    FRONTEND_CONSOLE_ERROR("frontend-console-error", "the app renders but logs a console error on start"),
    SLACK_REPLAY_ACCEPTED("slack-replay-accepted", "slack-webhook accepts a correctly signed request whatever its timestamp's age"),
    METRICS_FROZEN("metrics-frozen", "the Metrics API serves the same CPU counters on every scrape"),
    ERRORS_SPREAD("errors-spread", "40 errors in 24 h spread over 20 messages: the top ten alone add up to 20"),
    LOGS_QUERY_REFUSED("logs-query-refused", "the logs backend no longer knows the table the error queries read"),
    TOKEN_REJECTED("token-rejected", "the Management API refuses the suite's access token"),
    DB_LOGIN_REJECTED("db-login-rejected", "the database refuses the monitoring role's password"),
    SECURITY_BURST("security-burst", "30 auth failures in the last hour and 2 active brute-force incidents"),
    ROWS_DROPPED("rows-dropped", "two thirds of the messages table is gone"),
    RLS_VIOLATIONS("rls-violations", "the audit log holds rls_violation events from the last 24 hours");

    private final String id;
    private final String effect;

    Fault(String id, String effect) {
        this.id = id;
        this.effect = effect;
    }

    public String id() {
        return id;
    }

    public String effect() {
        return effect;
    }

    public static Set<Fault> parse(List<String> names) {
        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        for (String name : names) {
            faults.add(Arrays.stream(values()).filter(f -> f.id.equals(name)).findFirst()
                    .orElseThrow(() -> new SettingsException("unknown sandbox fault '" + name + "' (sandbox.faults): choose from "
                            + Arrays.stream(values()).map(Fault::id).collect(Collectors.joining(", ")))));
        }
        return faults;
    }
}
