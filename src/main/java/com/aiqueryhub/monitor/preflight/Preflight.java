package com.aiqueryhub.monitor.preflight;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.probe.LogsAnswer;
import com.aiqueryhub.monitor.run.PreflightItem;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.probe.BackupRetention;
import com.aiqueryhub.monitor.probe.DiskCeiling;
import com.aiqueryhub.monitor.probe.RecoveryPoints;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.HttpProbe;
import com.aiqueryhub.monitor.probe.Prometheus;
import com.aiqueryhub.monitor.probe.ProviderSpend;
import com.aiqueryhub.monitor.probe.StatusPages;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final PreflightDatabase database;

    public Preflight(RunContext run) {
        this.run = run;
        this.s = run.settings();
        this.database = new PreflightDatabase(run);
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
                boolean unmet = need.contains(Keys.COST_OPENROUTER_API_KEY.key()) ? noBillingSource() : !s.meets(need);
                if (unmet) {
                    missing.add(need.split("\\|")[0]);
                }
            }
            // the database's address: db.url, or the session pooler's, which the Management API tells
            if (s.find(Keys.DB_URL).isEmpty() && !database.pooler() && cadence.getValue().contains(Keys.DB_PASSWORD.key())) {
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

    // ---- tables and columns, the monitoring role, the network: PreflightDatabase ----

    public List<PreflightItem> tables() {
        return database.tables();
    }

    public List<PreflightItem> role() {
        return database.role();
    }

    public List<PreflightItem> network() {
        return database.network();
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
                + "minute, the CPU check scrapes every " + s.written(Keys.METRICS_SAMPLE_INTERVAL) + " until the counters move "
                + "(at most " + s.written(Keys.METRICS_MAX_WAIT) + ")")
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
                // no answer is the network's, as for the project: the same cause, the same status
                : !backups.answered() ? PreflightItem.unknown("management-api.backups", "no answer: " + backups.summary(),
                "supabase.management-url")
                : HttpProbe.laterAnswer(backups) ? PreflightItem.unknown("management-api.backups", "rate limited: "
                + backups.summary(), "supabase.access-token")
                : PreflightItem.problem("management-api.backups", "backups not readable: " + backups.summary(), "supabase.access-token"));
        return items;
    }

    /** The signed-in journey's monitoring user and the project's tokens ({@link PreflightJourney}). */
    public List<PreflightItem> journey() {
        return new PreflightJourney(run).items();
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

    // ---- helpers ----

    private boolean managementApiSet(List<PreflightItem> items, String group) {
        for (Setting<String> key : List.of(Keys.SUPABASE_PROJECT_REF, Keys.SUPABASE_ACCESS_TOKEN)) {
            if (s.find(key).isEmpty()) {
                items.add(PreflightItem.unknown(group, "not tried: " + key + " is not set", key.key()));
                return false;
            }
        }
        return true;
    }

    /** Neither a billing key nor a spend query: the cost checks would be skipped. */
    private boolean noBillingSource() {
        return Arrays.stream(ProviderSpend.Provider.values()).noneMatch(p -> s.find(p.keySetting()).isPresent())
                && !s.get(Keys.COST_SOURCE).equals("sql");
    }
}
