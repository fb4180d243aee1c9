package com.aiqueryhub.monitor.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one read-only query observed: rows, or why the database did not answer. */
public record DbObservation(String endpoint, String sql, List<Map<String, Object>> rows, Duration elapsed, String error,
                            String sqlState) {

    /** PostgreSQL's SQLSTATE for a column the statement names that the table does not have. */
    public static final String UNDEFINED_COLUMN = "42703";

    public DbObservation(String endpoint, String sql, List<Map<String, Object>> rows, Duration elapsed, String error) {
        this(endpoint, sql, rows, elapsed, error, null);
    }

    /** The database refused the statement with this SQLSTATE (empty when it answered, or when the driver gave none). */
    public Optional<String> refusedWith() {
        return Optional.ofNullable(sqlState);
    }

    /**
     * No answer, and not because the database refused the monitor's own login: the database is down as users would see
     * it. A refused login is the monitor's credential (database.sql reports it as a misconfiguration), never an outage.
     */
    public boolean down() {
        return error != null && !monitorSide();
    }

    /** The monitor's own trouble: its login refused, or its runner unable to route to an IPv6-only host. */
    public boolean monitorSide() {
        return error != null && (error.startsWith(DatabaseProbe.LOGIN_REJECTED) || error.startsWith(DatabaseProbe.NO_IPV6_ROUTE));
    }

    public boolean answered() {
        return error == null;
    }

    public Optional<Object> firstValue() {
        return rows.isEmpty() ? Optional.empty() : rows.get(0).values().stream().findFirst();
    }

    public String summary() {
        return answered() ? rows.size() + " row(s) " + (rows.size() <= 3 ? rows : rows.subList(0, 3) + "...")
                : "no answer (" + error + ")";
    }

    public String evidence() {
        return endpoint + "\n" + sql + "\n\n--- " + (answered()
                ? rows.size() + " row(s) in " + elapsed.toMillis() + " ms\n" + String.join("\n", rows.stream().map(Object::toString).toList())
                : "no answer after " + elapsed.toMillis() + " ms: " + error) + "\n";
    }
}
