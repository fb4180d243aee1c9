package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.sandbox.MonitoringRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's monitoring-role SQL, run exactly as written against the sandbox's PostgreSQL (row-level security on
 * every table the checks read, with the app's own policies), gives a role that counts every row and cannot write.
 */
// the role it creates and drops is the README's (synthetic_monitor), which no sandbox logs in as: it runs beside the others
class MonitoringRoleSqlTest {

    /** One sandbox per PostgreSQL major Supabase runs (15 and 17), started when first asked for. */
    private static final Map<Integer, RunContext> MONITORS = new java.util.TreeMap<>();

    @AfterAll
    static void stop() throws SQLException {
        for (RunContext monitor : MONITORS.values()) {
            dropRole(monitor.settings().get(Keys.DB_URL));
            monitor.close();
        }
    }

    private static synchronized String dbUrl(int major) throws SQLException {
        if (!MONITORS.containsKey(major)) {
            RunContext monitor = RunContext.start(Settings.load(Map.of("env", "local", "sandbox.postgres-version",
                    Integer.toString(major)), Map.of()));
            MONITORS.put(major, monitor);
            dropRole(monitor.settings().get(Keys.DB_URL)); // the sandbox's cluster is kept between runs
        }
        return MONITORS.get(major).settings().get(Keys.DB_URL);
    }

    @Test
    void theReadmeGivesTheSqlTheSandboxUses() throws Exception {
        assertThat(readmeSql()).isEqualTo(MonitoringRole.readme());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {15, 17})
    void theReadmeRoleCountsEveryRowUnderRowLevelSecurityAndCannotWrite(int major) throws Exception {
        String dbUrl = dbUrl(major);
        try (Connection admin = superuser(dbUrl); Statement st = admin.createStatement()) {
            assertThat(st.executeQuery("show server_version_num").next()).isTrue();
            st.execute(readmeSql()); // verbatim, placeholder password included
        }
        try (Connection admin = superuser(dbUrl); Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("show server_version_num")) {
            rs.next();
            assertThat(rs.getInt(1) / 10000).as("the sandbox runs the major asked for").isEqualTo(major);
        }
        DatabaseProbe role = new DatabaseProbe(dbUrl, MonitoringRole.ROLE, MonitoringRole.PASSWORD_PLACEHOLDER,
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        for (String table : List.of("security_incidents", "compliance_audit_log", "assistant_audit_log", "conversations", "messages")) {
            long all = count(dbUrl, table);
            assertThat(all).as("rows the sandbox seeded in %s", table).isPositive();
            assertThat(role.query("select count(*) from " + table).firstValue()).as("rows %s sees in %s", MonitoringRole.ROLE, table)
                    .hasValueSatisfying(v -> assertThat(((Number) v).longValue()).isEqualTo(all));
        }
        assertThat(role.query("select count(*) from extensions.pg_stat_statements").answered()).as("pg_stat_statements").isTrue();
        assertThat(role.query("select count(*) from pg_stat_activity where query is not null and usename <> current_user")
                .answered()).isTrue();
        DbObservation write = role.query("insert into security_incidents (type, severity, ip_address) values "
                + "('SUSPICIOUS_ACCESS', 'LOW', '192.0.2.1') returning id");
        assertThat(write.answered()).as("a write as the monitoring role").isFalse();
        // read-only by the role's own default, not only by the suite's session settings
        try (Connection c = DriverManager.getConnection(dbUrl, MonitoringRole.ROLE, MonitoringRole.PASSWORD_PLACEHOLDER);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show default_transaction_read_only")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on");
        }
    }

    /** The first ```sql block of the README's first step against a deployment. */
    static String readmeSql() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("**1. Create the read-only database login**"));
        Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(m.find()).as("a sql block under step 1").isTrue();
        return m.group(1);
    }

    private static long count(String dbUrl, String table) throws SQLException {
        try (Connection c = superuser(dbUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection superuser(String dbUrl) throws SQLException {
        return DriverManager.getConnection(dbUrl, "postgres", "");
    }

    private static void dropRole(String dbUrl) throws SQLException {
        List<String> databases = new ArrayList<>();
        try (Connection c = superuser(dbUrl); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select 1 from pg_roles where rolname = '" + MonitoringRole.ROLE + "'")) {
                if (!rs.next()) {
                    return;
                }
            }
            // only the databases where the role holds something (pg_shdepend, the cluster's catalog of what depends
            // on a role): a kept cluster holds hundreds of sandbox databases, and a login to each took most a minute
            try (ResultSet rs = st.executeQuery("select distinct d.datname from pg_shdepend s join pg_database d on d.oid = s.dbid "
                    + "where d.datallowconn and s.refclassid = 'pg_authid'::regclass and s.refobjid = (select oid from pg_roles "
                    + "where rolname = '" + MonitoringRole.ROLE + "')")) {
                while (rs.next()) {
                    databases.add(rs.getString(1));
                }
            }
        }
        String base = dbUrl.substring(0, dbUrl.lastIndexOf('/') + 1);
        for (String db : databases) {
            try (Connection c = DriverManager.getConnection(base + db, "postgres", ""); Statement st = c.createStatement()) {
                st.execute("drop owned by " + MonitoringRole.ROLE);
            } catch (SQLException gone) {
                // a database of an earlier run being dropped meanwhile
            }
        }
        try (Connection c = superuser(dbUrl); Statement st = c.createStatement()) {
            st.execute("drop role if exists " + MonitoringRole.ROLE);
        }
    }
}
