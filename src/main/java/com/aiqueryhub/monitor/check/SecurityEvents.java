package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.DatabaseProbe;
import com.aiqueryhub.monitor.probe.DbObservation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.aiqueryhub.monitor.probe.DatabaseProbe.identifier;

/**
 * Security events of a recent window, read as the app triages them: AI Query Hub's security_incidents rows carry a
 * status (ACTIVE, RESOLVED, FALSE_POSITIVE; migration 20250201000010, ACTIVE by default, set to RESOLVED by its
 * incident hook). Events whose status is not one of {@code audit.open-statuses} were looked at by someone: they are
 * listed for review and never count against a limit. With {@code audit.status-column=none} (the runbook's audit_logs
 * shape has no status) every event is untriaged. The table's existence and visibility are proven first.
 */
public final class SecurityEvents {

    public record Trend(long thisWeek, double trailingWeeklyMean) {
    }

    private final CheckContext check;
    private final DatabaseProbe db;
    private final Settings settings;
    private final DbObservation rows;
    private final Optional<String> statusColumn;
    private final List<String> open;

    private SecurityEvents(CheckContext check, DatabaseProbe db, DbObservation rows, Optional<String> statusColumn, List<String> open) {
        this.check = check;
        this.db = db;
        this.settings = check.settings();
        this.rows = rows;
        this.statusColumn = statusColumn;
        this.open = open;
    }

    /** The events of {@code window} up to now, newest first, at most {@code maxRows} of them listed (all counted). */
    public static SecurityEvents read(CheckContext check, DatabaseProbe db, Duration window) {
        Settings s = check.settings();
        int maxRows = s.get(Keys.AUDIT_MAX_ROWS);
        String table = s.get(Keys.AUDIT_TABLE);
        TableAccess.expectReadable(check, db, table, Keys.AUDIT_TABLE.key());
        // "none": a table without triage (an empty value falls back to the default, as every setting does)
        Optional<String> status = s.find(Keys.AUDIT_STATUS_COLUMN).filter(c -> !c.equalsIgnoreCase("none"));
        List<String> open = s.get(Keys.AUDIT_OPEN_STATUSES);
        String time = identifier(s.get(Keys.AUDIT_TIME_COLUMN));
        String action = identifier(s.get(Keys.AUDIT_ACTION_COLUMN));
        String statusExpr = status.map(c -> identifier(c) + "::text").orElse("null::text");
        String untriaged = status.isPresent() ? statusExpr + " = any (?)" : "true";
        String sql = "select " + time + " as at, " + action + " as action, " + statusExpr + " as status, "
                + "count(*) over () as total, count(*) filter (where " + untriaged + ") over () as untriaged from "
                + identifier(table) + " where " + time + " > now() - ?::interval and " + action + "::text = any (?) "
                + "order by " + time + " desc limit " + maxRows;
        String[] types = s.get(Keys.AUDIT_ACTION_TYPES).toArray(String[]::new);
        DbObservation rows = status.isPresent()
                ? db.query(sql, (Object) open.toArray(String[]::new), window.toSeconds() + " seconds", types)
                : db.query(sql, window.toSeconds() + " seconds", types);
        if (rows.refusedWith().filter(DbObservation.UNDEFINED_COLUMN::equals).isPresent()) {
            throw missingColumn(check, db, table, status, rows);
        }
        check.that(rows).answered();
        return new SecurityEvents(check, db, rows, status, open);
    }

    /**
     * A configured column the table does not have: the monitor's setting, not production (not observed, naming the
     * setting to change). A settings file of an earlier release has no audit.status-column, so the runbook's
     * audit_logs, which has no triage column, meets the default "status": the fix is audit.status-column=none.
     */
    private static RuntimeException missingColumn(CheckContext check, DatabaseProbe db, String table, Optional<String> status,
                                                  DbObservation refused) {
        Settings s = check.settings();
        if (status.isPresent() && !hasColumn(db, table, status.get())) {
            return check.misconfigured(Keys.AUDIT_STATUS_COLUMN.key(), "set audit.status-column=none: " + table + " has no column "
                    + status.get() + " (a table without triage, like the runbook's audit_logs; settings files of releases "
                    + "before audit.status-column counted every event) — " + refused.endpoint());
        }
        for (var column : List.of(Keys.AUDIT_TIME_COLUMN, Keys.AUDIT_ACTION_COLUMN)) {
            if (!hasColumn(db, table, s.get(column))) {
                return check.misconfigured(column.key(), "set " + column.key() + " to a column of " + table + ": it has no column "
                        + s.get(column) + " — " + refused.endpoint());
            }
        }
        return check.misconfigured(Keys.AUDIT_TABLE.key(), "the query of " + table + " names a column it does not have: "
                + refused.error() + " — " + refused.endpoint());
    }

    private static boolean hasColumn(DatabaseProbe db, String table, String column) {
        DbObservation found = db.query("select 1 from pg_attribute where attrelid = to_regclass(?) and attname = ? "
                + "and not attisdropped", table, column);
        return !found.answered() || !found.rows().isEmpty(); // unknown: do not blame the setting
    }

    public long total() {
        return number("total");
    }

    public long untriaged() {
        return number("untriaged");
    }

    public String endpoint() {
        return rows.endpoint();
    }

    public String types() {
        return String.join(", ", settings.get(Keys.AUDIT_ACTION_TYPES));
    }

    /** "status ACTIVE", or "no triage column: every event" for a table without one. */
    public String openDescription() {
        return statusColumn.map(c -> c + " " + String.join(" or ", open)).orElse("no triage column (audit.status-column=none): every event");
    }

    /** "2 untriaged, newest BRUTE_FORCE_ATTEMPT at ...; 3 triaged (RESOLVED 2, FALSE_POSITIVE 1), listed for review". */
    public String describe() {
        List<Map<String, Object>> list = rows.rows();
        Optional<Map<String, Object>> newestOpen = list.stream().filter(this::isOpen).findFirst();
        Map<String, Long> triaged = list.stream().filter(r -> !isOpen(r))
                .collect(Collectors.groupingBy(r -> String.valueOf(r.get("status")), TreeMap::new, Collectors.counting()));
        long triagedTotal = total() - untriaged();
        String among = list.size() < total() ? "among the " + list.size() + " newest: " : "";
        return untriaged() + " untriaged" + newestOpen.map(r -> ", newest " + r.get("action") + " at " + r.get("at")).orElse("")
                + "; " + triagedTotal + " triaged" + (triaged.isEmpty() ? "" : " (" + among + triaged.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + "; listed for review)");
    }

    /** One line per event: time, type, status (and whether it still needs someone). */
    public String listing() {
        if (rows.rows().isEmpty()) {
            return "none\n";
        }
        return rows.rows().stream().map(r -> r.get("at") + "  " + r.get("action") + "  "
                + (r.get("status") == null ? "" : r.get("status") + "  ") + (isOpen(r) ? "UNTRIAGED" : "triaged: for review"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** This week's events against the weekly mean of the four weeks before it (every status: volume, not triage). */
    public Trend weeklyTrend() {
        String table = identifier(settings.get(Keys.AUDIT_TABLE));
        String time = identifier(settings.get(Keys.AUDIT_TIME_COLUMN));
        String action = identifier(settings.get(Keys.AUDIT_ACTION_COLUMN));
        DbObservation counts = db.query("select count(*) filter (where " + time + " > now() - interval '7 days') as this_week, "
                + "count(*) filter (where " + time + " <= now() - interval '7 days') as before from " + table + " where " + time
                + " > now() - interval '35 days' and " + action + "::text = any (?)",
                (Object) settings.get(Keys.AUDIT_ACTION_TYPES).toArray(String[]::new));
        check.that(counts).answered();
        Map<String, Object> row = counts.rows().get(0);
        return new Trend(((Number) row.get("this_week")).longValue(), ((Number) row.get("before")).longValue() / 4.0);
    }

    private boolean isOpen(Map<String, Object> row) {
        return statusColumn.isEmpty() || open.contains(String.valueOf(row.get("status")));
    }

    private long number(String column) {
        return rows.rows().isEmpty() ? 0 : ((Number) rows.rows().get(0).get(column)).longValue();
    }
}
