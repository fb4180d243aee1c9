package com.aiqueryhub.monitor.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Every setting the suite reads, declared once: key, type, built-in default and meaning. The code reads them only
 * through these constants; docs/settings.md and src/main/resources/monitor-defaults.properties list exactly these keys
 * with these defaults (SettingsTest keeps all three in step).
 */
public final class Keys {

    public static final Setting<URI> FRONTEND_URL = Setting.url("frontend.url", "",
            "public site, e.g. `https://aiqueryhub.com`");
    public static final Setting<String> FRONTEND_EXPECTED_TITLE = Setting.text("frontend.expected-title", "AI Query Hub - An AI Assistant That Remembers Everything",
            "the home page's `<title>`; a title that differs but still names the product (the part before the first ` - `, ` | `, ` · `) passes and says so");
    public static final Setting<Boolean> FRONTEND_EXPECT_HTTP2 = Setting.flag("frontend.expect-http2", "true",
            "the front end must negotiate HTTP/2 (the check skips when `false`)");
    public static final Setting<Long> FRONTEND_BUNDLE_MIN_BYTES = Setting.size("frontend.bundle-min-bytes", "8KB",
            "the main bundle must carry at least this much code (an empty or cut-off upload answers "
            + "200 as JavaScript and still leaves a white page; `local`: `1KB`)");
    public static final Setting<Duration> BROWSER_TIMEOUT = Setting.duration("browser.timeout", "20s",
            "how long the browser check may take to load the page and see the app render");
    public static final Setting<Boolean> BROWSER_KEEP = Setting.flag("browser.keep", "false",
            "keep the browser for the next run in the same JVM, each run still a fresh page load (the sandbox's "
            + "self-tests: a browser's start is seconds of CPU); off, every run starts and quits its own");
    public static final Setting<Boolean> BROWSER_ENABLED = Setting.flag("browser.enabled", "true",
            "`false` skips the browser check (a runner without a browser that runs with "
            + "`monitor.strict=true`)");
    public static final Setting<URI> SUPABASE_URL = Setting.url("supabase.url", "",
            "project URL; functions are at `{supabase.url}/functions/v1/{name}`");
    public static final Setting<String> SUPABASE_PROJECT_REF = Setting.text("supabase.project-ref", "",
            "project reference for the Management API");
    public static final Setting<URI> SUPABASE_MANAGEMENT_URL = Setting.url("supabase.management-url", "https://api.supabase.com",
            "Management API base");
    public static final Setting<String> SUPABASE_ORGANIZATION_SLUG = Setting.text("supabase.organization-slug", "",
            "the organization's slug, for the dashboard links of manual steps (its usage page); none: "
            + "the dashboard's current organization");
    public static final Setting<List<String>> SUPABASE_HEALTH_SERVICES = Setting.list("supabase.health-services", "auth,db,rest,realtime,storage",
            "services the health check asks about");
    public static final Setting<Integer> MANAGEMENT_API_MAX_CALLS = Setting.integer("management-api.max-calls", "30",
            "Management API calls allowed per run (a run of every cadence, daily to smoke, makes 17 on the sandbox, summary.json's calls.managementApi; the API allows 120 a minute "
            + "per user and endpoint, 30 for logs); beyond it a call is not sent");
    public static final Setting<String> DB_URL = Setting.jdbcUrl("db.url", "",
            "JDBC URL, e.g. `jdbc:postgresql://db.REF.supabase.co:5432/postgres?sslmode=require`");
    public static final Setting<String> DB_CONNECTION = Setting.text("db.connection", "direct",
            "with `db.url` unset, `session-pooler` asks the Management API for the project's session "
            + "pooler (IPv4) and logs in as `db.user.REF` (`production` and `staging` set it; see "
            + "\"Database login\")");
    public static final Setting<String> DB_USER = Setting.text("db.user", "",
            "the read-only monitoring role");
    public static final Setting<URI> STATUSPAGE_SUPABASE_URL = Setting.url("statuspage.supabase.url", "https://status.supabase.com",
            "status page bases; empty switches a page off");
    public static final Setting<String> STATUSPAGE_SUPABASE_FORMAT = Setting.text("statuspage.supabase.format", "statuspage",
            "where Supabase's status JSON is: `statuspage` reads Atlassian's `/api/v2/summary.json`; `datadog` reads a Datadog status page's `/config.json`");
    public static final Setting<URI> STATUSPAGE_ANTHROPIC_URL = Setting.url("statuspage.anthropic.url", "https://status.anthropic.com",
            "Anthropic's status page; empty: not read");
    public static final Setting<String> STATUSPAGE_ANTHROPIC_FORMAT = Setting.text("statuspage.anthropic.format", "statuspage",
            "where Anthropic's status JSON is (`statuspage` or `datadog`, as `statuspage.supabase.format`)");
    public static final Setting<URI> STATUSPAGE_NETLIFY_URL = Setting.url("statuspage.netlify.url", "https://www.netlifystatus.com",
            "Netlify's status page; empty: not read");
    public static final Setting<String> STATUSPAGE_NETLIFY_FORMAT = Setting.text("statuspage.netlify.format", "statuspage",
            "where Netlify's status JSON is (`statuspage` or `datadog`, as `statuspage.supabase.format`)");
    public static final Setting<URI> STATUSPAGE_OPENROUTER_URL = Setting.url("statuspage.openrouter.url", "https://status.openrouter.ai",
            "OpenRouter's status page; empty: not read");
    public static final Setting<String> STATUSPAGE_OPENROUTER_FORMAT = Setting.text("statuspage.openrouter.format", "datadog",
            "where OpenRouter's status JSON is: `datadog` (OpenRouter moved to a Datadog status page in September 2026)");
    public static final Setting<List<String>> STATUSPAGE_SUPABASE_COMPONENTS = Setting.list("statuspage.supabase.components",
            "Edge Functions,Database,Auth,API,Connection Pooler,Supavisor,Realtime,Metrics",
            "the Supabase components the checks touch: an incident counts for this project only when it names one of "
            + "them in the project's region (the Management API's project region), or names no component at all");
    public static final Setting<List<String>> STATUSPAGE_ANTHROPIC_COMPONENTS = Setting.list("statuspage.anthropic.components",
            "API", "the Anthropic components ai-query uses (its API; claude.ai and the console are not); empty: every one");
    public static final Setting<List<String>> STATUSPAGE_NETLIFY_COMPONENTS = Setting.list("statuspage.netlify.components",
            "CDN,Edge,Origin,Build,Deploy,DNS,API", "the Netlify components the site uses; empty: every one");
    public static final Setting<List<String>> STATUSPAGE_OPENROUTER_COMPONENTS = Setting.list("statuspage.openrouter.components",
            "", "the OpenRouter components ai-query uses; empty (the default): every one");
    public static final Setting<URI> RUNBOOK_URL = Setting.url("runbook.url", "https://github.com/Thabonel/drive-flow-ai-know/blob/main/PRODUCTION_RUNBOOK.md",
            "failures link to `{runbook.url}#{section}`");
    public static final Setting<String> TLS_TRUSTSTORE = Setting.text("tls.truststore", "",
            "PEM or PKCS12 file of extra trusted CAs (private staging CAs)");
    public static final Setting<String> SUPABASE_ACCESS_TOKEN = Setting.text("supabase.access-token", "",
            "Management API personal access token");
    public static final Setting<String> SUPABASE_ANON_KEY = Setting.text("supabase.anon-key", "",
            "the project's anon key (for `apikey` headers)");
    public static final Setting<String> DB_PASSWORD = Setting.text("db.password", "",
            "its password");
    public static final Setting<String> TELEGRAM_SECRET_TOKEN = Setting.text("telegram.secret-token", "",
            "the webhook's `X-Telegram-Bot-Api-Secret-Token`");
    public static final Setting<String> SLACK_SIGNING_SECRET = Setting.text("slack.signing-secret", "",
            "Slack signing secret for signed probes");
    public static final Setting<String> COST_OPENROUTER_API_KEY = Setting.text("cost.openrouter.api-key", "",
            "an OpenRouter key: `GET /api/v1/key` gives its spend today and this month (UTC, USD)");
    public static final Setting<String> COST_ANTHROPIC_ADMIN_KEY = Setting.text("cost.anthropic.admin-key", "",
            "an Anthropic Admin API key (`sk-ant-admin...`): `GET /v1/organizations/cost_report` in "
            + "daily buckets");
    public static final Setting<String> COST_OPENAI_ADMIN_KEY = Setting.text("cost.openai.admin-key", "",
            "an OpenAI admin key: `GET /v1/organization/costs` in daily buckets (ai-query's default "
            + "provider)");
    public static final Setting<String> SUPABASE_SERVICE_ROLE_KEY = Setting.text("supabase.service-role-key", "",
            "only to read the database host's Prometheus metrics (Supabase's Metrics API, basic auth "
            + "`service_role:KEY`; Supabase's current docs use a secret API key `sb_secret_...`, older "
            + "guides the service-role JWT); without it the CPU and memory checks skip");
    public static final Setting<String> AUDIT_TABLE = Setting.text("audit.table", "security_incidents",
            "table the security audit and the security-incident check read: where AI Query Hub "
            + "records security events today (the runbook's `audit_logs` does not exist; set "
            + "`audit.table=audit_logs` and the runbook's columns and types if your schema has it)");
    public static final Setting<List<String>> AUDIT_ACTION_TYPES = Setting.list("audit.action-types", "BRUTE_FORCE_ATTEMPT,SUSPICIOUS_ACCESS,RATE_LIMIT_EXCEEDED",
            "the types it counts (auth failures, suspicious activity, rate limits)");
    public static final Setting<String> LOGS_ERROR_RATE_QUERY = Setting.text("logs.error-rate-query", "select count(*) as total, countif(response.status_code >= 500) as errors from function_edge_logs cross join unnest(metadata) as m cross join unnest(m.response) as response",
            "the weekly error-rate query (must return `total` and `errors`); run once per day of the "
            + "last 7");
    public static final Setting<String> COST_SOURCE = Setting.text("cost.source", "providers",
            "where AI spend is read: `providers` (their billing endpoints, for every provider whose "
            + "key is set) or `sql` (`cost.query`). AI Query Hub records no spend in money in its own "
            + "database");
    public static final Setting<URI> COST_OPENROUTER_URL = Setting.url("cost.openrouter.url", "https://openrouter.ai/api/v1",
            "OpenRouter's API base (credits and key usage)");
    public static final Setting<URI> COST_ANTHROPIC_URL = Setting.url("cost.anthropic.url", "https://api.anthropic.com",
            "Anthropic's API base (the Admin API's cost report)");
    public static final Setting<URI> COST_OPENAI_URL = Setting.url("cost.openai.url", "https://api.openai.com",
            "OpenAI's API base (the organization costs endpoint)");
    public static final Setting<String> COST_QUERY = Setting.text("cost.query", "",
            "with `cost.source=sql`: a query returning `today_usd` and `month_usd` (and optionally "
            + "`provider`, `model`)");
    public static final Setting<String> AUDIT_TIME_COLUMN = Setting.text("audit.time-column", "detected_at",
            "the column of `audit.table` that holds when an event happened");
    public static final Setting<String> AUDIT_ACTION_COLUMN = Setting.text("audit.action-column", "type",
            "the column of `audit.table` that holds the event's type");
    public static final Setting<String> AUDIT_STATUS_COLUMN = Setting.text("audit.status-column", "status",
            "the triage column of `audit.table`: only events in `audit.open-statuses` count against the limits; the others (`RESOLVED`, `FALSE_POSITIVE`) are listed for review. `none`: every event counts (a table without triage, like the runbook's `audit_logs`)");
    public static final Setting<List<String>> AUDIT_OPEN_STATUSES = Setting.list("audit.open-statuses", "ACTIVE",
            "the values of `audit.status-column` that mean nobody has looked at the event yet");
    public static final Setting<Integer> AUDIT_MAX_ROWS = Setting.integer("audit.max-rows", "20",
            "most audit rows attached to the report");
    public static final Setting<String> INCIDENTS_TABLE = Setting.text("incidents.table", "security_incidents",
            "incidents the system opens itself (`type`, `severity`, `status`, `detected_at`)");
    public static final Setting<List<String>> INCIDENTS_OPEN_STATUSES = Setting.list("incidents.open-statuses", "ACTIVE",
            "the `status` values of `incidents.table` that count as open");
    public static final Setting<List<String>> DATALOSS_TABLES = Setting.list("dataloss.tables", "conversations,messages",
            "key tables watched for data loss");
    public static final Setting<String> DATALOSS_TIME_COLUMN = Setting.text("dataloss.time-column", "created_at",
            "the column of each `dataloss.tables` table that holds when a row was written");
    public static final Setting<Integer> SLOW_QUERY_MIN_CALLS = Setting.integer("slow-query.min-calls", "10",
            "statements with fewer calls are ignored by the slow-statement check");
    public static final Setting<URI> METRICS_URL = Setting.url("metrics.url", "",
            "where the database host's Prometheus metrics are; empty: `{supabase.url}/customer/v1/privileged/metrics`");
    public static final Setting<Duration> METRICS_SAMPLE_INTERVAL = Setting.duration("metrics.sample-interval", "60s",
            "time between Metrics API scrapes: Supabase asks for one a minute, and its counters need "
            + "not move faster (`local`: `500ms`)");
    public static final Setting<Duration> METRICS_MAX_WAIT = Setting.duration("metrics.max-wait", "150s",
            "CPU is measured once the counters have moved; if they have not within this, the check "
            + "ends degraded, never failed (`local`: `10s`)");
    public static final Setting<Integer> PERFORMANCE_SAMPLES = Setting.integer("performance.samples", "5",
            "timed samples per endpoint (after one warm-up call that is not counted)");
    public static final Setting<Long> DB_QUOTA = Setting.size("db.quota", "",
            "the room the database has, judged against its size. Empty: the deployment's disk, read "
            + "from the Management API (its autoscaling limit when autoscaling is on, else its size, against the disk's "
            + "use), or the Pro plan's included 8 GB when the API cannot tell");
    public static final Setting<Boolean> BACKUP_EXPECT_PITR = Setting.flag("backup.expect-pitr", "false",
            "`true`: point-in-time recovery must be enabled");
    public static final Setting<LocalDate> SECRETS_ROTATED_ON = Setting.date("secrets.rotated-on", "",
            "date the API keys were last rotated (`2026-03-01`); without it the rotation check skips");
    public static final Setting<String> LOGS_ERROR_COUNT_QUERY = Setting.text("logs.error-count-query", "select count(*) as total from function_logs cross join unnest(metadata) as metadata where metadata.level = 'error'",
            "the total the overnight-errors check judges (one row, column `total`)");
    public static final Setting<String> LOGS_RLS_VIOLATION_QUERY = Setting.text("logs.rls-violation-query", "select count(*) as total from postgres_logs where regexp_contains(event_message, 'violates row-level security policy')",
            "the RLS-violation count (the app records no such event in any table)");
    public static final Setting<String> LOGS_ERROR_QUERY = Setting.text("logs.error-query", "select event_message, count(*) as count from function_logs cross join unnest(metadata) as metadata where metadata.level = 'error' group by event_message order by count desc limit 10",
            "the most frequent messages, attached as evidence (never summed: errors spread over many "
            + "messages would be undercounted)");
    public static final Setting<Duration> HTTP_CONNECT_TIMEOUT = Setting.duration("http.connect-timeout", "5s",
            "every HTTP call's connect timeout");
    public static final Setting<Duration> HTTP_READ_TIMEOUT = Setting.duration("http.read-timeout", "10s",
            "every HTTP call's read timeout: a hung endpoint fails within it");
    public static final Setting<Integer> HTTP_RETRIES = Setting.integer("http.retries", "1",
            "a call that got no answer (refused, reset, dropped) is made again this often; a wrong "
            + "answer never is");
    public static final Setting<Duration> HTTP_RETRY_PAUSE = Setting.duration("http.retry-pause", "500ms",
            "pause before a retry");
    public static final Setting<Boolean> HTTP_RETRY_TIMEOUTS = Setting.flag("http.retry-timeouts", "false",
            "also retry timed-out calls (off: a retry doubles how long a hung endpoint holds the run)");
    public static final Setting<Boolean> HTTP_RESUME_TLS = Setting.flag("http.resume-tls", "false",
            "keep connections and TLS sessions between the calls of one run (off: every call opens its own connection "
            + "and makes the full handshake a first visitor makes, and response times include it; the sandbox turns it on "
            + "to spare its self-tests' CPU, and its runs also resume the sessions of the runs before them)");
    public static final Setting<Duration> HTTP_MAX_RETRY_AFTER = Setting.duration("http.max-retry-after", "10s",
            "an answer that says \"later\" (429, or 503 with `Retry-After`) is waited for once, as long "
            + "as it asks (`Retry-After`, else `X-RateLimit-Reset`), up to this; a longer wait, or a "
            + "second refusal, is one \"rate limited\" finding; `0s`: never waited for");
    public static final Setting<Duration> DB_CONNECT_TIMEOUT = Setting.duration("db.connect-timeout", "5s",
            "database connect and login timeout");
    public static final Setting<Duration> DB_STATEMENT_TIMEOUT = Setting.duration("db.statement-timeout", "10s",
            "server-side statement timeout of the monitoring session");
    public static final Setting<Duration> THRESHOLD_FRONTEND_RESPONSE_TIME = Setting.duration("threshold.frontend.response-time", "3s",
            "slowest acceptable front-end answer (runbook: > 3 s is \"high\")");
    public static final Setting<Integer> THRESHOLD_OVERNIGHT_ERRORS = Setting.integer("threshold.overnight-errors", "25",
            "most error-level log entries acceptable in 24 h, however quiet the day");
    public static final Setting<Double> THRESHOLD_OVERNIGHT_ERROR_SHARE = Setting.decimal("threshold.overnight-error-share", "1.0",
            "error-level log entries acceptable per 100 edge-function calls of the same 24 h, in %: on a busy day the "
            + "limit grows with the traffic (the larger of the two applies; the calls are counted with logs.error-rate-query)");
    public static final Setting<Duration> THRESHOLD_P95 = Setting.duration("threshold.p95", "3s",
            "p95 response time: the failure limit (runbook \"High Response Times\")");
    public static final Setting<Duration> THRESHOLD_P95_DEGRADED = Setting.duration("threshold.p95-degraded", "1s",
            "p95 response time: above it the check ends degraded (the warning band)");
    public static final Setting<Double> THRESHOLD_FUNCTION_ERROR_RATE = Setting.decimal("threshold.function-error-rate", "5.0",
            "edge function 5xx share over 7 days, in %");
    public static final Setting<Double> THRESHOLD_FUNCTION_ERROR_RATE_DEGRADED = Setting.decimal("threshold.function-error-rate-degraded", "1.0",
            "edge function 5xx share over 7 days, in %: the warning band");
    public static final Setting<Double> THRESHOLD_DB_CPU = Setting.decimal("threshold.db-cpu", "70.0",
            "database host CPU use, in %: the failure limit");
    public static final Setting<Double> THRESHOLD_DB_MEMORY = Setting.decimal("threshold.db-memory", "80.0",
            "database host memory use, in %: the failure limit");
    public static final Setting<Double> BUDGET_DAILY_USD = Setting.decimal("budget.daily-usd", "50.0",
            "daily AI spend cap: failure above it");
    public static final Setting<Double> BUDGET_MONTHLY_USD = Setting.decimal("budget.monthly-usd", "1000.0",
            "monthly AI budget");
    public static final Setting<Double> BUDGET_MONTHLY_FAIL_SHARE = Setting.decimal("budget.monthly-fail-share", "1.2",
            "month-to-date spend fails above this share of the budget");
    public static final Setting<Double> BUDGET_WARN_SHARE = Setting.decimal("budget.warn-share", "0.8",
            "both spends are degraded above this share of the cap / budget");
    public static final Setting<Integer> THRESHOLD_AUDIT_EVENTS = Setting.integer("threshold.audit-events", "0",
            "most untriaged security events acceptable in 7 days");
    public static final Setting<Double> THRESHOLD_AUDIT_VOLUME_FACTOR = Setting.decimal("threshold.audit-volume-factor", "3.0",
            "a week with more than this many times the weekly mean of the four weeks before it is "
            + "degraded, triaged or not");
    public static final Setting<Double> THRESHOLD_DB_QUOTA_SHARE = Setting.decimal("threshold.db-quota-share", "0.85",
            "what the database uses as a share of its room (`db.quota`, or the disk's)");
    public static final Setting<Double> THRESHOLD_DB_QUOTA_SHARE_DEGRADED = Setting.decimal("threshold.db-quota-share-degraded", "0.7",
            "what the database uses as a share of its room: the warning band");
    public static final Setting<Duration> THRESHOLD_BACKUP_RUN_TIME = Setting.duration("threshold.backup-run-time", "6h",
            "how long a daily backup may take: while one is in progress, the RPO counts from when it started, for at most this long");
    public static final Setting<Duration> THRESHOLD_BACKUP_AGE = Setting.duration("threshold.backup-age", "24h",
            "RPO: the newest recovery point (a completed daily backup, or the end of the "
            + "point-in-time-recovery window) must be younger");
    public static final Setting<Duration> THRESHOLD_BACKUP_FAILED_WINDOW = Setting.duration("threshold.backup-failed-window", "7d",
            "no FAILED backup within this window");
    public static final Setting<Duration> THRESHOLD_BACKUP_RETENTION = Setting.duration("threshold.backup-retention", "",
            "how far back recovery must reach. Empty: what the plan keeps, read from the "
            + "organization's entitlements (`backup.retention_days`: Pro 7 days, Team 14, Enterprise up "
            + "to 30); 7 days with point-in-time recovery (its smallest add-on) or when the plan cannot "
            + "be read. Set it (`30d`) to expect more. The preflight reports what the project keeps");
    public static final Setting<Duration> THRESHOLD_WAL_AGE = Setting.duration("threshold.wal-age", "1h",
            "with point-in-time recovery, a WAL window ending longer ago is degraded (Supabase "
            + "archives WAL every two minutes)");
    public static final Setting<Integer> THRESHOLD_CERT_DAYS = Setting.integer("threshold.cert-days", "14",
            "cap on the certificate rule (docs/checks.md, `security-review.*-certificate`): failure once less than a third of the lifetime or this many days is left, whichever is smaller");
    public static final Setting<Integer> THRESHOLD_CERT_DAYS_DEGRADED = Setting.integer("threshold.cert-days-degraded", "30",
            "cap on the certificate rule: degraded past the renewal point (a third of the lifetime, half under 10 days), at most this many days before expiry");
    public static final Setting<Duration> THRESHOLD_KEY_AGE = Setting.duration("threshold.key-age", "90d",
            "API keys must have been rotated within this period");
    public static final Setting<Double> THRESHOLD_CONNECTIONS_SHARE = Setting.decimal("threshold.connections-share", "0.9",
            "sessions as a share of `max_connections`");
    public static final Setting<Double> THRESHOLD_CONNECTIONS_SHARE_DEGRADED = Setting.decimal("threshold.connections-share-degraded", "0.8",
            "sessions as a share of `max_connections`: the warning band");
    public static final Setting<Duration> THRESHOLD_IDLE_IN_TRANSACTION = Setting.duration("threshold.idle-in-transaction", "5m",
            "an idle-in-transaction session older than this is reported");
    public static final Setting<Duration> THRESHOLD_SLOW_QUERY_MEAN = Setting.duration("threshold.slow-query-mean", "1s",
            "slowest acceptable mean time of a frequent statement");
    public static final Setting<Integer> THRESHOLD_RLS_VIOLATIONS = Setting.integer("threshold.rls-violations", "0",
            "most row-level security refusals acceptable in 24 h");
    public static final Setting<Integer> THRESHOLD_SECURITY_EVENTS_1H = Setting.integer("threshold.security-events-1h", "5",
            "most security events acceptable in the last hour");
    public static final Setting<Integer> THRESHOLD_ACTIVE_INCIDENTS = Setting.integer("threshold.active-incidents", "0",
            "most ACTIVE security incidents acceptable");
    public static final Setting<Duration> THRESHOLD_FRESHNESS = Setting.duration("threshold.freshness", "24h",
            "a key table's newest row must be younger");
    public static final Setting<Double> THRESHOLD_ROW_DROP = Setting.decimal("threshold.row-drop", "0.05",
            "largest acceptable loss of rows since the previous run (share)");
    public static final Setting<Boolean> PROBE_AI_QUERY_ENABLED = Setting.flag("probe.ai-query.enabled", "false",
            "opt-in: ask ai-query a real question (costs AI tokens, uses a rate-limit slot, writes "
            + "history rows); off in the shipped files");
    public static final Setting<String> PROBE_AI_QUERY_QUESTION = Setting.text("probe.ai-query.question", "Reply with the single word: pong",
            "the question");
    public static final Setting<Boolean> JOURNEY_ENABLED = Setting.flag("journey.enabled", "false",
            "opt-in: the signed-in journey (the dedicated monitoring user signs in, asks `journey.question` in the app and "
            + "signs out; it spends AI tokens and writes that user's history rows); true in the sandbox");
    public static final Setting<String> JOURNEY_USER_EMAIL = Setting.text("journey.user-email", "",
            "the dedicated monitoring user's email (README: how to create it); never a real user's");
    public static final Setting<String> JOURNEY_USER_ID = Setting.text("journey.user-id", "",
            "that user's id (Authentication > Users; journey.sign-in and the preflight name it): the data-loss check "
            + "leaves the rows the journey writes out of its counts");
    public static final Setting<String> JOURNEY_USER_PASSWORD = Setting.text("journey.user-password", "",
            "secret: that user's password; the run signs in afresh with it and signs out at its end");
    public static final Setting<String> JOURNEY_QUESTION = Setting.text("journey.question", "Reply with the single word: pong",
            "the question the journey asks in the app's chat");
    public static final Setting<String> JOURNEY_SIGN_IN_PATH = Setting.text("journey.sign-in-path", "/auth",
            "the app's sign-in page (its route for src/pages/Auth.tsx)");
    public static final Setting<String> JOURNEY_CHAT_PATH = Setting.text("journey.chat-path", "/conversations",
            "the app's chat page (its route for the conversations view)");
    public static final Setting<Duration> JOURNEY_ANSWER_TIMEOUT = Setting.duration("journey.answer-timeout", "90s",
            "how long ai-query may take to answer the chat's question (AI answers take tens of seconds), and the chat then "
            + "to show it");
    public static final Setting<URI> NOTIFY_SLACK_WEBHOOK_URL = Setting.url("notify.slack.webhook-url", "",
            "secret: Slack incoming webhook");
    public static final Setting<String> NOTIFY_TELEGRAM_BOT_TOKEN = Setting.text("notify.telegram.bot-token", "",
            "secret: the Telegram bot that writes the notifications; empty: off");
    public static final Setting<String> NOTIFY_TELEGRAM_CHAT_ID = Setting.text("notify.telegram.chat-id", "",
            "the Telegram chat the bot writes to");
    public static final Setting<URI> NOTIFY_TELEGRAM_API_URL = Setting.url("notify.telegram.api-url", "https://api.telegram.org",
            "Telegram Bot API base");
    public static final Setting<URI> NOTIFY_WEBHOOK_URL = Setting.url("notify.webhook.url", "",
            "secret: a generic JSON webhook (PagerDuty-like receivers); empty: off");
    public static final Setting<String> NOTIFY_WEBHOOK_TOKEN = Setting.text("notify.webhook.token", "",
            "secret: the webhook's optional bearer token");
    public static final Setting<URI> NOTIFY_ALERTMANAGER_URL = Setting.url("notify.alertmanager.url", "",
            "an Alertmanager (`http://alertmanager:9093`): each failing check is posted to `/api/v2/alerts` as "
            + "`SyntheticCheckFailing` with the alert rules' labels, and resolved (`endsAt`) when it recovers; empty: off");
    public static final Setting<String> NOTIFY_PAGERDUTY_ROUTING_KEY = Setting.text("notify.pagerduty.routing-key", "",
            "secret (env `PAGERDUTY_ROUTING_KEY`): a PagerDuty Events API v2 integration key: an incident per failing check (`dedup_key` "
            + "environment/location/check), resolved when it recovers; empty: off").fromEnvironment("PAGERDUTY_ROUTING_KEY");
    public static final Setting<URI> NOTIFY_PAGERDUTY_URL = Setting.url("notify.pagerduty.url",
            "https://events.pagerduty.com/v2/enqueue", "PagerDuty's Events API v2 enqueue endpoint");
    public static final Setting<URI> NOTIFY_HEARTBEAT_URL = Setting.url("notify.heartbeat.url", "",
            "secret: a heartbeat (Healthchecks.io, Cronitor, Better Stack): `URL/start` when a run begins, `URL` when it "
            + "ends healthy, `URL/fail` when not; the service alerts when the pings stop");
    public static final Setting<String> NOTIFY_SLACK_MIN_SEVERITY = Setting.text("notify.slack.min-severity", "low",
            "the least severe failure Slack hears of: `critical`, `high`, `medium` or `low` (the runbook's escalation matrix)");
    public static final Setting<String> NOTIFY_TELEGRAM_MIN_SEVERITY = Setting.text("notify.telegram.min-severity", "low",
            "the least severe failure the Telegram chat hears of");
    public static final Setting<String> NOTIFY_WEBHOOK_MIN_SEVERITY = Setting.text("notify.webhook.min-severity", "low",
            "the least severe failure the webhook hears of");
    public static final Setting<String> NOTIFY_ALERTMANAGER_MIN_SEVERITY = Setting.text("notify.alertmanager.min-severity", "low",
            "the least severe failure posted to Alertmanager (its routes can still split by the `severity` label)");
    public static final Setting<String> NOTIFY_PAGERDUTY_MIN_SEVERITY = Setting.text("notify.pagerduty.min-severity", "high",
            "the least severe failure that opens a PagerDuty incident (the matrix pages for Critical and High)");
    public static final Setting<Duration> NOTIFY_REMINDER_INTERVAL = Setting.duration("notify.reminder-interval", "4h",
            "while the same checks keep failing, a reminder at most this often");
    public static final Setting<Integer> NOTIFY_AFTER_FAILURES = Setting.integer("notify.after-failures", "1",
            "failing runs in a row before the first notification (the smoke schedules use 2)");
    public static final Setting<Integer> NOTIFY_AFTER_SUCCESSES = Setting.integer("notify.after-successes", "1",
            "passing runs in a row before the recovery message");
    public static final Setting<Duration> NOTIFY_TIMEOUT = Setting.duration("notify.timeout", "5s",
            "connect and read timeout of each notification");
    public static final Setting<URI> REPORT_URL = Setting.url("report.url", "",
            "the link a notification carries");
    public static final Setting<String> MAINTENANCE_WINDOWS = Setting.text("maintenance.windows", "",
            "planned maintenance, below");
    public static final Setting<URI> PUSHGATEWAY_URL = Setting.url("pushgateway.url", "",
            "a Prometheus Pushgateway, e.g. `http://pushgateway:9091`: each run replaces its group "
            + "there (env `PUSHGATEWAY_URL`)");
    public static final Setting<String> PUSHGATEWAY_USERNAME = Setting.text("pushgateway.username", "",
            "basic-auth user for a Pushgateway behind a proxy that asks for one (with `PUSHGATEWAY_PASSWORD`); "
            + "`user:password@` in pushgateway.url works too");
    public static final Setting<String> PUSHGATEWAY_PASSWORD = Setting.text("pushgateway.password", "",
            "secret (env `PUSHGATEWAY_PASSWORD`): that user's password");
    public static final Setting<Duration> PUSHGATEWAY_TIMEOUT = Setting.duration("pushgateway.timeout", "5s",
            "connect and read timeout of the push");
    public static final Setting<String> MONITOR_LOCATION = Setting.text("monitor.location", "",
            "the `location` label of every series: which runner saw it");
    public static final Setting<List<String>> MONITOR_REFERENCE_URLS = Setting.list("monitor.reference-urls", "",
            "addresses this runner tries when production's hosts cannot be reached at all (comma-separated URLs); none reachable either: the run is BLIND (the runner's DNS or network), not an outage. Empty: the set status pages and the Management API");
    public static final Setting<Boolean> MONITOR_STRICT = Setting.flag("monitor.strict", "false",
            "`true`: a missing setting fails the check instead of skipping it");
    // ---- deployment procedures: the gate before a deploy (predeploy) and the verification after it (postdeploy) ----
    public static final Setting<String> DEPLOY_STAGING_ENVIRONMENT = Setting.text("deploy.staging-environment", "staging",
            "the environment whose latest daily and smoke runs (kept in `reports/history`) must be green before a deploy");
    public static final Setting<Duration> DEPLOY_STAGING_MAX_AGE = Setting.duration("deploy.staging-max-age", "24h",
            "how old those staging runs may be");
    public static final Setting<String> DEPLOY_STAGING_PROJECT_REF = Setting.text("deploy.staging-project-ref", "",
            "the staging Supabase project, whose applied migrations must include every migration production will get");
    public static final Setting<String> DEPLOY_MIGRATIONS_DIR = Setting.text("deploy.migrations-dir", "",
            "the app's checkout's `supabase/migrations`: every file there must be applied in staging; empty: staging "
            + "is only compared with production");
    public static final Setting<List<String>> DEPLOY_REQUIRED_SECRETS = Setting.list("deploy.required-secrets",
            "ANTHROPIC_API_KEY,OPENAI_API_KEY,OPENROUTER_API_KEY,TELEGRAM_BOT_TOKEN,TELEGRAM_SECRET_TOKEN,SLACK_BOT_TOKEN,"
                    + "SLACK_SIGNING_SECRET",
            "the edge-function secrets production must have (names only; the default is what `ai-query`, "
            + "`telegram-webhook` and `slack-webhook` read with `Deno.env.get`)");
    public static final Setting<Duration> DEPLOY_MAX_BACKUP_AGE = Setting.duration("deploy.max-backup-age", "1h",
            "the newest recovery point (daily backup or point-in-time recovery) may be at most this old before a deploy");
    public static final Setting<String> DEPLOY_COMMIT = Setting.text("deploy.commit", "",
            "the commit just deployed (the deploy workflow passes it): after a deploy, the deploy serving `frontend.url` "
            + "must be built from it");
    public static final Setting<String> NETLIFY_SITE_ID = Setting.text("netlify.site-id", "",
            "the Netlify site's API id (Site configuration > Site details)");
    public static final Setting<String> NETLIFY_AUTH_TOKEN = Setting.text("netlify.auth-token", "",
            "secret: a Netlify personal access token, to list the site's deploys (read only); without it the rollback "
            + "check skips");
    public static final Setting<URI> NETLIFY_API_URL = Setting.url("netlify.api-url", "https://api.netlify.com",
            "Netlify API base");

    public static final Setting<List<String>> SANDBOX_FAULTS = Setting.list("sandbox.faults", "",
            "faults to switch on in the sandbox ([sandbox.md](sandbox.md))");
    public static final Setting<String> SANDBOX_POSTGRES_VERSION = Setting.text("sandbox.postgres-version", "15",
            "the sandbox's PostgreSQL major: `15` or `17`, the two Supabase runs projects on");
    public static final Setting<Duration> SANDBOX_METRICS_REFRESH = Setting.duration("sandbox.metrics-refresh", "1s",
            "how often the sandbox's Metrics API changes its series");
    public static final Setting<String> SANDBOX_GATEWAY_REFUSAL = Setting.text("sandbox.gateway-refusal", "",
            "serve one recorded gateway refusal (`ext/gateway/NAME` under "
            + "`src/sandbox/resources/contracts`) for every refusal");

    public static final Setting<Duration> SANDBOX_TOKEN_LIFETIME = Setting.duration("sandbox.token-lifetime", "5m",
            "how long the sandbox's GoTrue keeps an access token valid (Supabase: an hour by default)");
    public static final Setting<Duration> SANDBOX_CLOCK_OFFSET = Setting.duration("sandbox.clock-offset", "0s",
            "how far ahead of this machine the sandbox's GoTrue tells the time (a run an hour later, without the wait)");
    public static final Setting<String> SANDBOX_FAULTS_FILE = Setting.text("sandbox.faults-file", "",
            "the warm runner with `env=local`: a file listing the sandbox's faults (comma or line separated), read before "
            + "each cycle; a change switches them while the runner runs, an empty file switches them all off");
    public static final Setting<Boolean> SANDBOX_KEPT = Setting.flag("sandbox.kept", "false",
            "the sandbox is already running and these settings point at it: the warm runner starts it once and keeps it "
            + "between cycles (the runner sets it)");
    public static final Setting<String> SANDBOX_FRONTEND_BUILD = Setting.text("sandbox.frontend-build", "",
            "a folder holding a Vite build of the real app's front end (its index.html and assets/): the sandbox serves it in "
                    + "place of its own page, with the app's netlify.toml headers and SPA rewrite, the Supabase address and keys "
                    + "baked into the build answered by the sandbox (docs/sandbox.md, 'The real app')");


    // ---- how a run is launched and where it writes (the build sets these for a monitoring run) ----
    public static final Setting<String> ENV = Setting.text("env", "local",
            "the environment: `local` (the sandbox), `staging`, `production` (`src/test/resources/environments/NAME.properties`)");
    public static final Setting<String> ENV_FILE = Setting.text("env.file", "",
            "load the environment from this properties file instead (a preview or regional deployment); never starts the sandbox. The environment is then named by the file's stem (`preview-eu.properties`: `preview-eu`), or by `env.name`; never by its path");
    public static final Setting<String> ENV_NAME = Setting.text("env.name", "",
            "the environment's name for a run of `env.file` (its label in metrics, history and the report); empty: the file's stem");
    public static final Setting<String> MONITOR_REPORT_DIR = Setting.text("monitor.report.dir", "reports",
            "where a run writes its outputs: `reports/` for a monitoring run, `target/reports/` for the project's own "
            + "test run (the build sets it)");
    public static final Setting<String> MONITOR_TAG_EXPRESSION = Setting.text("monitor.tag-expression", "",
            "the run's tag expression, `-Dgroups` (the build sets it)");
    public static final Setting<Boolean> MONITOR_CHECK_RUN = Setting.flag("monitor.check-run", "false",
            "a monitoring run: a tag expression that selects no check is an error (the build sets it)");
    public static final Setting<Boolean> MONITOR_EVIDENCE = Setting.flag("monitor.evidence", "true",
            "`false`: the checks attach no evidence to Allure's report (a run inside another run, such as the staging "
            + "checks a deploy gate runs itself)");
    public static final Setting<Boolean> MONITOR_QUIET = Setting.flag("monitor.quiet", "false",
            "print nothing of the run but the errors of its outputs: the warm runner prints one line a cycle instead "
            + "(it sets this; `-Dmonitor.quiet=false` shows each cycle's table)");
    public static final Setting<Boolean> MONITOR_CONSOLE = Setting.flag("monitor.console", "false",
            "print the end-of-run table and the run's notes to the console (a monitoring run always does)");
    public static final Setting<String> BROWSER_DRIVER = Setting.text("browser.driver", "",
            "the chromedriver to use; empty: `webdriver.chrome.driver`, else the first `chromedriver` on the `PATH`; `selenium-manager`: "
            + "Selenium Manager finds one, downloading a driver matching the installed Chrome when none is there (a laptop with the "
            + "internet); `selenium-manager-offline`: Selenium Manager finds one without any download");

    /**
     * Settings that no longer exist, each with what replaces it: a file or a CI that still sets one stops at the start with
     * that message (one finding, the monitor's own), never a run that quietly ignores it.
     */
    public static final Map<String, String> RETIRED = Map.of(
            "probe.ai-query.user-token", "a stored user token expires within the hour, so a scheduled question failed after "
                    + "it; create the dedicated monitoring user (README, 'The signed-in journey') and set journey.user-email and "
                    + "JOURNEY_USER_PASSWORD instead: each run signs that user in afresh and out at its end");

    /** Every declared setting, in declaration order. */
    public static final List<Setting<?>> ALL = declared();

    private Keys() {
    }

    /** The declared setting of this key, if there is one. */
    public static java.util.Optional<Setting<?>> named(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    private static List<Setting<?>> declared() {
        List<Setting<?>> all = new ArrayList<>();
        for (Field f : Keys.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Setting.class) {
                try {
                    all.add((Setting<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableList(all);
    }
}
