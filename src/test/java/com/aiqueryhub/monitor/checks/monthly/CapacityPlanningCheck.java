package com.aiqueryhub.monitor.checks.monthly;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Monthly;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.Database;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.run.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

@Monthly
@RunbookStep(id = "capacity", title = "Capacity Planning", section = "Monthly Operations",
        anchor = "monthly-operations-2-hours", severity = Severity.MEDIUM, components = {"database", "supavisor", "pooler"},
        differsFromRunbook = "The runbook reviews growth trends by eye. The check measures the database size against "
                + "the plan's quota (db.quota), lists the largest tables, and projects when the quota is reached from "
                + "the growth since the previous run (kept with the report history).")
class CapacityPlanningCheck {

    @Check(id = "database-size", name = "Database size stays under its share of the quota",
            remedy = "Archive or delete old rows in the largest tables listed here, or move to a plan with more disk "
                    + "before the projected date; Supabase makes the database read-only when the disk is full.")
    void databaseSize(Database db, Settings settings, CheckContext check) {
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
        long quota = settings.get(Keys.DB_QUOTA);
        double share = (double) bytes / quota;
        String projection = check.previousFigure("bytes").map(prev -> {
            double days = Duration.between(prev.getKey(), Instant.now()).toSeconds() / 86400.0;
            double perDay = days <= 0 ? 0 : (bytes - prev.getValue()) / days;
            check.figure("growth-bytes-per-day", perDay, "bytes/day");
            if (perDay <= 0) {
                return "not growing since " + prev.getKey();
            }
            double left = (quota - bytes) / perDay;
            check.figure("days-to-quota", left, "days");
            return String.format("growing %.1f MB/day: quota reached in about %.0f days", perDay / 1048576, left);
        }).orElse("no earlier run kept: growth is known from the next run on");
        check.figure("bytes", bytes, "bytes");
        check.figure("quota-share", share, "of quota");
        check.passed(projection);
        check.band(share, settings.get(Keys.THRESHOLD_DB_QUOTA_SHARE_DEGRADED), settings.get(Keys.THRESHOLD_DB_QUOTA_SHARE),
                "share of the " + settings.written(Keys.DB_QUOTA) + " quota",
                String.format("%.1f MB = %.0f %% (%s)", bytes / 1048576.0, share * 100, projection), size.endpoint());
    }
}
