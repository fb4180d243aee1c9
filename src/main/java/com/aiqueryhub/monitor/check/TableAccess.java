package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.DatabaseProbe;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.probe.RowVisibility;

/**
 * Guards a count against the two ways it can be a silent, meaningless zero: the configured table does not exist (the
 * runbook's SQL is stale), or row-level security hides its rows from the monitoring role. Both are the monitor's setup,
 * not production: the check is not observed, once per setting, naming what to change.
 */
public final class TableAccess {
    private TableAccess() {
    }

    /** @param setting the setting that names the table, so the message can say what to change */
    public static void expectReadable(CheckContext check, DatabaseProbe db, String table, String setting) {
        DbObservation access = RowVisibility.of(db, table);
        check.that(access).answered();
        if (access.rows().isEmpty()) {
            throw check.misconfigured(setting, "expected table " + table + " to exist (" + setting + "); observed no such "
                    + "table: the runbook's SQL is stale for this schema; set " + setting + " to a table that exists (and its "
                    + "columns; the preflight lists candidates) — " + access.endpoint());
        }
        if (RowVisibility.hidesRows(access.rows().get(0))) {
            throw check.misconfigured("db.user", "expected the monitoring role to see every row of " + table + "; observed "
                    + "row-level security hides rows from it (no BYPASSRLS, not the owner): a count of 0 would mean nothing; "
                    + "grant BYPASSRLS to the monitoring role or point " + setting + " at a view it can read — " + access.endpoint());
        }
    }
}
