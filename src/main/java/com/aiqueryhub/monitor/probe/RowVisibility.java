package com.aiqueryhub.monitor.probe;

import java.util.Map;
import java.util.Optional;

/**
 * Whether a table exists and whether row-level security hides its rows from the session's role: the two ways a count
 * can be a silent, meaningless zero. One rule for the checks and the preflight.
 */
public final class RowVisibility {

    private RowVisibility() {
    }

    /** One row (rls, forced, bypass, owner) for {@code table}, none when there is no such table. */
    public static DbObservation of(DatabaseProbe db, String table) {
        return db.query("""
                select c.relrowsecurity as rls, c.relforcerowsecurity as forced,
                       r.rolbypassrls or r.rolsuper as bypass, pg_get_userbyid(c.relowner) = current_user as owner
                from pg_class c, pg_roles r
                where c.oid = to_regclass(?) and r.rolname = current_user""", table);
    }

    /** Whether {@code table}'s row-level security hides rows from the session's role; empty when there is no such table. */
    public static Optional<Boolean> hidesRows(DatabaseProbe db, String table) {
        DbObservation access = of(db, table);
        return access.answered() && !access.rows().isEmpty() ? Optional.of(hidesRows(access.rows().get(0))) : Optional.empty();
    }

    public static boolean hidesRows(Map<String, Object> row) {
        return Boolean.TRUE.equals(row.get("rls")) && !Boolean.TRUE.equals(row.get("bypass"))
                && (!Boolean.TRUE.equals(row.get("owner")) || Boolean.TRUE.equals(row.get("forced")));
    }
}
