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
 */
public final class DatabaseProbe {

    /** How a rejected login starts its error text: a setting to fix, not a database that is down. */
    public static final String LOGIN_REJECTED = "login rejected";

    private final String url;
    private final String user;
    private final String password;
    private final Duration connectTimeout;
    private final Duration statementTimeout;

    public DatabaseProbe(String url, String user, String password, Duration connectTimeout, Duration statementTimeout) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.connectTimeout = connectTimeout;
        this.statementTimeout = statementTimeout;
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
        try (Connection c = open(); PreparedStatement st = c.prepareStatement(sql)) {
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
                return new DbObservation(endpoint(), sql, rows(rs), Duration.ofNanos(System.nanoTime() - start), null);
            }
        } catch (SQLException e) {
            return new DbObservation(endpoint(), sql, List.of(), Duration.ofNanos(System.nanoTime() - start), describe(e),
                    e.getSQLState());
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
