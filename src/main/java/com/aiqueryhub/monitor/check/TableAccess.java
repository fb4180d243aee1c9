package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.DatabaseProbe;
import com.aiqueryhub.monitor.probe.DbObservation;

import java.util.Map;
import java.util.Optional;

/**
 * Guards a count against the two ways it can be a silent, meaningless zero: the configured table does not
 * exist (the runbook's SQL is stale), or row-level security hides its rows from the monitoring role.
 */
public final class TableAccess {
    private TableAccess() {
    }

    /** @param setting the setting that names the table, so the message can say what to change */
    public static void expectReadable(DatabaseProbe db, String table, String setting) {
        DbObservation access = visibility(db, table);
        DbAssert.assertThat(access).answered();
        Verdict.expect(!access.rows().isEmpty(), "table " + table + " to exist (" + setting + ")",
                "no such table: the runbook's SQL is stale for this schema; set " + setting
                        + " to a table that exists (and its columns)", access.endpoint());
        Verdict.expect(!hidesRows(access.rows().get(0)), "the monitoring role to see every row of " + table,
                "row-level security hides rows from it (no BYPASSRLS, not the owner): a count of 0 would mean nothing; "
                        + "grant BYPASSRLS to the monitoring role or point " + setting + " at a view it can read",
                access.endpoint());
    }

    /** Whether {@code table}'s row-level security hides rows from the session's role; empty when there is no such table. */
    public static Optional<Boolean> hidesRows(DatabaseProbe db, String table) {
        DbObservation access = visibility(db, table);
        return access.answered() && !access.rows().isEmpty() ? Optional.of(hidesRows(access.rows().get(0))) : Optional.empty();
    }

    private static DbObservation visibility(DatabaseProbe db, String table) {
        return db.query("""
                select c.relrowsecurity as rls, c.relforcerowsecurity as forced,
                       r.rolbypassrls or r.rolsuper as bypass, pg_get_userbyid(c.relowner) = current_user as owner
                from pg_class c, pg_roles r
                where c.oid = to_regclass(?) and r.rolname = current_user""", table);
    }

    private static boolean hidesRows(Map<String, Object> row) {
        return Boolean.TRUE.equals(row.get("rls")) && !Boolean.TRUE.equals(row.get("bypass"))
                && (!Boolean.TRUE.equals(row.get("owner")) || Boolean.TRUE.equals(row.get("forced")));
    }
}
