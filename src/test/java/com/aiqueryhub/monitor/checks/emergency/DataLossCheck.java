package com.aiqueryhub.monitor.checks.emergency;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Emergency;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.TableAccess;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.Database;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.run.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static com.aiqueryhub.monitor.probe.DatabaseProbe.identifier;

@Emergency
@RunbookStep(id = "data-loss", title = "Data Loss Event", section = "Emergency Procedures",
        anchor = "3-data-loss-event", severity = Severity.CRITICAL, components = {"database", "supavisor", "pooler"},
        differsFromRunbook = "The runbook's step 2 (assess scope) as data: for each key table (dataloss.tables) the newest "
                + "row's age and the row count, compared with the previous run's count kept with the report history.",
        needs = {"db.user", "db.password"})
class DataLossCheck {

    private static final String REMEDY = "Runbook 'Data Loss Event' (respond within 10 min): stop the destructive process "
            + "(recent deploys, cron jobs, migrations), then plan a restore from the most recent clean backup or PITR.";

    @Check(id = "row-counts", name = "Key tables did not lose rows since the previous run", remedy = REMEDY)
    void rowCounts(Database db, Settings settings, CheckContext check) {
        double limit = settings.get(Keys.THRESHOLD_ROW_DROP);
        List<String> dropped = new ArrayList<>();
        StringBuilder seen = new StringBuilder();
        for (String table : settings.get(Keys.DATALOSS_TABLES)) {
            TableAccess.expectReadable(check, db.probe(), table, Keys.DATALOSS_TABLES.key());
            DbObservation count = db.query("select count(*) as n from " + identifier(table) + notTheMonitoringUser(db, settings, check, table));
            check.that(count).answered();
            long rows = ((Number) count.firstValue().orElse(0L)).longValue();
            String previous = check.previousFigure(table + "-rows").map(prev -> {
                double drop = prev.getValue() <= 0 ? 0 : (prev.getValue() - rows) / prev.getValue();
                if (drop > limit) {
                    dropped.add(String.format("%s %d -> %d rows (-%.0f %% since %s)", table, prev.getValue().longValue(),
                            rows, drop * 100, prev.getKey()));
                }
                return " (previous run " + prev.getValue().longValue() + ")";
            }).orElse(" (no earlier run kept: baseline recorded)");
            check.figure(table + "-rows", rows, "rows");
            seen.append(table).append(": ").append(rows).append(previous).append('\n');
        }
        check.attach("row counts", seen.toString());
        check.expect(dropped.isEmpty(), String.format("no key table losing more than %.0f %% of its rows", limit * 100),
                String.join("; ", dropped), db.endpoint());
    }

    @Check(id = "freshness", name = "Key tables received new rows recently", remedy = REMEDY
            + " If nothing was deleted, the writers may be down: check the functions that insert into these tables.")
    void freshness(Database db, Settings settings, CheckContext check) {
        Duration limit = settings.get(Keys.THRESHOLD_FRESHNESS);
        List<String> stale = new ArrayList<>();
        for (String table : settings.get(Keys.DATALOSS_TABLES)) {
            TableAccess.expectReadable(check, db.probe(), table, Keys.DATALOSS_TABLES.key());
            String time = identifier(settings.get(Keys.DATALOSS_TIME_COLUMN));
            DbObservation newest = db.query("select max(" + time + ") as newest from " + identifier(table)
                    + notTheMonitoringUser(db, settings, check, table));
            check.that(newest).answered();
            Object value = newest.firstValue().orElse(null);
            Instant at = value instanceof java.sql.Timestamp ts ? ts.toInstant()
                    : value instanceof OffsetDateTime odt ? odt.toInstant() : null;
            Duration age = at == null ? null : Duration.between(at, Instant.now());
            if (age != null) {
                check.figure(table + "-newest-age-minutes", age.toMinutes(), "minutes");
            }
            if (age == null || age.compareTo(limit) > 0) {
                stale.add(table + (age == null ? " has no rows" : " newest row " + age.toHours() + " h old"));
            }
        }
        check.expect(stale.isEmpty(), "a row younger than " + limit.toHours() + " h in every key table",
                String.join("; ", stale), db.endpoint());
    }

    /**
     * The rows the signed-in journey writes (its monitoring user's conversation and messages) are neither a sign of life
     * nor a loss: left out, by the user id journey.user-id names, of a table that has a user_id column.
     */
    private static String notTheMonitoringUser(Database db, Settings settings, CheckContext check, String table) {
        java.util.Optional<String> user = settings.find(Keys.JOURNEY_USER_ID);
        if (user.isEmpty()) {
            return "";
        }
        if (!user.get().matches("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")) {
            throw check.misconfigured(Keys.JOURNEY_USER_ID.key(), "journey.user-id='" + user.get() + "' is not a user id "
                    + "(a UUID, as Authentication > Users shows it): set JOURNEY_USER_ID");
        }
        // asked once a run for both checks
        DbObservation column = check.run().shared().once("data-loss.user-column " + table, () -> db.query(
                "select 1 from information_schema.columns where table_name = ? and column_name = 'user_id'",
                table.contains(".") ? table.substring(table.indexOf('.') + 1) : table));
        return column.rows().isEmpty() ? "" : " where user_id is distinct from '" + user.get().toLowerCase(java.util.Locale.ROOT) + "'::uuid";
    }
}
