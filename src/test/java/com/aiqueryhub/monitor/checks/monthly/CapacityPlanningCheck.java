package com.aiqueryhub.monitor.checks.monthly;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Monthly;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.Database;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.probe.DiskCeiling;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.run.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

@Monthly
@RunbookStep(id = "capacity", title = "Capacity Planning", section = "Monthly Operations",
        anchor = "monthly-operations-2-hours", severity = Severity.MEDIUM, components = {"database", "supavisor", "pooler"},
        differsFromRunbook = "The runbook reviews growth trends by eye. The check measures the database size against "
                + "the room it has (db.quota when set, else the disk's autoscaling limit or size from the Management "
                + "API), lists the largest tables, and projects when the limit is reached from the growth since the "
                + "previous run (kept with the report history).",
        needs = {"supabase.project-ref", "supabase.access-token", "db.user", "db.password"})
class CapacityPlanningCheck {

    /** What the Pro plan includes (Supabase's pricing: 8 GB of disk per project); more is billed per GB. */
    private static final long PRO_INCLUDED = 8L * 1024 * 1024 * 1024;

    @Check(id = "database-size", name = "Database size stays under its share of the quota",
            remedy = "Archive or delete old rows in the largest tables listed here, or give the disk more room before the "
                    + "projected date (raise its autoscaling limit or size in the dashboard's Compute and Disk settings, "
                    + "or move to a plan with more disk); Supabase makes the database read-only when the disk is full.")
    void databaseSize(Database db, Supabase supabase, Settings settings, CheckContext check) {
        DbObservation size = db.query("select pg_database_size(current_database()) as bytes");
        check.that(size).answered();
        DbObservation largest = db.query("""
                select n.nspname || '.' || c.relname as name, pg_total_relation_size(c.oid) as bytes
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'm') and n.nspname not in ('pg_catalog', 'information_schema')
                order by 2 desc limit 5""");
        check.attach("largest tables", largest.rows().stream()
                .map(r -> String.format("%10.1f MB  %s", ((Number) r.get("bytes")).doubleValue() / 1048576, r.get("name")))
                .collect(Collectors.joining("\n", "", "\n")));
        long bytes = ((Number) size.firstValue().orElse(0L)).longValue();

        // the room: db.quota when set; else the deployment's disk (a paid project's disk grows by itself up to its
        // autoscaling limit, so the plan's included 8 GB is a bill, not a wall); else that 8 GB
        Optional<Long> quota = settings.find(Keys.DB_QUOTA);
        Optional<DiskCeiling> disk = quota.isPresent() ? Optional.empty() : supabase.diskCeiling();
        DiskCeiling room = quota
                .map(q -> new DiskCeiling(bytes, q, "the " + settings.written(Keys.DB_QUOTA) + " quota", size.endpoint()))
                .or(() -> disk)
                .orElse(new DiskCeiling(bytes, PRO_INCLUDED, "the Pro plan's included 8 GB (the disk could not be read "
                        + "from the Management API; set db.quota to the project's)", size.endpoint()));
        // the figure the growth is projected from: the disk's use, or the database's size
        String used = disk.isPresent() ? "disk-used-bytes" : "bytes";
        String projection = check.previousFigure(used).map(prev -> {
            double days = Duration.between(prev.getKey(), Instant.now()).toSeconds() / 86400.0;
            double perDay = days <= 0 ? 0 : (room.usedBytes() - prev.getValue()) / days;
            check.figure("growth-bytes-per-day", perDay, "bytes/day");
            if (perDay <= 0) {
                return "not growing since " + prev.getKey();
            }
            double left = (room.limitBytes() - room.usedBytes()) / perDay;
            check.figure("days-to-quota", left, "days");
            return String.format("growing %.1f MB/day: the limit reached in about %.0f days", perDay / 1048576, left);
        }).orElse("no earlier run kept: growth is known from the next run on");
        check.figure("bytes", bytes, "bytes");
        if (!used.equals("bytes")) {
            check.figure(used, room.usedBytes(), "bytes");
        }
        check.figure("quota-share", room.share(), "of quota");
        check.passed("the limit: " + room.source() + "; " + projection);
        check.band(room.share(), settings.get(Keys.THRESHOLD_DB_QUOTA_SHARE_DEGRADED), settings.get(Keys.THRESHOLD_DB_QUOTA_SHARE),
                "share of " + room.source(), String.format("%.1f MB %s = %.0f %% (%s)", room.usedBytes() / 1048576.0,
                        used.equals("bytes") ? "of database" : "used on the disk", room.share() * 100, projection),
                room.endpoint());
    }
}
