package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static com.aiqueryhub.monitor.sandbox.Answers.authorized;
import static com.aiqueryhub.monitor.sandbox.Answers.json;
import static com.aiqueryhub.monitor.sandbox.Answers.serve;
import static com.aiqueryhub.monitor.sandbox.Answers.sha256Hex;
import static com.aiqueryhub.monitor.sandbox.Sandbox.PROJECT_REF;
import static com.aiqueryhub.monitor.sandbox.Sandbox.PROJECT_REGION;
import static com.aiqueryhub.monitor.sandbox.Sandbox.STAGING_PROJECT_REF;
import static com.aiqueryhub.monitor.sandbox.SandboxJson.array;
import static com.aiqueryhub.monitor.sandbox.SandboxJson.object;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * Supabase's Management API on the platform server (shapes: contracts/ext/management-api/*.http, from its OpenAPI
 * spec): the project, its services' health, functions, backups, disk, entitlements, and what the deploy gate reads
 * (migrations here and in staging, the functions' secrets). Its logs endpoint is {@link LogsStandIn}'s.
 */
final class ManagementApiStandIn {

    private final Set<Fault> faults;
    private final WireMockServer platform;
    private final LogsStandIn logs;

    ManagementApiStandIn(Set<Fault> faults, WireMockServer platform) {
        this.faults = faults;
        this.platform = platform;
        this.logs = new LogsStandIn(faults, platform);
    }

    void stub(String token, int errorLimit, int postgresMajor) {
        String base = "/v1/projects/" + PROJECT_REF;
        // APIs grow: fields the suite does not read must not change a verdict (fault api-fields-added)
        boolean grown = faults.contains(Fault.API_FIELDS_ADDED);
        platform.stubFor(any(urlPathMatching("/v1/.*")).atPriority(9).willReturn(serve(Contract.load("ext/management-api/unauthorized"))));
        // the limit is per user, across all of that user's tokens: another runner can spend it for us
        if (faults.contains(Fault.RATE_LIMITED)) {
            platform.stubFor(any(urlPathMatching("/v1/.*")).atPriority(1).willReturn(serve(Contract.load("ext/management-api/rate-limited"))));
        } else if (faults.contains(Fault.RATE_LIMITED_ONCE)) {
            platform.stubFor(any(urlPathMatching("/v1/.*")).atPriority(1).andMatching(new FirstCallPerEndpoint())
                    .willReturn(serve(Contract.load("ext/management-api/rate-limited"))));
        }
        String status = faults.contains(Fault.PROJECT_UNHEALTHY) ? "ACTIVE_UNHEALTHY"
                : faults.contains(Fault.PROJECT_RESIZING) ? "RESIZING" : "ACTIVE_HEALTHY";
        platform.stubFor(authorized(get(urlPathEqualTo(base)), token).willReturn(json(200, project(status, postgresMajor, grown))));
        // one entry per service asked for (ServiceHealth: shape of contracts/ext/management-api/health.http)
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/health")), token).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withTransformers(ServiceHealth.NAME)));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/database/backups")), token).willReturn(json(200, backups(faults))));
        platform.stubFor(authorized(get(urlPathEqualTo("/v1/organizations/sandbox-org/entitlements")), token)
                .willReturn(serve(entitlements(faults))));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/config/disk/util")), token).willReturn(serve(diskUtilization(faults))));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/config/disk/autoscale")), token).willReturn(serve(diskAutoscale(faults))));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/functions")), token).willReturn(json(200, functions())));
        // the deploy gate: applied migrations here and in staging, and the functions' secrets (names and digests)
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/database/migrations")), token)
                .willReturn(serve(migrations(false))));
        platform.stubFor(authorized(get(urlPathEqualTo("/v1/projects/" + STAGING_PROJECT_REF + "/database/migrations")), token)
                .willReturn(serve(migrations(!faults.contains(Fault.DEPLOY_MIGRATION_MISSING)))));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/secrets")), token).willReturn(serve(secrets())));
        logs.stub(token, errorLimit);
    }

    /**
     * The project (GET /v1/projects/{ref}), in the shape of contracts/ext/management-api/project.http (OpenAPI
     * V1ProjectWithDatabaseResponse); with api-fields-added, fields of later API releases the suite does not read.
     */
    private static ObjectNode project(String status, int postgresMajor, boolean grown) {
        // the image versions Supabase ran in 2026 (supabase/cli's postgres image pins): 15.8.1.085 and 17.6.1.132
        String version = postgresMajor == 17 ? "17.6.1.132" : "15.8.1.085";
        ObjectNode database = object("host", "db." + PROJECT_REF + ".supabase.co", "version", version,
                "postgres_engine", Integer.toString(postgresMajor), "release_channel", "ga");
        if (grown) {
            database.put("disk_size_gb", 8).put("compute", "ci_small");
        }
        ObjectNode project = object("id", PROJECT_REF, "ref", PROJECT_REF, "organization_id", "sandbox-org",
                "organization_slug", "sandbox-org", "name", "ai-query-hub", "region", PROJECT_REGION,
                "created_at", "2025-06-01T10:00:00Z", "status", status, "database", database);
        if (grown) {
            project.put("is_branch_enabled", false).set("preview_branch_refs", array());
            project.put("subscription_id", "sub_sandbox");
        }
        return project;
    }

    /**
     * AI Query Hub's three edge functions (GET /v1/projects/{ref}/functions), in the shape of
     * contracts/ext/management-api/functions.http (OpenAPI FunctionResponse; created_at/updated_at in epoch ms).
     */
    private ArrayNode functions() {
        // the gateway's check is off for ai-query when it verifies tokens itself, or when someone switched it off
        boolean aiQueryGatewayCheck = !faults.contains(Fault.FUNCTIONS_OWN_AUTH) && !faults.contains(Fault.AUTH_OPEN);
        return array(
                function("f1", "ai-query", 41, aiQueryGatewayCheck),
                function("f2", "telegram-webhook", 17, false),
                function("f3", "slack-webhook", 12, false));
    }

    private static ObjectNode function(String id, String slug, int version, boolean verifyJwt) {
        return object("id", id, "slug", slug, "name", slug, "status", "ACTIVE", "version", version,
                "created_at", 1759200000000L, "updated_at", 1764000000000L, "verify_jwt", verifyJwt);
    }

    /**
     * Daily physical backups for the last 31 days (an Enterprise organization keeping 30), the newest 20 minutes old
     * (5 hours with deploy-backup-old), in the shape of contracts/ext/management-api/backups.http; with a PITR fault, the
     * WAL window of backups-pitr.http instead.
     */
    private static JsonNode backups(Set<Fault> faults) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (faults.contains(Fault.PITR_ENABLED) || faults.contains(Fault.PITR_STALE) || faults.contains(Fault.PITR_LAGGING)) {
            Duration latest = faults.contains(Fault.PITR_STALE) ? Duration.ofHours(30)
                    : faults.contains(Fault.PITR_LAGGING) ? Duration.ofHours(3) : Duration.ofMinutes(2);
            // the recorded window (1764115200 to 1764719880) moved to end `latest` ago
            JsonNode pitr = SandboxJson.parse(Contract.load("ext/management-api/backups-pitr").body());
            ((ObjectNode) pitr.get("physical_backup_data"))
                    .put("earliest_physical_backup_date_unix", now.minus(Duration.ofDays(7)).getEpochSecond())
                    .put("latest_physical_backup_date_unix", now.minus(latest).getEpochSecond());
            return pitr;
        }
        int skipDays = faults.contains(Fault.BACKUP_STALE) ? 3 : 0; // nothing completed since
        // today's backup ran 20 minutes ago, in time for a deploy (deploy.max-backup-age); deploy-backup-old: 5 hours ago
        Duration newest = faults.contains(Fault.DEPLOY_BACKUP_OLD) ? Duration.ofHours(5) : Duration.ofMinutes(20);
        ArrayNode list = array();
        int kept = faults.contains(Fault.BACKUP_SHORT_RETENTION) || faults.contains(Fault.PLAN_PRO) ? 7 : 31;
        for (int day = 0; day < kept; day++) {
            Instant at = now.minus(newest).minus(Duration.ofDays(day));
            // backup-in-progress: today's backup started 20 minutes ago and is still being taken
            String status = day < skipDays || (day == 0 && faults.contains(Fault.BACKUP_IN_PROGRESS)) ? "PENDING" : "COMPLETED";
            if (day == 1 && faults.contains(Fault.BACKUP_FAILED)) {
                status = "FAILED";
            }
            list.add(object("id", 9000 - day, "is_physical_backup", true, "status", status, "inserted_at", at.toString()));
        }
        return object("region", "us-east-1", "walg_enabled", true, "pitr_enabled", false, "backups", list,
                "physical_backup_data", object());
    }

    /**
     * The migrations applied to a project (GET /v1/projects/{ref}/database/migrations), as recorded in
     * contracts/ext/management-api/migrations.http: all five files of deploy.migrations-dir, or without the newest (the
     * one about to be deployed: production's list, and staging's under deploy-migration-missing).
     */
    private static Contract migrations(boolean withNewest) {
        return Contract.load("ext/management-api/migrations").withJson(body -> {
            if (!withNewest) {
                ((ArrayNode) body).remove(body.size() - 1);
            }
        });
    }

    /**
     * The app checkout's supabase/migrations (deploy.migrations-dir), in this sandbox's folder: one file per recorded
     * migration, named VERSION_NAME.sql as the Supabase CLI names them, holding a comment only.
     */
    static Path writeMigrations(Path dir) {
        Path folder = Answers.createDirectory(dir.resolve("app").resolve("supabase").resolve("migrations"));
        for (JsonNode migration : SandboxJson.parse(Contract.load("ext/management-api/migrations").body())) {
            String file = migration.get("version").asText() + "_" + migration.get("name").asText() + ".sql";
            try {
                Files.writeString(folder.resolve(file), "-- " + file + ": the sandbox's stand-in for the app's migration of "
                        + "this name (supabase/migrations of github:Thabonel/drive-flow-ai-know); nothing runs it\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return folder;
    }

    /**
     * Production's edge-function secrets (GET /v1/projects/{ref}/secrets) in the shape of
     * contracts/ext/management-api/secrets.http: every name deploy.required-secrets names by default and the four
     * SUPABASE_* every project has, sorted, each value the SHA-256 digest of a made-up string (the API never answers a
     * value); deploy-secret-missing: without TELEGRAM_BOT_TOKEN. Updated when the keys were "rotated" (secrets.rotated-on).
     */
    private Contract secrets() {
        Setting<List<String>> required = Keys.DEPLOY_REQUIRED_SECRETS;
        List<String> names = new ArrayList<>(required.parse(required.defaultValue()).orElseThrow());
        names.addAll(List.of("SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_DB_URL"));
        if (faults.contains(Fault.DEPLOY_SECRET_MISSING)) {
            names.remove("TELEGRAM_BOT_TOKEN");
        }
        Collections.sort(names);
        String updated = LocalDate.now(ZoneOffset.UTC).minusDays(21) + "T09:14:03Z";
        return Contract.load("ext/management-api/secrets").withJson(body -> {
            ArrayNode list = (ArrayNode) body;
            list.removeAll();
            for (String name : names) {
                list.add(object("name", name, "value", sha256Hex("made-up value of " + name + " (sandbox)"), "updated_at", updated));
            }
        });
    }

    /** The organization's entitlements (contracts/ext/management-api/entitlements.http): 30 days, or a Pro plan's 7. */
    private static Contract entitlements(Set<Fault> faults) {
        int days = faults.contains(Fault.PLAN_PRO) ? 7 : 30;
        return Contract.load("ext/management-api/entitlements").withJson(body -> {
            for (JsonNode entitlement : body.get("entitlements")) {
                if (entitlement.path("feature").path("key").asText().equals("backup.retention_days")) {
                    ((ObjectNode) entitlement.get("config")).put("value", days);
                }
            }
        });
    }

    /**
     * The disk: 8 GiB with 1.3 GB used, autoscaling up to 200 GB (contracts/ext/management-api/disk-*.http).
     * disk-autoscaled: the disk grew to 12 GiB under 9.4 GB, past the plan's included 8 GB; db-near-quota: autoscaling
     * off and 7.9 GB of an 8 GiB disk used (92 %).
     */
    private static Contract diskUtilization(Set<Fault> faults) {
        long gib = 1024L * 1024 * 1024;
        long size = faults.contains(Fault.DISK_AUTOSCALED) ? 12 * gib : 8 * gib;
        long used = faults.contains(Fault.DISK_AUTOSCALED) ? 9_400_000_000L : faults.contains(Fault.DB_NEAR_QUOTA) ? 7_900_000_000L
                : 1_329_934_592L;
        return Contract.load("ext/management-api/disk-util").withJson(body -> ((ObjectNode) body.get("metrics"))
                .put("fs_size_bytes", size).put("fs_used_bytes", used).put("fs_avail_bytes", size - used));
    }

    private static Contract diskAutoscale(Set<Fault> faults) {
        return Contract.load("ext/management-api/disk-autoscale").withJson(body -> {
            if (faults.contains(Fault.DB_NEAR_QUOTA)) {
                ((ObjectNode) body).putNull("growth_percent").putNull("min_increment_gb").putNull("max_size_gb");
            }
        });
    }
}
