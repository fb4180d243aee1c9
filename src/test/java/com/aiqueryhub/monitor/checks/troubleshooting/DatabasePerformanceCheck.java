package com.aiqueryhub.monitor.checks.troubleshooting;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Emergency;
import com.aiqueryhub.monitor.check.LogsQuery;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Weekly;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.Database;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.run.Severity;

import java.util.stream.Collectors;

import static com.aiqueryhub.monitor.probe.DatabaseProbe.identifier;

@Weekly
@Emergency
@RunbookStep(id = "db-performance", title = "Database Performance Check", section = "Monitoring Commands",
        anchor = "database-performance-check", severity = Severity.HIGH, components = {"database", "supavisor", "pooler", "logs"},
        differsFromRunbook = "The runbook's performance-check.sql, as checks with limits: connections are compared with "
                + "max_connections (runbook issue 5), pg_stat_statements is found in whichever schema holds it (Supabase: "
                + "extensions), and RLS violations are counted where PostgreSQL reports them: AI Query Hub writes no rls_violation "
                + "events to any table (its migrations have no audit_logs), but every refused write logs 'new row violates "
                + "row-level security policy', which the Postgres logs query (logs.rls-violation-query) counts.")
public class DatabasePerformanceCheck {

    @Check(id = "connections", name = "Connections stay under their share of max_connections",
            remedy = "Runbook 'Database Connection Pool Exhaustion': the sessions by state are attached; end long idle-in-"
                    + "transaction sessions (pg_terminate_backend), fix connection leaks, tune the pooler or scale compute.",
            needs = {"db.user", "db.password"})
    void connections(Database db, Settings settings, CheckContext check) {
        DbObservation byState = db.query("""
                select coalesce(state, 'unknown') as state, count(*) as sessions,
                       current_setting('max_connections')::int as max_connections,
                       count(*) filter (where state = 'idle in transaction' and now() - state_change > ?::interval) as long_idle
                from pg_stat_activity where backend_type = 'client backend' group by state""",
                settings.get(Keys.THRESHOLD_IDLE_IN_TRANSACTION).toSeconds() + " seconds");
        check.that(byState).answered();
        long total = byState.rows().stream().mapToLong(r -> ((Number) r.get("sessions")).longValue()).sum();
        long longIdle = byState.rows().stream().mapToLong(r -> ((Number) r.get("long_idle")).longValue()).sum();
        int max = byState.rows().isEmpty() ? 1 : ((Number) byState.rows().get(0).get("max_connections")).intValue();
        check.attach("sessions by state", byState.rows().stream().map(r -> r.get("state") + ": " + r.get("sessions"))
                .collect(Collectors.joining("\n", "", "\n")) + "idle in transaction longer than "
                + settings.written(Keys.THRESHOLD_IDLE_IN_TRANSACTION) + ": " + longIdle + "\n");
        double share = (double) total / max;
        check.figure("connections", total, "sessions");
        check.figure("connections-share", share, "of max_connections");
        check.band(share, settings.get(Keys.THRESHOLD_CONNECTIONS_SHARE_DEGRADED), settings.get(Keys.THRESHOLD_CONNECTIONS_SHARE),
                "share of max_connections", String.format("%d of %d (%.0f %%), %d idle in transaction too long", total, max,
                        share * 100, longIdle), byState.endpoint());
    }

    @Check(id = "slow-statements", name = "No frequent statement is slower than the limit on average",
            remedy = "Runbook 'High Response Times': EXPLAIN ANALYZE the attached statement, add the missing index or "
                    + "rewrite it; check it did not start after the last deploy.",
            needs = {"db.user", "db.password"})
    void slowStatements(Database db, Settings settings, CheckContext check) {
        DbObservation size = db.query("select pg_database_size(current_database()) as bytes");
        check.that(size).answered();
        check.figure("database-bytes", ((Number) size.firstValue().orElse(0L)).doubleValue(), "bytes");

        DbObservation schema = db.query("select n.nspname as schema from pg_extension e "
                + "join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_stat_statements'");
        check.that(schema).answered();
        check.expect(!schema.rows().isEmpty(), "the pg_stat_statements extension",
                "not installed in this database: create extension pg_stat_statements (Supabase: in schema extensions)",
                schema.endpoint());
        int minCalls = settings.get(Keys.SLOW_QUERY_MIN_CALLS);
        DbObservation slowest = db.query("select query, calls, round(mean_exec_time::numeric, 1) as mean_ms, "
                + "round(total_exec_time::numeric, 1) as total_ms from " + identifier((String) schema.rows().get(0).get("schema"))
                + ".pg_stat_statements where calls > ? and dbid = (select oid from pg_database where datname = current_database()) "
                + "order by mean_exec_time desc limit 5", minCalls);
        check.that(slowest).answered();
        check.attach("slowest statements (calls > " + minCalls + ")", slowest.rows().stream()
                .map(r -> String.format("%10s ms mean  %6s calls  %s", r.get("mean_ms"), r.get("calls"),
                        String.valueOf(r.get("query")).replaceAll("\\s+", " ")))
                .collect(Collectors.joining("\n", "", "\n")));
        double worst = slowest.rows().isEmpty() ? 0 : ((Number) slowest.rows().get(0).get("mean_ms")).doubleValue();
        check.figure("slowest-mean-ms", worst, "ms");
        long limit = settings.get(Keys.THRESHOLD_SLOW_QUERY_MEAN).toMillis();
        check.expect(worst <= limit, "no statement with more than " + minCalls + " calls averaging over " + limit + " ms",
                slowest.rows().isEmpty() ? "none" : String.format("%.0f ms mean over %s calls: %s", worst,
                        slowest.rows().get(0).get("calls"), abbreviate(String.valueOf(slowest.rows().get(0).get("query")))),
                slowest.endpoint());
    }

    @Check(id = "rls-violations", name = "No RLS violations logged in the last 24 h", severity = Severity.CRITICAL,
            remedy = "Runbook 'Security Incident': a client tried to write rows its policies forbid; find the table and "
                    + "user in the Postgres logs of the last 24 h (attached query), and review that table's policies and "
                    + "the code path that wrote.",
            needs = {"supabase.project-ref", "supabase.access-token"})
    void rlsViolations(Supabase supabase, Settings settings, CheckContext check) {
        HttpObservation logs = supabase.rlsViolationCount();
        long violations = LogsQuery.total(check, logs, Keys.LOGS_RLS_VIOLATION_QUERY);
        check.figure("rls-violations-24h", violations, "events");
        int limit = settings.get(Keys.THRESHOLD_RLS_VIOLATIONS);
        check.expect(violations <= limit, "at most " + limit + " row-level security violations in 24 h",
                violations + " Postgres errors 'new row violates row-level security policy'", logs.endpoint());
    }

    private static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ").strip();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }

}
