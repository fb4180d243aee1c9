package com.aiqueryhub.monitor.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The database's faults: rows a fault adds, moves or removes in a sandbox's own copy of the seeded data, and the load a
 * fault puts on the cluster (slow statements, connections held). Adding a data fault touches this class and the fault
 * list.
 */
final class DatabaseFaults {

    /** Runs of the slow statement (fault slow-query): eleven per sandbox, several sandboxes at once. */
    private static final ExecutorService SLOW_POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sandbox-slow-statement");
        t.setDaemon(true);
        return t;
    });

    private DatabaseFaults() {
    }

    /**
     * The faults that leave a sandbox's database other than they found it (its rows, its statements' statistics, its
     * role's attributes, its cluster): such a database is never handed to another run. DatabaseFaultsTest keeps every
     * fault this class and SandboxDatabase act on in here.
     */
    static final Set<Fault> CHANGING = java.util.EnumSet.of(Fault.AUDIT_EVENTS, Fault.AUDIT_EVENTS_TRIAGED,
            Fault.AUDIT_VOLUME_SPIKE, Fault.AUDIT_TABLE_MISSING, Fault.SECURITY_BURST, Fault.STALE_DATA, Fault.ROWS_DROPPED,
            Fault.RLS_HIDDEN, Fault.SLOW_QUERY, Fault.CONNECTIONS_SATURATED);

    /** The faults' changes to the rows of the sandbox's database, made on {@code st}, the cluster's superuser's session. */
    static void applyToData(Statement st, Set<Fault> faults) throws SQLException {
        if (faults.contains(Fault.AUDIT_EVENTS)) {
            // opened by incident-detector (status ACTIVE, its default) and not looked at since
            st.execute("INSERT INTO security_incidents (type, severity, status, ip_address, detected_at) VALUES "
                    + "('BRUTE_FORCE_ATTEMPT', 'HIGH', 'ACTIVE', '203.0.113.7', now() - interval '2 days'),"
                    + "('BRUTE_FORCE_ATTEMPT', 'HIGH', 'ACTIVE', '203.0.113.7', now() - interval '26 hours'),"
                    + "('SUSPICIOUS_ACCESS', 'MEDIUM', 'ACTIVE', '203.0.113.9', now() - interval '5 hours')");
        }
        if (faults.contains(Fault.AUDIT_EVENTS_TRIAGED)) {
            // an ordinary week of a system with users: incidents opened, looked at and closed
            st.execute("INSERT INTO security_incidents (type, severity, status, ip_address, detected_at) VALUES "
                    + "('BRUTE_FORCE_ATTEMPT', 'HIGH', 'FALSE_POSITIVE', '198.51.100.77', now() - interval '3 days'),"
                    + "('RATE_LIMIT_EXCEEDED', 'LOW', 'RESOLVED', '198.51.100.80', now() - interval '2 days')");
        }
        if (faults.contains(Fault.AUDIT_VOLUME_SPIKE)) {
            // four quiet weeks (two incidents each), then forty this week, every one triaged
            st.execute("INSERT INTO security_incidents (type, severity, status, ip_address, detected_at) SELECT "
                    + "'RATE_LIMIT_EXCEEDED', 'LOW', 'RESOLVED', '198.51.100.90', now() - (g * 3.5 || ' days')::interval - "
                    + "interval '7 days' FROM generate_series(1, 8) AS g");
            st.execute("INSERT INTO security_incidents (type, severity, status, ip_address, detected_at) SELECT "
                    + "'RATE_LIMIT_EXCEEDED', 'LOW', 'FALSE_POSITIVE', '198.51.100.91', now() - (g || ' hours')::interval "
                    + "FROM generate_series(1, 40) AS g");
        }
        if (faults.contains(Fault.AUDIT_TABLE_MISSING)) {
            // the schema moved on: the table the settings name is gone under another name
            st.execute("ALTER TABLE security_incidents RENAME TO security_incident_events");
        }
        if (faults.contains(Fault.SECURITY_BURST)) {
            st.execute("INSERT INTO security_incidents (type, severity, status, ip_address, detected_at) SELECT "
                    + "'BRUTE_FORCE_ATTEMPT', 'HIGH', 'ACTIVE', '203.0.113.7', "
                    + "now() - (g * 5 || ' minutes')::interval FROM generate_series(1, 8) AS g");
        }
        if (faults.contains(Fault.STALE_DATA)) {
            // the users' rows: the monitoring user's journey still ran today
            st.execute("UPDATE conversations SET created_at = created_at - interval '3 days' WHERE user_id <> '"
                    + SandboxAuth.MONITORING_USER_ID + "'");
            st.execute("UPDATE messages SET created_at = created_at - interval '3 days' WHERE user_id <> '"
                    + SandboxAuth.MONITORING_USER_ID + "'");
        }
        if (faults.contains(Fault.ROWS_DROPPED)) {
            st.execute("DELETE FROM messages WHERE id NOT IN (SELECT id FROM messages ORDER BY created_at LIMIT 20)");
        }
    }

    /** Eleven runs of one slow statement at once: pg_stat_statements then shows calls > 10 with a mean over 1 s. */
    static void runSlowStatements(EmbeddedPostgres pg, String db) {
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            runs.add(CompletableFuture.runAsync(() -> {
                try (Connection c = pg.getDatabase("postgres", db).getConnection(); Statement st = c.createStatement()) {
                    st.execute("SELECT count(*) FROM messages, pg_sleep(1.1)");
                } catch (SQLException e) {
                    throw new IllegalStateException("slow statement failed: " + e.getMessage(), e);
                }
            }, SLOW_POOL));
        }
        runs.forEach(CompletableFuture::join);
    }

    /** Holds {@code count} connections open until the sandbox stops; a few sit idle in a transaction. */
    static List<Connection> occupyConnections(EmbeddedPostgres pg, String db, int count) {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Connection c = pg.getDatabase("postgres", db).getConnection();
                held.add(c);
                if (i < 3) {
                    c.setAutoCommit(false);
                    try (Statement st = c.createStatement()) {
                        st.execute("SELECT count(*) FROM conversations");
                    }
                }
            }
            return held;
        } catch (SQLException e) {
            SandboxDatabase.release(held);
            throw new IllegalStateException("cannot occupy connections: " + e.getMessage(), e);
        }
    }
}
