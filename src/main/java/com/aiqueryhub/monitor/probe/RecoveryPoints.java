package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How far back and how recently the database can be restored, from the Management API's backups answer
 * (contracts/ext/management-api/backups*.http; OpenAPI schema V1BackupsResponse). Supabase's backups guide: "If you
 * enable PITR, Daily Backups will no longer be taken": with {@code pitr_enabled} the recovery window is
 * {@code physical_backup_data} (unix seconds, WAL archived every two minutes), otherwise the COMPLETED daily backups.
 */
public record RecoveryPoints(boolean pitr, Optional<Instant> newest, Optional<Instant> oldest, List<Instant> failed,
                             Optional<Instant> inProgress, java.time.Duration longestGap) {

    /** Empty when the answer is not the backups object (the caller reports the call itself). */
    public static Optional<RecoveryPoints> of(HttpObservation backups) {
        if (!backups.answered() || backups.status() != 200) {
            return Optional.empty();
        }
        Optional<JsonNode> json = Json.parse(backups.body()).filter(JsonNode::isObject);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = json.get();
        boolean pitr = root.path("pitr_enabled").asBoolean(false);
        List<Instant> completed = new ArrayList<>();
        List<Instant> failed = new ArrayList<>();
        List<Instant> pending = new ArrayList<>();
        for (JsonNode b : root.path("backups")) {
            Optional<Instant> at = time(b.path("inserted_at").asText(""));
            if (at.isEmpty()) {
                continue;
            }
            switch (b.path("status").asText("")) {
                case "COMPLETED" -> completed.add(at.get());
                case "FAILED" -> failed.add(at.get());
                case "PENDING" -> pending.add(at.get()); // being taken: not yet a point to restore to
                default -> { } // REMOVED, ARCHIVED, CANCELLED: not a point to restore to
            }
        }
        if (pitr) {
            JsonNode data = root.path("physical_backup_data");
            return Optional.of(new RecoveryPoints(true, unix(data.path("latest_physical_backup_date_unix")),
                    unix(data.path("earliest_physical_backup_date_unix")), failed, Optional.empty(), java.time.Duration.ZERO));
        }
        Optional<Instant> newest = completed.stream().max(Comparator.naturalOrder());
        // the backup being taken now: the newest PENDING one, started after the newest completed one
        Optional<Instant> running = pending.stream().filter(p -> newest.map(p::isAfter).orElse(true)).max(Comparator.naturalOrder());
        // how far apart completed backups have landed: the schedule as it runs, a backup's own time included
        List<Instant> sorted = completed.stream().sorted().toList();
        java.time.Duration gap = java.time.Duration.ZERO;
        for (int i = 1; i < sorted.size(); i++) {
            java.time.Duration d = java.time.Duration.between(sorted.get(i - 1), sorted.get(i));
            gap = d.compareTo(gap) > 0 ? d : gap;
        }
        return Optional.of(new RecoveryPoints(false, newest, completed.stream().min(Comparator.naturalOrder()), failed, running, gap));
    }

    /** "point-in-time recovery (WAL)" or "daily backups". */
    public String kind() {
        return pitr ? "point-in-time recovery (WAL)" : "daily backups";
    }

    private static Optional<Instant> unix(JsonNode seconds) {
        java.util.OptionalLong value = com.aiqueryhub.monitor.json.JsonNumbers.whole(seconds);
        return value.isPresent() && value.getAsLong() > 0 ? Optional.of(Instant.ofEpochSecond(value.getAsLong())) : Optional.empty();
    }

    /** ISO instants ("2026-11-29T01:00:00Z") and the API's "2026-02-08 16:44:07" (UTC). */
    static Optional<Instant> time(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            String iso = text.trim().replace(' ', 'T');
            return Optional.of(java.time.OffsetDateTime.parse(iso.matches(".*(Z|[+-]\\d\\d:?\\d\\d)$") ? iso : iso + "Z")
                    .toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
