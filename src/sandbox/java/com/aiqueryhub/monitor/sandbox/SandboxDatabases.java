package com.aiqueryhub.monitor.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The databases earlier runs left in a kept cluster: dropped in the background, never in the way of a run. */
final class SandboxDatabases {

    private SandboxDatabases() {
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
