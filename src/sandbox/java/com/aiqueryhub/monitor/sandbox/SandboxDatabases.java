package com.aiqueryhub.monitor.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandboxes' databases once their runs are over: one no fault touched is handed to the next sandbox of its role;
 * those earlier JVMs left in a kept cluster are dropped in the background, never in the way of a run.
 */
final class SandboxDatabases {

    /** Databases left as they were found, per cluster and the role they were set up for; guarded by the class. */
    private static final Map<EmbeddedPostgres, Map<String, Deque<String>>> HANDED_ON = new IdentityHashMap<>();

    private SandboxDatabases() {
    }

    /** {@code name}, set up for {@code role} and left as it was found, for the next sandbox of that role. */
    static synchronized void handOn(EmbeddedPostgres pg, String role, String name) {
        HANDED_ON.computeIfAbsent(pg, k -> new HashMap<>()).computeIfAbsent(role, k -> new ArrayDeque<>()).push(name);
    }

    /** A database handed on for {@code role}, or null. */
    static synchronized String takeHandedOn(EmbeddedPostgres pg, String role) {
        Deque<String> names = HANDED_ON.getOrDefault(pg, Map.of()).get(role);
        return names == null ? null : names.poll();
    }

    /** Databases of earlier runs in a kept cluster: dropped in the background, never in the way of this run. */
    static void dropOthersLater(EmbeddedPostgres pg, String prefix) {
        Thread t = new Thread(() -> {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                List<String> stale = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'sandbox\\_%' "
                        + "AND datname NOT LIKE '" + prefix.replace("_", "\\_") + "%'")) {
                    while (rs.next()) {
                        stale.add(rs.getString(1));
                    }
                }
                for (String db : stale) {
                    st.execute("DROP DATABASE IF EXISTS " + SandboxDatabase.quoteIdent(db) + " WITH (FORCE)");
                }
            } catch (SQLException ignored) {
                // leftovers cost disk, not correctness; the next run tries again
            }
        }, "sandbox-postgres-cleanup");
        t.setDaemon(true);
        t.start();
    }
}
