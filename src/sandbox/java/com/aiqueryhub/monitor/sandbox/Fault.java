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
    HOSTS_DOWN("hosts-down", "every production address (the front end, the project, the database) refuses connections while "
            + "the Management API and the status pages answer: production gone everywhere, or addresses never right"),
    FRONTEND_UNAVAILABLE("frontend-unavailable", "the front end answers every path 503 (Netlify's own error page)"),
    APP_AS_RELEASED("app-as-released", "the app as released at 4abbf11: a page load of a signed-in page signs the user out "
            + "(React error #310 from ProtectedRoute's hook after its early returns; ErrorBoundary's handleChunkLoadError "
            + "clears localStorage and reloads); signing in and chatting without a reload still work"),
    FRONTEND_SIGNS_IN_TO_DASHBOARD("frontend-signs-in-to-dashboard", "a release that sends a signed-in user to /dashboard "
            + "instead of the chat (ordinary: the chat is a click away in the sidebar)"),
    FRONTEND_IMAGE_MISSING("frontend-image-missing", "the landing page's image is gone from public storage: Supabase "
            + "Storage answers 400 not_found (a missing picture, the app starts)"),
    BACKUP_IN_PROGRESS("backup-in-progress", "today's daily backup started 20 minutes ago and is still being taken (PENDING): "
            + "the newest completed one is a day and 20 minutes old (ordinary: the schedule working)"),
    CORS_WILDCARD("cors-wildcard", "ai-query answers its preflight with Access-Control-Allow-Origin: * (Supabase's shared "
            + "CORS headers; ordinary: any origin may read an answer sent without credentials)"),
    FRONTEND_NAME_UNRESOLVED("frontend-name-unresolved", "the front end's name does not resolve (DNS): the site is unreachable"),
    RUNNER_OFFLINE("runner-offline", "this runner resolves no name at all: production's hosts, the database, the status pages "
            + "and the Management API (the runner's DNS or network, not production)"),
    FRONTEND_BLANK_PAGE("frontend-blank-page", "index.html answers 200 but its JavaScript bundle is gone (the SPA rewrite serves HTML in its place)"),
    FRONTEND_SLOW("frontend-slow", "the front end answers after the response-time limit"),
    FRONTEND_WRONG_SITE("frontend-wrong-site", "the domain serves another site: 200, a working bundle, another title"),
    HEADERS_MISSING("headers-missing", "the front end answers without its Content-Security-Policy and X-Frame-Options"),
    HEADERS_FRAMING_ALLOWED("headers-framing-allowed", "the front end's policy allows framing by any site (frame-ancestors *) "
            + "and X-Frame-Options is gone: clickjacking is possible"),
    HEADERS_MODERNISED("headers-modernised", "the front end drops the legacy X-Frame-Options (its policy's frame-ancestors "
            + "'none' refuses framing) and its own Cache-Control (Netlify's default max-age=0 applies) (ordinary)"),
    HTTP1_ONLY("http1-only", "the front end no longer negotiates HTTP/2"),
    SERVICE_UNHEALTHY("service-unhealthy", "the Management API reports the realtime service UNHEALTHY"),
    MEMORY_HIGH("memory-high", "the database host uses 90 % of its memory"),
    BACKUP_SHORT_RETENTION("backup-short-retention", "only the last 7 days of backups are kept"),
    STALE_DATA("stale-data", "nothing was written to the key tables for three days"),
    SLACK_SECRET_ROTATED("slack-secret-rotated", "slack-webhook verifies with another signing secret than the suite's"),
    AI_FALLBACK("ai-fallback", "every AI provider fails: ai-query answers 200 with its fixed apology"),
    AUTH_OPEN("auth-open", "ai-query's gateway JWT check is off: the function answers 500 \"User not authenticated\""),
    FUNCTIONS_OWN_AUTH("functions-own-auth", "ai-query verifies tokens itself, as Supabase advises with JWT signing keys: "
            + "verify_jwt=false in the functions list, its own 401 {\"error\":\"Unauthorized\"} to a call without a valid "
            + "token (ordinary); with auth-open, its own check lets every call in (200)"),
    CORS_BROKEN("cors-broken", "ai-query's preflight answers with an empty Access-Control-Allow-Origin"),
    PROJECT_UNHEALTHY("project-unhealthy", "the Management API reports the project ACTIVE_UNHEALTHY"),
    PROJECT_RESIZING("project-resizing", "the Management API reports the project RESIZING (a compute-size change the "
            + "team started) while the database answers (ordinary: degraded, not failed)"),
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
    AUDIT_EVENTS("audit-events", "untriaged security incidents (status ACTIVE: brute force, suspicious access) in the last 7 days"),
    AUDIT_EVENTS_TRIAGED("audit-events-triaged", "two incidents this week, already closed (RESOLVED, FALSE_POSITIVE): an "
            + "ordinary week, listed for review"),
    AUDIT_VOLUME_SPIKE("audit-volume-spike", "40 incidents this week against 2 a week before, all triaged"),
    AUDIT_TABLE_MISSING("audit-table-missing", "the runbook's audit_logs table does not exist"),
    RLS_HIDDEN("rls-hidden", "the monitoring role lacks BYPASSRLS, so row-level security hides every audit row"),
    DB_NEAR_QUOTA("db-near-quota", "the database's disk is 92 % full and cannot grow (autoscaling off)"),
    BACKUP_STALE("backup-stale", "the newest completed backup is three days old"),
    BACKUP_FAILED("backup-failed", "yesterday's backup FAILED"),
    PITR_ENABLED("pitr-enabled", "point-in-time recovery is on: no daily backups, a 7-day WAL window ending two minutes ago "
            + "(an ordinary add-on, every check stays green)"),
    PITR_LAGGING("pitr-lagging", "point-in-time recovery is on and the WAL window ended 3 hours ago"),
    PITR_STALE("pitr-stale", "point-in-time recovery is on and the WAL window ended 30 hours ago: archiving stopped"),
    PLAN_PRO("plan-pro", "the organization is on the Pro plan: 7 days of daily backups, as its entitlement says (ordinary)"),
    CERT_EXPIRING("cert-expiring", "the front end's 90-day certificate expires in 10 days: its renewal stopped"),
    CERT_RENEWAL_DUE("cert-renewal-due", "the front end's 90-day certificate has 20 days left: renewal (due at 30) is late"),
    CERT_SHORT_LIVED("cert-short-lived", "the front end serves a six-day certificate (Let's Encrypt shortlived) with 4 days "
            + "left, renewed on schedule: an ordinary day"),
    CERT_RENEWAL_STOPPED("cert-renewal-stopped", "the front end's six-day certificate has 1 day left: its renewal stopped"),
    CERT_WRONG_HOST("cert-wrong-host", "the Supabase host presents a certificate for another host name"),
    TELEGRAM_JWT_ON("telegram-jwt-on", "JWT verification is on for telegram-webhook: the gateway refuses Telegram's calls"),
    TELEGRAM_SECRET_OFF("telegram-secret-off", "telegram-webhook accepts updates without the secret header"),
    SLACK_UNSIGNED_ACCEPTED("slack-unsigned-accepted", "slack-webhook answers unsigned requests"),
    CONNECTIONS_SATURATED("connections-saturated", "108 of the database's 120 connections are taken, some idle in transaction"),
    SLOW_QUERY("slow-query", "a statement ran 11 times at 1.1 s each"),
    UPSTREAM_INCIDENT("upstream-incident", "Supabase's status page reports a major incident"),
    STATUS_INCIDENT_OTHER_REGION("status-incident-other-region", "Supabase's status page reports a minor incident of "
            + "Edge Functions in eu-central-1, while the project lives in us-east-1 (ordinary: the page nearly always has an "
            + "incident somewhere)"),
    STATUS_INCIDENT_OWN_REGION("status-incident-own-region", "Supabase's status page reports a minor incident of Edge "
            + "Functions in us-east-1, the project's own region"),
    STATUSPAGE_UNKNOWN("statuspage-unknown", "Anthropic's status page answers 200 with an indicator nobody knows"),
    STATUSPAGE_MAINTENANCE("statuspage-maintenance", "Supabase's status page reports a scheduled maintenance (indicator "
            + "maintenance) of its API component"),
    STATUSPAGE_MAINTENANCE_DATABASE("statuspage-maintenance-database", "Supabase's status page reports a maintenance in "
            + "progress of its Database component"),
    STATUSPAGES_DOWN("statuspages-down", "every provider's status page answers 503"),
    STATUSPAGE_NOT_STATUSPAGE("statuspage-not-statuspage", "Netlify's status page answers an HTML page instead of Statuspage JSON"),
    FRONTEND_REDEPLOYED("frontend-redeployed", "a new build is live: its bundle carries a new content hash (ordinary)"),
    DISK_AUTOSCALED("disk-autoscaled", "the disk grew by itself to 12 GiB and holds 9.4 GB, past the plan's included "
            + "8 GB, with room up to its 200 GB autoscaling limit (ordinary: a growing database on a paid plan)"),
    TRAFFIC_GROWN("traffic-grown", "the app is forty times as busy (50,000 function calls a day): 150 error-level log "
            + "entries in 24 h, 0.3 % of the calls, and 240 5xx a day, 0.5 % (ordinary: users came)"),
    BOTS_REWORDED("bots-reworded", "the webhook functions answer their own way: Telegram's update accepted as JSON "
            + "{\"ok\":true}, Slack's challenge echoed as text, unsigned or secretless calls refused with 403 (ordinary)"),
    FRONTEND_RETITLED("frontend-retitled", "the home page's title carries new marketing copy after the product's name "
            + "(ordinary)"),
    FRONTEND_BUILD_RENAMED("frontend-build-renamed", "a build configured otherwise: its entry ./assets/main.B4r9XkQz.js "
            + "(a relative base, another entry file name) in a tag of other attribute order and quoting (ordinary)"),
    API_FIELDS_ADDED("api-fields-added", "the Management API, Metrics API, status pages and billing answers carry fields, "
            + "labels and series the suite does not read (ordinary: APIs grow)"),
    FRONTEND_EMPTY_BUNDLE("frontend-empty-bundle", "the main bundle answers 200 as JavaScript with an empty body"),
    FRONTEND_TRUNCATED_BUNDLE("frontend-truncated-bundle", "the main bundle answers 200 as JavaScript with only its first 200 bytes"),
    FRONTEND_RUNTIME_ERROR("frontend-runtime-error", "the bundle loads and throws on start (a TypeError before the app renders)"),
    FRONTEND_MISSING_CONFIG("frontend-missing-config", "the build ran without VITE_SUPABASE_URL: the bundle throws 'supabaseUrl is required'"),
    FRONTEND_CHUNK_404("frontend-chunk-404", "the lazily loaded chat chunk is gone after a deploy (the SPA rewrite serves index.html)"),
    FRONTEND_CONSOLE_ERROR("frontend-console-error", "the app renders but logs a console error on start"),
    SLACK_REPLAY_ACCEPTED("slack-replay-accepted", "slack-webhook accepts a correctly signed request whatever its timestamp's age"),
    DB_RESTARTED("db-restarted", "the database host restarts on a larger compute size between two scrapes: its CPU "
            + "counters start again from zero, on 4 CPUs instead of 2 (ordinary: a compute-size change or a restart)"),
    METRICS_FROZEN("metrics-frozen", "the Metrics API serves the same CPU counters on every scrape"),
    LOGS_QUOTED_NUMBERS("logs-quoted-numbers", "the logs API writes every number in its rows as a string "
            + "({\"total\":\"3\"}), as APIs that quote 64-bit integers do (ordinary)"),
    ERRORS_SPREAD("errors-spread", "40 errors in 24 h spread over 20 messages: the top ten alone add up to 20"),
    LOGS_QUERY_REFUSED("logs-query-refused", "the logs backend no longer knows the table the error queries read"),
    TOKEN_REJECTED("token-rejected", "the Management API refuses the suite's access token"),
    RATE_LIMITED_ONCE("rate-limited-once", "the Management API answers the first call to each endpoint 429 with Retry-After: 1 "
            + "(another runner spent the token's minute a moment ago): an ordinary day, every check stays green"),
    RATE_LIMITED("rate-limited", "the Management API answers every call 429 with Retry-After: 1: the user's limit stays used up"),
    DB_LOGIN_REJECTED("db-login-rejected", "the database refuses the monitoring role's password"),
    SECURITY_BURST("security-burst", "8 brute-force incidents opened in the last hour, none triaged yet"),
    ROWS_DROPPED("rows-dropped", "two thirds of the messages table is gone"),
    RLS_VIOLATIONS("rls-violations", "the audit log holds rls_violation events from the last 24 hours"),
    DEPLOY_MIGRATION_MISSING("deploy-migration-missing", "the newest file of deploy.migrations-dir is not applied in staging "
            + "(production is not ahead: it lacks it too)"),
    DEPLOY_SECRET_MISSING("deploy-secret-missing", "production's edge-function secrets lack TELEGRAM_BOT_TOKEN"),
    DEPLOY_BACKUP_OLD("deploy-backup-old", "the newest recovery point (the daily backup) is 5 hours old: older than "
            + "deploy.max-backup-age, still inside the 24 h RPO"),
    DEPLOY_NO_ROLLBACK("deploy-no-rollback", "Netlify lists only the published production deploy: no earlier ready deploy "
            + "to roll back to"),
    DEPLOY_NOT_LIVE("deploy-not-live", "the published Netlify deploy has a fixed id and commit instead of new ones at each "
            + "start: a run before and a run after a deploy see the same deploy, the new one never went live"),
    DEPLOY_PREVIEW_WHITE_PAGE("deploy-preview-white-page", "a deploy preview built without its VITE_* variables: the page and "
            + "bundle answer 200, the bundle throws 'Missing environment variable: VITE_SUPABASE_URL is required' at start "
            + "and the page stays white"),
    JOURNEY_SIGN_IN_REFUSED("journey-sign-in-refused", "GoTrue refuses the monitoring user's password: 400 "
            + "invalid_credentials (the password was rotated)"),
    JOURNEY_RATE_LIMITED("journey-rate-limited", "GoTrue answers every sign-in 429 over_request_rate_limit: the runners "
            + "signed the monitoring user in more often than the project's Auth rate limits allow"),
    JOURNEY_SESSION_KEPT("journey-session-kept", "GoTrue answers the sign-out 204 and keeps the session: its token still "
            + "signs the user in"),
    JOURNEY_ANSWER_NOT_RENDERED("journey-answer-not-rendered", "the app's chat never shows an answer (its spinner turns "
            + "forever) while ai-query answers 200"),
    JWKS_KEY_MISSING("jwks-key-missing", "the project's JWKS no longer publishes the key its tokens are signed with (their "
            + "kid is not in it)"),
    SIGNING_KEYS_VERIFY_JWT_ON("signing-keys-verify-jwt-on", "the gateway refuses the signed-in user's ES256 token with 401 "
            + "\"Invalid JWT\": ai-query kept verify_jwt on after the project moved to JWT signing keys");

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

    /** The fault whose name is within two edits of a mistyped one ("db-dwn": db-down), if exactly one is. */
    static java.util.Optional<Fault> nearest(String typed) {
        List<Fault> close = Arrays.stream(values()).filter(f -> edits(f.id, typed) <= 2).toList();
        return close.size() == 1 ? java.util.Optional.of(close.get(0)) : java.util.Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int edits(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    public static Set<Fault> parse(List<String> names) {
        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        for (String name : names) {
            faults.add(Arrays.stream(values()).filter(f -> f.id.equals(name)).findFirst()
                    .orElseThrow(() -> new SettingsException("unknown sandbox fault '" + name + "' (sandbox.faults)"
                            + nearest(name).map(f -> ": did you mean " + f.id + "?").orElse("") + " Every fault: "
                            + Arrays.stream(values()).map(Fault::id).collect(Collectors.joining(", ")))));
        }
        return faults;
    }
}
