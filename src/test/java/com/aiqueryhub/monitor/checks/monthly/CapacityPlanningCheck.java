package com.aiqueryhub.monitor.checks.monthly;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.DbAssert;
import com.aiqueryhub.monitor.check.Evidence;
import com.aiqueryhub.monitor.check.Monthly;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.report.Figures;

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
    void databaseSize() {
        Monitor m = Monitor.get();
        var s = m.settings();
        DbObservation size = m.database().query("select pg_database_size(current_database()) as bytes");
        DbAssert.assertThat(size).answered();
        DbObservation largest = m.database().query("""
                select n.nspname || '.' || c.relname as name, pg_total_relation_size(c.oid) as bytes
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'm') and n.nspname not in ('pg_catalog', 'information_schema')
                order by 2 desc limit 5""");
        Evidence.attach("largest tables", largest.rows().stream()
                .map(r -> String.format("%10.1f MB  %s", ((Number) r.get("bytes")).doubleValue() / 1048576, r.get("name")))
                .collect(Collectors.joining("\n", "", "\n")));

        long bytes = ((Number) size.firstValue().orElse(0L)).longValue();
        long quota = s.bytes("db.quota");
        double share = (double) bytes / quota;
        String growth = s.environment();
        String projection = Figures.previous("capacity.database-size", "bytes", growth).map(prev -> {
            double days = Duration.between(prev.getKey(), Instant.now()).toSeconds() / 86400.0;
            double perDay = days <= 0 ? 0 : (bytes - prev.getValue()) / days;
            Figures.record("growth-bytes-per-day", perDay, "bytes/day");
            if (perDay <= 0) {
                return "not growing since " + prev.getKey();
            }
            double left = (quota - bytes) / perDay;
            Figures.record("days-to-quota", left, "days");
            return String.format("growing %.1f MB/day: quota reached in about %.0f days", perDay / 1048576, left);
        }).orElse("no earlier run kept: growth is known from the next run on");
        Figures.record("bytes", bytes, "bytes");
        Figures.record("quota-share", share, "of quota");
        Evidence.passed(projection);
        Verdict.band(share, s.decimal("threshold.db-quota-share-degraded"), s.decimal("threshold.db-quota-share"),
                "share of the " + s.require("db.quota") + " quota",
                String.format("%.1f MB = %.0f %% (%s)", bytes / 1048576.0, share * 100, projection), size.endpoint());
    }
}
