package com.aiqueryhub.monitor.probe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Runs monitoring queries on a read-only session: the driver marks the connection read-only, the session's
 * default transaction is read-only, and every statement has a timeout. Connect and socket timeouts bound a
 * database that accepts the connection and never answers.
 * <p>
 * A run's queries share a few sessions: a login is a new server process (tens of milliseconds of the database's CPU,
 * a slot of the session pooler's few), and nothing a query leaves behind matters to the next (autocommit, read-only,
 * no session setting but the two every session gets). The first query of a run still logs in as the monitor would on
 * any run; a kept session the server has since dropped is left and the query asked again on a new one, so a restarted
 * database is judged by a fresh login, never by a dead socket. {@link #close} ends them with the run.
 */
public final class DatabaseProbe implements AutoCloseable {

    /** Sessions kept between queries: as many as a run asks at once in the sandbox's self-tests, few for a pooler. */
    private static final int KEPT_SESSIONS = 4;

    /** How a rejected login starts its error text: a setting to fix, not a database that is down. */
    public static final String LOGIN_REJECTED = "login rejected";
    /** How a failure to reach an IPv6-only database host from a runner without an IPv6 route begins: the runner's network. */
    public static final String NO_IPV6_ROUTE = "this runner has no route to the database host's IPv6 address";

    private final String url;
    private final String user;
    private final String password;
    private final Duration connectTimeout;
    private final Duration statementTimeout;
    private final java.util.Deque<Connection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger logins = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    public DatabaseProbe(String url, String user, String password, Duration connectTimeout, Duration statementTimeout) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.connectTimeout = connectTimeout;
        this.statementTimeout = statementTimeout;
    }

    /** Whether {@code host} is an IPv6 address, or a name with IPv6 addresses only (Supabase's db.REF.supabase.co). */
    static boolean ipv6Only(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String bare = host.replaceAll("^\\[|\\]$", "");
        if (bare.contains(":")) {
            return true;
        }
        try {
            java.net.InetAddress[] all = java.net.InetAddress.getAllByName(bare);
            return all.length > 0 && java.util.Arrays.stream(all).allMatch(a -> a instanceof java.net.Inet6Address);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private String host() {
        try {
            return java.net.URI.create(url.replaceFirst("^jdbc:", "")).getHost();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** host:port/db, without parameters or credentials: what messages name as the endpoint. */
    public String endpoint() {
        String withoutParams = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return withoutParams.replace("jdbc:", "") + " as " + user;
    }

    /** Runs {@code sql} with {@code parameters} bound in order (text arrays for {@code String[]}). */
    public DbObservation query(String sql, Object... parameters) {
        long start = System.nanoTime();
        Connection kept = idle.pollFirst();
        if (kept != null) {
            try {
                return run(kept, start, sql, parameters);
            } catch (SQLException e) {
                if (!sessionLost(e)) {
                    return failed(sql, start, e);
                }
                // the server let the kept session go (a restart, an idle limit): what matters is what a new login sees
                closeQuietly(kept);
                start = System.nanoTime();
            }
        }
        Connection fresh;
        try {
            fresh = open();
        } catch (SQLException e) {
            return failed(sql, start, e);
        }
        try {
            return run(fresh, start, sql, parameters);
        } catch (SQLException e) {
            return failed(sql, start, e);
        }
    }

    /** Runs the statement on {@code c}, then keeps the session for the next query, or ends it when it cannot serve one. */
    private DbObservation run(Connection c, long start, String sql, Object... parameters) throws SQLException {
        boolean keep = false;
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setQueryTimeout((int) Math.max(1, statementTimeout.toSeconds()));
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p instanceof String[] array) {
                    st.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    st.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = st.executeQuery()) {
                DbObservation answer = new DbObservation(endpoint(), sql, rows(rs), Duration.ofNanos(System.nanoTime() - start), null);
                keep = true;
                return answer;
            }
        } catch (SQLException e) {
            // a refused statement (a missing table, a read-only write, a timeout) leaves a healthy session behind
            keep = !sessionLost(e);
            throw e;
        } finally {
            release(c, keep);
        }
    }

    private void release(Connection c, boolean keep) {
        if (keep && !closed && idle.size() < KEPT_SESSIONS) {
            idle.offerFirst(c);
            if (closed && idle.remove(c)) {
                closeQuietly(c);
            }
        } else {
            closeQuietly(c);
        }
    }

    /** The session itself is gone (connection exception class 08, the server shutting down 57P0x), not the statement. */
    private static boolean sessionLost(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.startsWith("57P0");
    }

    private DbObservation failed(String sql, long start, SQLException e) {
        return new DbObservation(endpoint(), sql, List.of(), Duration.ofNanos(System.nanoTime() - start), describe(e), e.getSQLState());
    }

    /** How many times this probe logged in: once for a run whose queries never overlap. */
    int logins() {
        return logins.get();
    }

    /** Ends the kept sessions; a query asked later logs in and ends its session at once. */
    @Override
    public void close() {
        closed = true;
        for (Connection c; (c = idle.pollFirst()) != null; ) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // a session that cannot even close is gone already
        }
    }

    /** {@code public.audit_logs} as a safely quoted identifier, whatever a setting holds. */
    public static String identifier(String qualifiedName) {
        StringBuilder sb = new StringBuilder();
        for (String part : qualifiedName.split("\\.")) {
            sb.append(sb.length() == 0 ? "" : ".").append('"').append(part.replace("\"", "\"\"")).append('"');
        }
        return sb.toString();
    }

    Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        long connectSeconds = Math.max(1, connectTimeout.toSeconds());
        p.setProperty("connectTimeout", Long.toString(connectSeconds));
        p.setProperty("loginTimeout", Long.toString(connectSeconds));
        // a hung server must not hold a check longer than the statement timeout plus a little
        p.setProperty("socketTimeout", Long.toString(Math.max(1, statementTimeout.toSeconds()) + connectSeconds));
        p.setProperty("readOnly", "true");
        p.setProperty("readOnlyMode", "always");
        p.setProperty("ApplicationName", "aiqueryhub-synthetic-monitor");
        logins.incrementAndGet();
        Connection c = DriverManager.getConnection(url, p);
        try (Statement st = c.createStatement()) {
            // session settings rather than startup options: poolers reject unknown startup parameters
            st.execute("SET SESSION default_transaction_read_only = on");
            st.execute("SET SESSION statement_timeout = " + statementTimeout.toMillis());
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        c.setReadOnly(true);
        return c;
    }

    private static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next() && rows.size() < 1_000) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                row.put(md.getColumnLabel(i), rs.getObject(i));
            }
            rows.add(row);
        }
        return rows;
    }

    String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        if (state.startsWith("08")) {
            // the driver wraps the network's cause: name it in the words every other check uses
            NetworkFailure cause = NetworkFailure.of(e, host(), connectTimeout, statementTimeout);
            if (cause.cause() == NetworkFailure.Cause.UNREACHABLE && ipv6Only(host())) {
                // Supabase's direct host resolves to IPv6 only: a runner without IPv6 cannot route there, whatever the database does
                return NO_IPV6_ROUTE + " (" + host() + ")";
            }
            return "database unreachable: " + (cause.cause() == NetworkFailure.Cause.OTHER ? message : cause.words());
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return LOGIN_REJECTED + ": " + message;
        }
        if (state.equals("57014")) {
            return "statement timed out: " + message;
        }
        return message + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
    }
}
