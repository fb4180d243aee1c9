package com.aiqueryhub.monitor.probe;

import static com.aiqueryhub.monitor.json.JsonNumbers.whole;

import com.aiqueryhub.monitor.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * How much the database can hold before it runs out of room, as the deployment says, and how much it holds now.
 * Supabase grows a paid project's disk by itself as it fills (its "Compute and Disk" guide: disk autoscaling; the
 * Management API's {@code GET /v1/projects/{ref}/config/disk/autoscale}, schema DiskAutoscaleConfig: growth_percent,
 * min_increment_gb, max_size_gb), so a database past the plan's included 8 GB is billed, not full. The room is the
 * autoscaling limit ({@code max_size_gb}) when autoscaling is on, else the disk's size; the use is the filesystem's
 * ({@code GET .../config/disk/util}, schema DiskUtilMetricsResponse: metrics.fs_size_bytes, fs_used_bytes). Both
 * recorded in contracts/ext/management-api/disk-*.http from the Management API's OpenAPI document.
 *
 * @param usedBytes  what is used now (the filesystem's bytes, or the database's size against a configured quota)
 * @param limitBytes the room there is
 * @param source     where the limit comes from, in words for the report
 * @param endpoint   where the use was read
 */
public record DiskCeiling(long usedBytes, long limitBytes, String source, String endpoint) {

    private static final long GIB = 1024L * 1024 * 1024;

    /**
     * The disk's use and room from the Management API's answers; empty when the disk's use cannot be read. Its
     * autoscaling is asked for only then, and an autoscaling answer that cannot be read counts as none.
     */
    public static Optional<DiskCeiling> fromDeployment(HttpObservation utilization, java.util.function.Supplier<HttpObservation> autoscale) {
        Optional<JsonNode> metrics = json(utilization).map(j -> j.path("metrics"));
        java.util.OptionalLong sizeRead = metrics.map(m -> whole(m.path("fs_size_bytes"))).orElse(java.util.OptionalLong.empty());
        java.util.OptionalLong usedRead = metrics.map(m -> whole(m.path("fs_used_bytes"))).orElse(java.util.OptionalLong.empty());
        if (sizeRead.isEmpty() || usedRead.isEmpty()) {
            return Optional.empty();
        }
        long size = sizeRead.getAsLong();
        long used = usedRead.getAsLong();
        // asked for only now: without the disk's size it tells nothing, and a hung API would hold the check twice as long
        Optional<JsonNode> scaling = json(autoscale.get());
        long max = scaling.map(a -> whole(a.path("max_size_gb"))).orElse(java.util.OptionalLong.empty()).orElse(0);
        long growth = scaling.map(a -> whole(a.path("growth_percent"))).orElse(java.util.OptionalLong.empty()).orElse(0);
        if (growth > 0 && max * GIB > size) {
            return Optional.of(new DiskCeiling(used, max * GIB, "the disk's autoscaling limit of " + max + " GB (it grows "
                    + growth + " % at a time from its " + gb(size) + " now)", utilization.endpoint()));
        }
        return Optional.of(new DiskCeiling(used, size, "the disk's " + gb(size) + " (no autoscaling)", utilization.endpoint()));
    }

    public double share() {
        return limitBytes <= 0 ? 0 : (double) usedBytes / limitBytes;
    }

    private static Optional<JsonNode> json(HttpObservation answer) {
        return answer.answered() && answer.status() == 200 ? Json.parse(answer.body()) : Optional.empty();
    }

    private static String gb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.0f GB", bytes / (double) GIB);
    }
}
