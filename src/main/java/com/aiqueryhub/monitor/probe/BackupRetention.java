package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Optional;

/**
 * How many days of backups the project is entitled to keep, as the Management API tells it: the organization's
 * entitlements ({@code GET /v1/organizations/{slug}/entitlements}, feature {@code backup.retention_days}; recorded in
 * contracts/ext/management-api/entitlements.http) follow the plan (Supabase's backups guide: Pro 7 days, Team 14,
 * Enterprise up to 30). Point-in-time recovery is an add-on of 7, 14 or 28 days, so 7 is what every PITR project keeps.
 */
public record BackupRetention(Duration days, String source) {

    /** The smallest paid plan's retention (Pro), and the smallest PITR add-on: what every backed-up project keeps. */
    public static final Duration SMALLEST = Duration.ofDays(7);

    /**
     * What the backup checks expect the project to keep: {@code threshold.backup-retention} when set; else 7 days with
     * point-in-time recovery; else the plan's entitlement; else the smallest paid plan's 7 days.
     */
    public static BackupRetention expected(Optional<Duration> configured, RecoveryPoints points,
                                           java.util.function.Supplier<HttpObservation> entitlements) {
        if (configured.isPresent()) {
            return new BackupRetention(configured.get(), "threshold.backup-retention");
        }
        if (points.pitr()) {
            return new BackupRetention(SMALLEST, "point-in-time recovery, whose smallest add-on keeps 7 days");
        }
        return fromEntitlements(entitlements.get())
                .map(d -> new BackupRetention(d, "the organization's plan (entitlement backup.retention_days)"))
                .orElse(new BackupRetention(SMALLEST, "the smallest paid plan's retention: the plan could not be read "
                        + "(set threshold.backup-retention to the project's)"));
    }

    /** The plan's daily-backup retention from the entitlements answer, if it names one. */
    public static Optional<Duration> fromEntitlements(HttpObservation entitlements) {
        if (!entitlements.answered() || entitlements.status() != 200) {
            return Optional.empty();
        }
        return Json.parse(entitlements.body()).map(root -> root.path("entitlements")).stream()
                .flatMap(list -> java.util.stream.StreamSupport.stream(list.spliterator(), false))
                .filter(e -> "backup.retention_days".equals(e.path("feature").path("key").asText()))
                .filter(e -> e.path("hasAccess").asBoolean(false))
                .map(e -> e.path("config").path("value"))
                .map(com.aiqueryhub.monitor.json.JsonNumbers::whole)
                .filter(java.util.OptionalLong::isPresent)
                .map(v -> Duration.ofDays(v.getAsLong()))
                .findFirst();
    }
}
