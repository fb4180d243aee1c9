package com.aiqueryhub.monitor.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL that creates the read-only monitoring role, as the README gives it to teams
 * ({@code src/sandbox/resources/sql/monitoring-role.sql}; a test keeps the README's copy identical). The sandbox
 * creates its role with the very same statements, so the checks are proven with the role teams really get.
 */
public final class MonitoringRole {

    public static final String RESOURCE = "sql/monitoring-role.sql";
    public static final String ROLE = "synthetic_monitor";
    public static final String PASSWORD_PLACEHOLDER = "choose-a-long-random-password";

    private MonitoringRole() {
    }

    /** The README's SQL, verbatim. */
    public static String readme() {
        try (InputStream in = MonitoringRole.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * The statements for role {@code user} with {@code password}. The sandbox's cluster is kept between runs, so
     * when the role exists already its {@code create role} becomes the equivalent {@code alter role}.
     */
    static List<String> statements(String user, String password, boolean roleExists) {
        String sql = readme().replace(ROLE, SandboxDatabase.quoteIdent(user))
                .replace("'" + PASSWORD_PLACEHOLDER + "'", SandboxDatabase.quoteLiteral(password));
        return Arrays.stream(sql.split(";\\s*\\n")).map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("--"))
                .map(s -> roleExists && s.startsWith("create role ") ? "alter" + s.substring("create".length()) : s).toList();
    }
}
