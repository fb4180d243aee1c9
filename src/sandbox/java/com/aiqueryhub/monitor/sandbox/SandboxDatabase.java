package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.process.LoopbackPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the sandbox, of the major Supabase runs the project on (15 or 17: projects are upgraded in
 * place), started once per JVM and major and shared by the sandboxes running in it (several at once when the self-tests
 * run in parallel). Each sandbox gets its own database copied from a seeded template, so faults that change data never
 * leak into another sandbox, and its own monitoring login: a role is the cluster's, not a database's, so a sandbox
 * changing its password or taking BYPASSRLS away (fault rls-hidden) must not do it to another's. A sandbox whose fault
 * fills the cluster's connections (connections-saturated) gets a cluster of its own, since max_connections and
 * pg_stat_activity are the cluster's too.
 */
final class SandboxDatabase implements AutoCloseable {

    /** This JVM's databases carry its process id: a cluster kept from an earlier run holds others, dropped lazily. */
    private static final String PREFIX = "sandbox_" + ProcessHandle.current().pid() + "_";
    private static final String TEMPLATE = PREFIX + "template";
    private static final AtomicInteger NEXT = new AtomicInteger();
    /** The shared cluster of each major; guarded by the class's lock ({@link #sharedCluster}). */
    private static final Map<Integer, EmbeddedPostgres> CLUSTERS = new HashMap<>();
    /** The majors the sandbox can run: 15 from the classpath, the others from binaries the build copied (see the pom). */
    static final List<Integer> MAJORS = List.of(15, 17);
    /** Roles are the cluster's, not a database's: two sandboxes must not create or alter one at once. */
    private static final Object ROLES = new Object();
    /** The monitoring roles of the sandboxes running now, per cluster; guarded by {@link #ROLES}. */
    private static final Map<EmbeddedPostgres, Set<String>> ROLES_IN_USE = new IdentityHashMap<>();
    /**
     * PostgreSQL refuses to copy a template another session is using ("source database ... is being accessed by other
     * users"): sandboxes starting together clone it one at a time.
     */
    private static final Object TEMPLATE_CLONE = new Object();
    /** The superuser's session each cluster's copies are made on; guarded by {@link #TEMPLATE_CLONE}. */
    private static final Map<EmbeddedPostgres, Connection> CLONING_SESSIONS = new IdentityHashMap<>();

    private final EmbeddedPostgres cluster;
    /** Set when this sandbox runs a cluster of its own (stopped with it); its shutdown hook, removed on close. */
    private final Thread ownClusterHook;
    private final String name;
    private final String role;
    private final List<Connection> held;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** No fault of this sandbox changed the database: the next sandbox of the same role may use it. */
    private final boolean reusable;

    private SandboxDatabase(EmbeddedPostgres cluster, Thread ownClusterHook, String name, String role, List<Connection> held,
                            boolean reusable) {
        this.reusable = reusable;
        this.cluster = cluster;
        this.ownClusterHook = ownClusterHook;
        this.name = name;
        this.role = role;
        this.held = held;
    }

    /**
     * A fresh seeded database, broken as {@code faults} say, and a monitoring login for it named {@code user} (or
     * {@code user_2}, ... while another running sandbox holds that role in the same cluster).
     *
     * @param workDir this sandbox's own directory (a cluster of its own keeps its pg_hba.conf there)
     * @param sharedDir the directory of the JVM's shared clusters' pg_hba.conf
     */
    static SandboxDatabase create(Path sharedDir, Path workDir, int major, String user, String password, Set<Fault> faults) {
        boolean own = faults.contains(Fault.CONNECTIONS_SATURATED);
        EmbeddedPostgres pg = own ? ownCluster(workDir, major) : sharedCluster(sharedDir, major);
        Thread hook = null;
        if (own) {
            hook = new Thread(() -> {
                com.aiqueryhub.monitor.process.Drain.awaitClosed(); // a warm runner's cycle ends first
                closeQuietly(pg);
            }, "sandbox-postgres-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        String role = null;
        List<Connection> held = List.of();
        // a run whose faults leave the database as they found it hands it on: the next such run of the same role skips
        // the copy and the setup (a copy is a few megabytes and checkpoints; the self-tests start a few hundred)
        boolean reusable = !own && java.util.Collections.disjoint(faults, DatabaseFaults.CHANGING);
        try {
            role = claimRole(pg, user);
            String name = reusable ? SandboxDatabases.takeHandedOn(pg, role) : null;
            if (name != null) {
                resetLogin(pg, role, password);
                return new SandboxDatabase(pg, hook, name, role, held, true);
            }
            name = PREFIX + NEXT.incrementAndGet();
            clone(pg, name, !own);
            setUp(pg, name, role, password, faults);
            if (faults.contains(Fault.SLOW_QUERY)) {
                DatabaseFaults.runSlowStatements(pg, name);
            }
            if (faults.contains(Fault.CONNECTIONS_SATURATED)) {
                held = DatabaseFaults.occupyConnections(pg, name, 108);
            }
            return new SandboxDatabase(pg, hook, name, role, held, reusable);
        } catch (RuntimeException e) {
            if (role != null) {
                releaseRole(pg, role);
            }
            if (own) {
                Runtime.getRuntime().removeShutdownHook(hook);
                closeQuietly(pg);
            }
            throw e;
        }
    }

    /** The database's name in its cluster. */
    String name() {
        return name;
    }

    /** The monitoring role this sandbox's checks log in as. */
    String role() {
        return role;
    }

    int port() {
        return cluster.getPort();
    }

    /** Lets the held connections go and the role to the next sandbox; stops a cluster of its own. Once only. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        release(held);
        if (reusable) {
            SandboxDatabases.handOn(cluster, role, name); // before the role is free to claim
        }
        releaseRole(cluster, role);
        if (ownClusterHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(ownClusterHook);
            } catch (IllegalStateException ignored) {
                // the JVM is exiting: the hook stops it
            }
            closeQuietly(cluster);
        }
    }

    /** The JVM's cluster of this major, started and seeded at first use. */
    private static synchronized EmbeddedPostgres sharedCluster(Path sharedDir, int major) {
        EmbeddedPostgres cluster = CLUSTERS.get(major);
        if (cluster == null) {
            try {
                cluster = startCluster(writeHba(sharedDir.resolve("pg_hba.conf")), major);
                seedTemplate(cluster);
                SandboxDatabases.dropOthersLater(cluster, PREFIX);
                EmbeddedPostgres started = cluster;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    com.aiqueryhub.monitor.process.Drain.awaitClosed(); // a warm runner's cycle ends first
                    closeQuietly(started);
                }, "sandbox-postgres-shutdown"));
                CLUSTERS.put(major, cluster);
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("embedded PostgreSQL " + major + " did not start: " + e.getMessage(), e);
            }
        }
        return cluster;
    }

    /** A cluster for one sandbox only, in a temporary directory removed when it stops. */
    private static EmbeddedPostgres ownCluster(Path workDir, int major) {
        EmbeddedPostgres cluster = null;
        try {
            cluster = builder(writeHba(workDir.resolve("pg_hba.conf")), major).start();
            seedTemplate(cluster);
            return cluster;
        } catch (IOException | SQLException e) {
            if (cluster != null) {
                closeQuietly(cluster);
            }
            throw new IllegalStateException("embedded PostgreSQL " + major + " did not start: " + e.getMessage(), e);
        }
    }

    /** The superuser may connect freely (it seeds); everyone else must give a real password. */
    private static Path writeHba(Path hba) throws IOException {
        Files.writeString(hba, String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all postgres ::1/128 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256", ""));
        return hba;
    }

    private static void seedTemplate(EmbeddedPostgres cluster) throws IOException, SQLException {
        try (Connection c = cluster.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + TEMPLATE);
        }
        try (Connection c = cluster.getDatabase("postgres", TEMPLATE).getConnection(); Statement st = c.createStatement()) {
            st.execute(resource("sandbox/seed.sql"));
        }
    }

    /**
     * A copy of the seeded template; one copy at a time (PostgreSQL refuses a template another session is using), on a
     * session kept per shared cluster for it (guarded by {@link #TEMPLATE_CLONE}): a login is a server process. A cluster
     * of a sandbox's own keeps none: its connections are what its fault counts.
     */
    private static void clone(EmbeddedPostgres pg, String name, boolean keepSession) {
        synchronized (TEMPLATE_CLONE) {
            try {
                try (Statement st = cloningSession(pg).createStatement()) {
                    // copied as files, not written through the WAL block by block: a quarter of the server's CPU and
                    // time per copy (measured), and the copies are made one at a time
                    st.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE + " STRATEGY FILE_COPY");
                } finally {
                    if (!keepSession) {
                        release(List.of(CLONING_SESSIONS.remove(pg)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the sandbox database: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The role's own statements of the README (its attributes and settings, which a fault may have changed since) and
     * this sandbox's password; its grants are in the database already. On the cluster's kept session: no login.
     */
    private static void resetLogin(EmbeddedPostgres pg, String role, String password) {
        synchronized (ROLES) {
            synchronized (TEMPLATE_CLONE) {
                try (Statement st = cloningSession(pg).createStatement()) {
                    applyLogin(st, role, password, true, true);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot set the sandbox's login: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * The monitoring login exactly as the README creates it (MonitoringRoleSqlTest keeps both equal), its password then
     * stored with few SCRAM iterations (every login of every self-test pays for them); {@code roleOnly}: the role's own
     * statements, for a database that holds its grants already. The caller holds {@link #ROLES}.
     */
    private static void applyLogin(Statement st, String role, String password, boolean exists, boolean roleOnly) throws SQLException {
        for (String statement : MonitoringRole.statements(role, password, exists)) {
            if (!roleOnly || statement.startsWith("alter role ")) {
                st.execute(statement);
            }
        }
        st.execute("ALTER ROLE " + quoteIdent(role) + " PASSWORD "
                + quoteLiteral(ScramVerifier.of(password, ScramVerifier.SANDBOX_ITERATIONS)));
    }

    /** The cluster's kept superuser session, opened anew when it was lost; the caller holds {@link #TEMPLATE_CLONE}. */
    private static Connection cloningSession(EmbeddedPostgres pg) throws SQLException {
        Connection c = CLONING_SESSIONS.get(pg);
        if (c == null || !c.isValid(5)) {
            if (c != null) {
                release(List.of(c));
            }
            c = pg.getPostgresDatabase().getConnection();
            CLONING_SESSIONS.put(pg, c);
        }
        return c;
    }

    /** {@code user}, or {@code user_2}, {@code user_3}, ... while running sandboxes hold it in this cluster. */
    private static String claimRole(EmbeddedPostgres pg, String user) {
        synchronized (ROLES) {
            Set<String> inUse = ROLES_IN_USE.computeIfAbsent(pg, k -> new HashSet<>());
            String role = user;
            for (int n = 2; !inUse.add(role); n++) {
                role = user + "_" + n;
            }
            return role;
        }
    }

    private static void releaseRole(EmbeddedPostgres pg, String role) {
        synchronized (ROLES) {
            Set<String> inUse = ROLES_IN_USE.get(pg);
            if (inUse != null) {
                inUse.remove(role);
                if (inUse.isEmpty()) {
                    ROLES_IN_USE.remove(pg);
                }
            }
        }
    }

    /** The monitoring login and the faults' changes to the data. */
    private static void setUp(EmbeddedPostgres pg, String name, String user, String password, Set<Fault> faults) {
        try (Connection c = pg.getDatabase("postgres", name).getConnection(); Statement st = c.createStatement()) {
            synchronized (ROLES) {
                boolean exists;
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = " + quoteLiteral(user))) {
                    exists = rs.next();
                }
                applyLogin(st, user, password, exists, false);
            }
            if (faults.contains(Fault.RLS_HIDDEN)) {
                st.execute("ALTER ROLE " + quoteIdent(user) + " NOBYPASSRLS");
            }
            // on the same session: a login is a server process, and hundreds of sandboxes start in a self-test build
            DatabaseFaults.applyToData(st, faults);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the sandbox database: " + e.getMessage(), e);
        }
    }

    /**
     * Reuses the cluster of an earlier run when it can ({@code sandbox.pg-dir}, default target/sandbox-postgres, one
     * folder per major): initdb is most of PostgreSQL's start-up. A directory in use by another run, or damaged, falls
     * back to a fresh cluster in a temporary directory.
     */
    private static EmbeddedPostgres startCluster(Path hba, int major) throws IOException {
        String base = System.getProperty("sandbox.pg-dir", "target/sandbox-postgres");
        Path kept = Path.of(major == 15 ? base : base + "-" + major).toAbsolutePath();
        try {
            Files.createDirectories(kept);
            return builder(hba, major).setDataDirectory(kept.toFile()).setCleanDataDirectory(false).start();
        } catch (IOException | RuntimeException e) {
            return builder(hba, major).start();
        }
    }

    private static EmbeddedPostgres.Builder builder(Path hba, int major) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                // zonky's own choice is a port the kernel may give an outgoing connection before initdb is done
                .setPort(LoopbackPorts.forProgramThatBindsLater())
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("hba_file", hba.toString())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "120")
                // a sandbox's database lives for one run: with hundreds in a cluster, the launcher would start a
                // worker (a server process) every few hundred milliseconds to look at them
                .setServerConfig("autovacuum", "off")
                // the monitoring role's password is set with ALTER ROLE: keep such statements out of
                // pg_stat_statements and the server log, which live on disk (target/sandbox-postgres)
                .setServerConfig("pg_stat_statements.track_utility", "off")
                .setServerConfig("log_min_error_statement", "panic");
        if (major != 15) {
            builder.setPgBinaryResolver(PostgresBinaries.of(major));
        }
        return builder;
    }

    static void release(List<Connection> connections) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the sandbox is stopping
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException ignored) {
            // stopping anyway: the JVM is exiting or the sandbox is done
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SandboxDatabase.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String quoteIdent(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static String quoteLiteral(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
