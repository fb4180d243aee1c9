package com.aiqueryhub.monitor.preflight;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.probe.LogsAnswer;
import com.aiqueryhub.monitor.probe.RowVisibility;
import com.aiqueryhub.monitor.run.PreflightItem;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.probe.BackupRetention;
import com.aiqueryhub.monitor.probe.DiskCeiling;
import com.aiqueryhub.monitor.probe.RecoveryPoints;
import com.aiqueryhub.monitor.probe.DatabaseProbe;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.probe.HttpCall;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.HttpProbe;
import com.aiqueryhub.monitor.probe.Prometheus;
import com.aiqueryhub.monitor.probe.ProviderSpend;
import com.aiqueryhub.monitor.probe.StatusPages;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fits the suite to a deployment before the first scheduled run can page anyone: for each thing the checks rely
 * on, whether it is there as configured, and if not which setting to change. Read-only like every probe; a
 * handful of Management API calls (project, backups, functions, one dry run per logs query).
 */
public final class Preflight {

    private final RunContext run;
    private final Settings s;

    public Preflight(RunContext run) {
        this.run = run;
        this.s = run.settings();
    }

    // ---- settings ----

    /**
     * Per cadence, whether every setting its checks need is set; {@code needs} is what the checks declare where they are
     * written (CheckNeeds), so a check added to a cadence brings its needs with it.
     */
    public List<PreflightItem> settings(Map<String, List<String>> needs) {
        List<PreflightItem> items = new ArrayList<>();
        for (Map.Entry<String, List<String>> cadence : needs.entrySet()) {
            List<String> missing = new ArrayList<>();
            for (String need : cadence.getValue()) {
                // the billing check's providers: any one key will do, or the spend read from SQL (cost.source=sql)
                boolean unmet = need.contains(Keys.COST_OPENROUTER_API_KEY.key()) ? noBillingSource()
                        : Arrays.stream(need.split("\\|")).noneMatch(key -> Keys.named(key).map(s::isSet).orElse(false));
                if (unmet) {
                    missing.add(need.split("\\|")[0]);
                }
            }
            // the database's address: db.url, or the session pooler's, which the Management API tells
            if (s.find(Keys.DB_URL).isEmpty() && !pooler() && cadence.getValue().contains(Keys.DB_PASSWORD.key())) {
                missing.add(Keys.DB_URL.key());
            }
            String id = "settings." + cadence.getKey();
            items.add(missing.isEmpty() ? PreflightItem.ok(id, "every setting the " + cadence.getKey() + " checks need is set")
                    : PreflightItem.problem(id, cadence.getKey() + " checks would be skipped: set "
                    + missing.stream().map(Setting::envVarName).collect(Collectors.joining(", ")), missing.get(0)));
        }
        List<String> set = s.secretsSet();
        items.add(PreflightItem.ok("settings.secrets", "secrets set (names only): "
                + (set.isEmpty() ? "none" : String.join(", ", set))
                + "; not set: " + Keys.ALL.stream().filter(Setting::secret).map(Setting::envVar).filter(k -> !set.contains(k))
                .collect(Collectors.joining(", "))));
        return items;
    }

    // ---- tables and columns the checks read ----

    public List<PreflightItem> tables() {
        List<PreflightItem> items = new ArrayList<>();
        Optional<DatabaseProbe> db = database(items, "tables");
        if (db.isEmpty()) {
            return items;
        }
        List<String> auditColumns = new ArrayList<>(List.of(s.get(Keys.AUDIT_TIME_COLUMN), s.get(Keys.AUDIT_ACTION_COLUMN)));
        s.find(Keys.AUDIT_STATUS_COLUMN).filter(c -> !c.equalsIgnoreCase("none")).ifPresent(auditColumns::add);
        items.add(table(db.get(), "tables.audit", "audit.table", s.get(Keys.AUDIT_TABLE), auditColumns));
        items.add(table(db.get(), "tables.incidents", "incidents.table", s.get(Keys.INCIDENTS_TABLE),
                List.of("type", "severity", "status", "detected_at")));
        for (String t : s.get(Keys.DATALOSS_TABLES)) {
            items.add(table(db.get(), "tables.dataloss." + t, "dataloss.tables", t, List.of(s.get(Keys.DATALOSS_TIME_COLUMN))));
        }
        return items;
    }

    private PreflightItem table(DatabaseProbe db, String id, String setting, String table, List<String> columns) {
        DbObservation found = db.query("select a.attname as col from pg_attribute a where a.attrelid = to_regclass(?) "
                + "and a.attnum > 0 and not a.attisdropped", table);
        if (!found.answered()) {
            return PreflightItem.unknown(id, "cannot read the catalog: " + found.summary(), "db.url");
        }
        Set<String> present = found.rows().stream().map(r -> String.valueOf(r.get("col"))).collect(Collectors.toSet());
        List<String> missing = columns.stream().filter(c -> !present.contains(c)).toList();
        if (!present.isEmpty() && missing.isEmpty()) {
            return PreflightItem.ok(id, table + " exists with " + String.join(", ", columns));
        }
        List<Candidate> candidates = candidates(db, table, columns);
        String what = present.isEmpty() ? "table " + table + " does not exist" : table + " lacks column(s) " + String.join(", ", missing);
        String list = candidates.isEmpty() ? "no table of the live schema looks like it"
                : "tables of the live schema that look like it: " + candidates.stream().map(Candidate::describe)
                .collect(Collectors.joining("; "));
        PreflightItem item = PreflightItem.problem(id, what + " (" + setting + "); " + list, setting);
        Optional<Candidate> best = candidates.stream().filter(c -> c.missing().isEmpty()).findFirst();
        if (best.isPresent() && present.isEmpty()) {
            item = item.suggesting(setting.equals("dataloss.tables")
                    ? s.get(Keys.DATALOSS_TABLES).stream().map(t -> t.equals(table) ? best.get().name() : t).collect(Collectors.joining(","))
                    : best.get().name());
        }
        return item;
    }

    record Candidate(String name, List<String> columns, List<String> missing, int score) {
        String describe() {
            return name + " (" + (missing.isEmpty() ? "has every column the check reads" : "lacks " + String.join(", ", missing))
                    + ")";
        }
    }

    /** Tables in the app's schemas ranked by shared name parts and by the columns the check needs. */
    private static List<Candidate> candidates(DatabaseProbe db, String table, List<String> columns) {
        DbObservation all = db.query("select n.nspname || '.' || c.relname as name, array_to_string(array_agg(a.attname::text), ',') as cols "
                + "from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid "
                + "and a.attnum > 0 and not a.attisdropped where c.relkind in ('r', 'v', 'p', 'm') and n.nspname not in "
                + "('pg_catalog', 'information_schema', 'pg_toast', 'extensions', 'auth', 'storage', 'realtime', 'graphql', "
                + "'graphql_public', 'vault', 'supabase_functions', 'supabase_migrations', 'net', 'pgsodium', 'cron') "
                + "group by 1");
        if (!all.answered()) {
            return List.of();
        }
        String bare = table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table;
        Set<String> parts = new LinkedHashSet<>(Arrays.asList(bare.toLowerCase(java.util.Locale.ROOT).split("_")));
        parts.removeIf(p -> p.length() < 3);
        List<Candidate> ranked = new ArrayList<>();
        for (Map<String, Object> row : all.rows()) {
            String name = String.valueOf(row.get("name"));
            String shortName = name.substring(name.indexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
            List<String> cols = Arrays.asList(String.valueOf(row.get("cols")).split(","));
            List<String> missing = columns.stream().filter(c -> !cols.contains(c)).toList();
            int nameScore = (int) parts.stream().filter(p -> shortName.contains(p) || p.startsWith(shortName.replaceAll("s$", ""))).count();
            int score = nameScore * 2 + (columns.size() - missing.size());
            if (nameScore > 0 || missing.isEmpty()) {
                ranked.add(new Candidate(name.startsWith("public.") ? name.substring(7) : name, cols, missing, score));
            }
        }
        ranked.sort(Comparator.comparingInt(Candidate::score).reversed().thenComparing(Candidate::name));
        return ranked.subList(0, Math.min(5, ranked.size()));
    }

    // ---- the monitoring role ----

    public List<PreflightItem> role() {
        List<PreflightItem> items = new ArrayList<>();
        Optional<DatabaseProbe> db = database(items, "role");
        if (db.isEmpty()) {
            return items;
        }
        DbObservation role = db.get().query("select r.rolname as name, "
                + "coalesce(array_to_string(r.rolconfig, ','), '') as config, "
                + "pg_has_role(current_user, 'pg_read_all_stats', 'member') as stats from pg_roles r where r.rolname = current_user");
        if (!role.answered() || role.rows().isEmpty()) {
            items.add(PreflightItem.unknown("role.read-only", "cannot read the role: " + role.summary(), "db.user"));
            return items;
        }
        Map<String, Object> r = role.rows().get(0);
        String name = String.valueOf(r.get("name"));
        boolean readOnly = String.valueOf(r.get("config")).contains("default_transaction_read_only=on");
        items.add(readOnly ? PreflightItem.ok("role.read-only", name + " is read-only by default (default_transaction_read_only=on)")
                : PreflightItem.problem("role.read-only", name + " is not read-only by its own default (the suite's session "
                + "is, but a role that can write is a risk): alter role " + name + " set default_transaction_read_only = on",
                "db.user"));
        List<String> hidden = tablesRead().stream()
                .filter(t -> RowVisibility.hidesRows(db.get(), t).orElse(false)).toList();
        items.add(hidden.isEmpty() ? PreflightItem.ok("role.rls", name + " sees every row of the tables the checks count")
                : PreflightItem.problem("role.rls", "row-level security hides the rows of " + String.join(", ", hidden) + " from "
                + name + ": its counts would read 0; create the role WITH BYPASSRLS (README step 1)", "db.user"));
        items.add(Boolean.TRUE.equals(r.get("stats")) ? PreflightItem.ok("role.pg-stat-activity", name
                + " reads pg_stat_activity in full (pg_read_all_stats, part of pg_monitor)")
                : PreflightItem.problem("role.pg-stat-activity", name + " sees only its own sessions in pg_stat_activity: "
                + "grant pg_monitor to " + name, "db.user"));
        DbObservation schema = db.get().query("select n.nspname as schema from pg_extension e join pg_namespace n "
                + "on n.oid = e.extnamespace where e.extname = 'pg_stat_statements'");
        if (!schema.answered() || schema.rows().isEmpty()) {
            items.add(PreflightItem.problem("role.pg-stat-statements", "pg_stat_statements is not installed in this database: "
                    + "create extension pg_stat_statements with schema extensions", "db.url"));
        } else {
            String where = String.valueOf(schema.rows().get(0).get("schema"));
            DbObservation read = db.get().query("select count(*) from " + DatabaseProbe.identifier(where) + ".pg_stat_statements");
            items.add(read.answered() ? PreflightItem.ok("role.pg-stat-statements", "pg_stat_statements readable in schema " + where)
                    : PreflightItem.problem("role.pg-stat-statements", "pg_stat_statements in schema " + where + " is not readable ("
                    + read.summary() + "): grant usage on schema " + where + " to " + name, "db.user"));
        }
        return items;
    }

    private List<String> tablesRead() {
        Set<String> tables = new LinkedHashSet<>();
        tables.add(s.get(Keys.AUDIT_TABLE));
        tables.add(s.get(Keys.INCIDENTS_TABLE));
        tables.addAll(s.get(Keys.DATALOSS_TABLES));
        return new ArrayList<>(tables);
    }

    // ---- status pages ----

    public List<PreflightItem> statusPages() {
        List<PreflightItem> items = new ArrayList<>();
        for (String provider : StatusPages.PROVIDERS) {
            String id = "statuspage." + provider;
            String urlKey = run.upstream().urlSetting(provider).key();
            if (s.find(run.upstream().urlSetting(provider)).isEmpty()) {
                items.add(PreflightItem.ok(id, "switched off (" + urlKey + " empty): not read"));
                continue;
            }
            String format = run.upstream().format(provider);
            StatusPages.Reading reading;
            try {
                reading = StatusPages.interpret(provider, format, run.upstream().page(provider));
            } catch (SettingsException e) {
                items.add(PreflightItem.problem(id, e.getMessage(), "statuspage." + provider + ".format"));
                continue;
            }
            HttpObservation page = run.upstream().page(provider);
            if (reading.condition() != StatusPages.Condition.UNKNOWN) {
                items.add(PreflightItem.ok(id, "readable as " + format + " JSON (" + page.call().url() + "), now "
                        + reading.condition().name().toLowerCase(java.util.Locale.ROOT)));
            } else if (!page.answered() || page.status() >= 500) {
                items.add(PreflightItem.unknown(id, reading.text() + "; the checks will report it as 'upstream status unknown', "
                        + "never red", urlKey));
            } else {
                items.add(otherFormat(provider, format, reading));
            }
        }
        return items;
    }

    /** A page that is not the JSON its format promises: try the other format, and suggest it when it reads. */
    private PreflightItem otherFormat(String provider, String format, StatusPages.Reading reading) {
        String other = format.equals("statuspage") ? "datadog" : "statuspage";
        HttpObservation tried = run.upstream().pageAs(provider, other);
        boolean fits = StatusPages.interpret(provider, other, tried).condition() != StatusPages.Condition.UNKNOWN;
        PreflightItem item = PreflightItem.problem("statuspage." + provider, reading.text() + "; the checks will report it as "
                + "'upstream status unknown', never red" + (fits ? "; it answers as " + other + " JSON: set statuspage." + provider
                + ".format=" + other : "; neither format reads: point statuspage." + provider + ".url at the provider's page, "
                + "or leave it empty to stop reading it"), "statuspage." + provider + (fits ? ".format" : ".url"));
        return fits ? item.suggesting(other) : item;
    }

    // ---- Supabase's Metrics API ----

    public List<PreflightItem> metrics() {
        if (s.find(Keys.SUPABASE_SERVICE_ROLE_KEY).isEmpty()) {
            return List.of(PreflightItem.unknown("metrics.api", "not tried: supabase.service-role-key is not set (the CPU and "
                    + "memory checks skip without it)", "supabase.service-role-key"));
        }
        HttpObservation scrape = run.metrics().scrape();
        if (!scrape.answered()) {
            return List.of(PreflightItem.unknown("metrics.api", "no answer: " + scrape.summary(), "metrics.url"));
        }
        if (scrape.status() == 401 || scrape.status() == 403) {
            return List.of(PreflightItem.problem("metrics.api", "the Metrics API refused the key (HTTP " + scrape.status()
                    + "): set SUPABASE_SERVICE_ROLE_KEY to a secret API key (sb_secret_...) or the service-role key",
                    "supabase.service-role-key"));
        }
        if (scrape.status() != 200) {
            return List.of(PreflightItem.problem("metrics.api", "the Metrics API answered HTTP " + scrape.status()
                    + " at " + scrape.call().url() + " (it needs the Pro plan or higher)", "metrics.url"));
        }
        boolean cpu = Prometheus.sum(Prometheus.parse(scrape.body()), "node_cpu_seconds_total", Map.of()) > 0;
        return List.of(cpu ? PreflightItem.ok("metrics.api", "reachable with the key; Supabase refreshes it about once a "
                + "minute, the CPU check scrapes every " + s.get(Keys.METRICS_SAMPLE_INTERVAL) + " until the counters move "
                + "(at most " + s.get(Keys.METRICS_MAX_WAIT) + ")")
                : PreflightItem.problem("metrics.api", "reachable, but no node_cpu_seconds_total series", "metrics.url"));
    }

    // ---- the logs endpoint: each configured query, dry run over one minute ----

    public List<PreflightItem> logs() {
        List<PreflightItem> items = new ArrayList<>();
        if (!managementApiSet(items, "logs")) {
            return items;
        }
        Instant now = Instant.now();
        for (Setting<String> query : List.of(Keys.LOGS_ERROR_COUNT_QUERY, Keys.LOGS_ERROR_QUERY, Keys.LOGS_ERROR_RATE_QUERY,
                Keys.LOGS_RLS_VIOLATION_QUERY)) {
            String key = query.key();
            HttpObservation answer = run.supabase().tryLogsQuery(s.get(query));
            JsonNode error = LogsAnswer.error(answer).orElse(null);
            String id = "logs." + key.substring("logs.".length(), key.length() - "-query".length());
            if (answer.answered() && answer.status() == 200 && error == null) {
                items.add(PreflightItem.ok(id, "the logs endpoint accepts " + key));
            } else if (answer.answered() && (answer.status() == 401 || answer.status() == 403)) {
                items.add(PreflightItem.problem(id, "the Management API refused the token", "supabase.access-token"));
            } else if (!answer.answered() || answer.status() >= 500 || HttpProbe.laterAnswer(answer)) {
                items.add(PreflightItem.unknown(id, "not tried: " + answer.summary(), key));
            } else {
                items.add(PreflightItem.problem(id, "the logs endpoint refused " + key + ": " + (error == null ? answer.summary()
                        : LogsAnswer.asTheSourceSaidIt(error)), key));
            }
        }
        return items;
    }

    // ---- the Management API: token, project, backups, functions ----

    public List<PreflightItem> managementApi() {
        List<PreflightItem> items = new ArrayList<>();
        if (!managementApiSet(items, "management-api")) {
            return items;
        }
        HttpObservation project = run.supabase().project();
        if (!project.answered()) {
            items.add(PreflightItem.unknown("management-api.project", "no answer: " + project.summary(), "supabase.management-url"));
        } else if (project.status() == 401 || project.status() == 403) {
            items.add(PreflightItem.problem("management-api.project", "the Management API refused the token (HTTP "
                    + project.status() + "): set SUPABASE_ACCESS_TOKEN to a personal access token of a project member",
                    "supabase.access-token"));
        } else if (HttpProbe.laterAnswer(project)) {
            items.add(PreflightItem.unknown("management-api.project", "rate limited (" + project.summary() + "): the token's "
                    + "user spent the API's minute; run the preflight again later, or give this runner its own token",
                    "supabase.access-token"));
        } else if (project.status() == 404) {
            items.add(PreflightItem.problem("management-api.project", "project " + s.get(Keys.SUPABASE_PROJECT_REF)
                    + " is not visible to this token", "supabase.project-ref"));
        } else {
            String headroom = project.header("x-ratelimit-remaining").map(r -> "; rate-limit headroom " + r
                    + project.header("x-ratelimit-limit").map(l -> " of " + l).orElse("") + " calls").orElse(
                    "; the API reports no rate-limit headers (it allows 120 calls a minute per user and endpoint)");
            items.add(project.status() == 200 ? PreflightItem.ok("management-api.project", "project "
                    + project.jsonObject().map(j -> j.path("name").asText("?") + " (" + j.path("status").asText("?") + ")").orElse("?") + " visible" + headroom)
                    : PreflightItem.problem("management-api.project", project.summary(), "supabase.project-ref"));
        }
        HttpObservation backups = run.supabase().backups();
        items.add(backups.answered() && backups.status() == 200
                ? PreflightItem.ok("management-api.backups", "backups readable")
                : HttpProbe.laterAnswer(backups) ? PreflightItem.unknown("management-api.backups", "rate limited: "
                + backups.summary(), "supabase.access-token")
                : PreflightItem.problem("management-api.backups", "backups not readable: " + backups.summary(), "supabase.access-token"));
        return items;
    }

    /** Each edge function's verify_jwt as deployed, against what the checks expect of it. */
    public List<PreflightItem> functions() {
        List<PreflightItem> items = new ArrayList<>();
        if (!managementApiSet(items, "functions")) {
            return items;
        }
        HttpObservation list = run.supabase().functions();
        if (!list.answered() || list.status() != 200) {
            items.add(PreflightItem.unknown("functions.verify-jwt", "functions not listed: " + list.summary(), "supabase.access-token"));
            return items;
        }
        List<JsonNode> deployed = list.json().filter(JsonNode::isArray).map(j -> {
            List<JsonNode> all = new ArrayList<>();
            j.forEach(all::add);
            return all;
        }).orElse(List.of());
        // null: either door is right for ai-query (the gateway's check, or its own with JWT signing keys); the
        // webhooks must be open at the gateway, since Telegram and Slack send no JWT
        Map<String, Boolean> expected = new LinkedHashMap<>();
        expected.put("ai-query", null);
        expected.put("telegram-webhook", false);
        expected.put("slack-webhook", false);
        List<String> wrong = new ArrayList<>();
        String aiQueryDoor = "";
        for (Map.Entry<String, Boolean> e : expected.entrySet()) {
            JsonNode f = deployed.stream().filter(d -> e.getKey().equals(d.path("slug").asText())).findFirst().orElse(null);
            if (f == null) {
                wrong.add(e.getKey() + " is not deployed");
            } else if (!f.path("verify_jwt").isBoolean()) {
                wrong.add(e.getKey() + " has no verify_jwt in the functions list");
            } else if (e.getValue() == null) {
                aiQueryDoor = f.path("verify_jwt").asBoolean() ? "the gateway checks ai-query's tokens (verify_jwt=true)"
                        : "ai-query verifies tokens itself (verify_jwt=false): the API checks expect its own 401 or 403";
            } else if (f.path("verify_jwt").asBoolean() != e.getValue()) {
                wrong.add(e.getKey() + " has verify_jwt=" + f.path("verify_jwt") + ", the checks expect " + e.getValue());
            }
        }
        items.add(wrong.isEmpty() ? PreflightItem.ok("functions.verify-jwt", aiQueryDoor + "; the webhooks do not check JWTs")
                : PreflightItem.problem("functions.verify-jwt", String.join("; ", wrong) + " (redeploy: supabase functions deploy "
                + "NAME [--no-verify-jwt]; the bot and API checks will report it)", null));
        return items;
    }

    /**
     * What the project really keeps (daily backups or point-in-time recovery, and how far back), against what the
     * backup checks will expect of it (threshold.backup-retention, else the plan's entitlement).
     */
    public List<PreflightItem> backupRetention() {
        List<PreflightItem> items = new ArrayList<>();
        if (!managementApiSet(items, "backups")) {
            return items;
        }
        HttpObservation backups = run.supabase().backups();
        Optional<RecoveryPoints> read = RecoveryPoints.of(backups);
        if (read.isEmpty()) {
            items.add(PreflightItem.unknown("backups.retention", "backups not readable: " + backups.summary(), "supabase.access-token"));
            return items;
        }
        RecoveryPoints points = read.get();
        Optional<Duration> configured = s.find(Keys.THRESHOLD_BACKUP_RETENTION);
        BackupRetention expected = BackupRetention.expected(configured, points, run.supabase()::entitlements);
        if (points.oldest().isEmpty()) {
            items.add(PreflightItem.problem("backups.retention", "no recovery point at all (" + points.kind() + "): on the Free "
                    + "plan Supabase keeps no backups; the backup checks will fail", "threshold.backup-retention"));
            return items;
        }
        long days = Duration.between(points.oldest().get(), Instant.now()).toDays() + 1;
        String keeps = "the project keeps " + days + " days of " + points.kind() + "; the checks expect "
                + expected.days().toDays() + " (" + expected.source() + ")";
        items.add(days >= expected.days().toDays() ? PreflightItem.ok("backups.retention", keeps)
                : PreflightItem.problem("backups.retention", keeps + ": set threshold.backup-retention to what the project "
                + "keeps if that is intended, or raise the retention", "threshold.backup-retention").suggesting(days + "d"));
        return items;
    }

    /**
     * The room the capacity check will judge the database against: db.quota when set, else the disk as the Management
     * API describes it (its use, and its autoscaling limit or its size), else the Pro plan's included 8 GB.
     */
    public List<PreflightItem> diskRoom() {
        List<PreflightItem> items = new ArrayList<>();
        if (s.find(Keys.DB_QUOTA).isPresent()) {
            items.add(PreflightItem.ok("capacity.room", "db.quota " + s.written(Keys.DB_QUOTA) + ": the capacity check "
                    + "judges the database's size against it"));
            return items;
        }
        if (!managementApiSet(items, "capacity.room")) {
            return items;
        }
        Optional<DiskCeiling> room = run.supabase().diskCeiling();
        items.add(room.map(r -> PreflightItem.ok("capacity.room", String.format(java.util.Locale.ROOT,
                        "%.1f GB used on the disk, %.0f %% of %s: the capacity check judges against that", r.usedBytes() / 1e9,
                        r.share() * 100, r.source())))
                .orElse(PreflightItem.unknown("capacity.room", "the disk could not be read (GET /v1/projects/REF/config/disk/util "
                        + "and /autoscale): the capacity check falls back to the Pro plan's included 8 GB; set db.quota to "
                        + "the project's room", "db.quota")));
        return items;
    }

    // ---- the database host over the runner's network ----

    public List<PreflightItem> network() {
        String url;
        try {
            url = s.find(Keys.DB_URL).orElse(null);
            if (url == null && pooler()) {
                url = com.aiqueryhub.monitor.probe.SessionPooler.of(run.supabase().poolerConfig())
                        .map(com.aiqueryhub.monitor.probe.SessionPooler::jdbcUrl).orElse(null);
            }
        } catch (SettingsException e) {
            url = null;
        }
        if (url == null) {
            return List.of(PreflightItem.problem("database.network", "no database address: set DB_URL, or "
                    + "db.connection=session-pooler with the Management API token", "db.url"));
        }
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        String host = uri.getHost();
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (java.net.UnknownHostException e) {
            return List.of(PreflightItem.problem("database.network", host + " does not resolve", "db.url"));
        }
        boolean ipv4 = Arrays.stream(addresses).anyMatch(a -> a instanceof Inet4Address);
        if (!ipv4 && !hasGlobalIpv6()) {
            return List.of(PreflightItem.problem("database.network", host + " resolves to IPv6 only and this runner has no IPv6: "
                    + "use Supabase's session pooler (IPv4): leave db.url empty and set db.connection=session-pooler", "db.connection")
                    .suggesting("session-pooler"));
        }
        long timeout = s.get(Keys.DB_CONNECT_TIMEOUT).toMillis();
        for (InetAddress a : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(a, port), (int) timeout);
                return List.of(PreflightItem.ok("database.network", host + ":" + port + " reachable over "
                        + (a instanceof Inet6Address ? "IPv6" : "IPv4")));
            } catch (java.io.IOException tryNext) {
                // another address of the host may answer
            }
        }
        return List.of(PreflightItem.problem("database.network", host + ":" + port + " does not accept connections from this runner "
                + "within " + timeout + " ms", "db.url"));
    }

    private static boolean hasGlobalIpv6() {
        try {
            return NetworkInterface.networkInterfaces().filter(i -> {
                try {
                    return i.isUp() && !i.isLoopback();
                } catch (java.net.SocketException e) {
                    return false;
                }
            }).flatMap(NetworkInterface::inetAddresses).anyMatch(a -> a instanceof Inet6Address && !a.isLinkLocalAddress()
                    && !a.isLoopbackAddress() && !a.isSiteLocalAddress());
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    // ---- helpers ----

    private boolean pooler() {
        return s.get(Keys.DB_CONNECTION).equals("session-pooler");
    }

    private boolean managementApiSet(List<PreflightItem> items, String group) {
        for (Setting<String> key : List.of(Keys.SUPABASE_PROJECT_REF, Keys.SUPABASE_ACCESS_TOKEN)) {
            if (s.find(key).isEmpty()) {
                items.add(PreflightItem.unknown(group, "not tried: " + key + " is not set", key.key()));
                return false;
            }
        }
        return true;
    }

    private Optional<DatabaseProbe> database(List<PreflightItem> items, String group) {
        DatabaseProbe db;
        try {
            db = run.database().probe();
        } catch (RuntimeException e) {
            items.add(PreflightItem.unknown(group, "not tried: " + e.getMessage(), "db.url"));
            return Optional.empty();
        }
        DbObservation ping = run.database().ping();
        if (!ping.answered()) {
            boolean login = ping.error().startsWith(DatabaseProbe.LOGIN_REJECTED);
            items.add(login ? PreflightItem.problem(group, "the database refused the monitoring login: " + ping.error(), "db.password")
                    : PreflightItem.unknown(group, "database not reachable: " + ping.error(), "db.url"));
            return Optional.empty();
        }
        return Optional.of(db);
    }

    /** Neither a billing key nor a spend query: the cost checks would be skipped. */
    private boolean noBillingSource() {
        return Arrays.stream(ProviderSpend.Provider.values()).noneMatch(p -> s.find(p.keySetting()).isPresent())
                && !s.get(Keys.COST_SOURCE).equals("sql");
    }
}
