package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.run.RunContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitoring session is read-only and bounded, against the sandbox's real PostgreSQL. */
class DatabaseProbeTest {

    private static RunContext monitor;

    @BeforeAll
    static void startSandbox() {
        monitor = RunContext.start(Settings.load(Map.of("env", "local"), Map.of()));
    }

    @AfterAll
    static void stopSandbox() {
        monitor.close();
    }

    @Test
    void aWriteThroughTheMonitoringSessionFails() {
        DbObservation o = monitor.database().query("insert into security_incidents (type, severity, ip_address) values ('SUSPICIOUS_ACCESS', 'LOW', '192.0.2.1') returning id");

        assertThat(o.answered()).isFalse();
        assertThat(o.error()).contains("read-only transaction");
    }

    @Test
    void aStatementOverTheTimeoutIsCancelled() {
        DatabaseProbe quick = new DatabaseProbe(monitor.settings().get(Keys.DB_URL), monitor.settings().get(Keys.DB_USER),
                monitor.settings().get(Keys.DB_PASSWORD), java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(1));

        DbObservation o = quick.query("select pg_sleep(60)");

        assertThat(o.error()).startsWith("statement timed out");
        // cancelled after its 1 s, not the minute it asked for: a bound far from both on any machine
        assertThat(o.elapsed()).isLessThan(java.time.Duration.ofSeconds(30));
    }

    @Test
    void aWrongPasswordIsALoginRejection() {
        DatabaseProbe wrong = new DatabaseProbe(monitor.settings().get(Keys.DB_URL), "monitor", "not-the-password",
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(2));

        assertThat(wrong.query("select 1").error()).startsWith("login rejected");
    }

    @Test
    void endpointNamesHostDatabaseAndUserButNoParameters() {
        DatabaseProbe p = new DatabaseProbe("jdbc:postgresql://db.example:5432/postgres?sslmode=require&password=x", "monitor", "pw",
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1));

        assertThat(p.endpoint()).isEqualTo("postgresql://db.example:5432/postgres as monitor");
    }

    private static DatabaseProbe probe() {
        return new DatabaseProbe(monitor.settings().get(Keys.DB_URL), monitor.settings().get(Keys.DB_USER),
                monitor.settings().get(Keys.DB_PASSWORD), java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5));
    }

    /** A login is a server process: a run's queries one after another share one, refusals included. */
    @Test
    void aRunsQueriesShareOneLoginAndAFailedStatementKeepsIt() {
        try (DatabaseProbe p = probe()) {
            Object pid = p.query("select pg_backend_pid() as pid").rows().get(0).get("pid");
            assertThat(p.query("select * from no_such_table").error()).contains("no_such_table");
            assertThat(p.query("insert into security_incidents (type) values ('X')").error()).contains("read-only transaction");

            assertThat(p.query("select pg_backend_pid() as pid").rows().get(0).get("pid")).isEqualTo(pid);
            assertThat(p.logins()).isEqualTo(1);
            // still the read-only session every login gets, after a refused write
            assertThat(p.query("show transaction_read_only").rows().get(0).values()).containsExactly("on");
        }
    }

    /** A kept session the server has ended (a restart, an idle limit) is never the verdict: a new login answers. */
    @Test
    void aSessionTheServerEndedIsReplacedByAFreshLogin() {
        try (DatabaseProbe p = probe(); DatabaseProbe other = probe()) {
            Object pid = p.query("select pg_backend_pid() as pid").rows().get(0).get("pid");
            // a role may end its own sessions: what a database restart does to every session
            assertThat(other.query("select pg_terminate_backend(?::int) as ended", pid).rows().get(0).get("ended")).isEqualTo(true);

            DbObservation after = p.query("select pg_backend_pid() as pid");

            assertThat(after.answered()).as(after.error()).isTrue();
            assertThat(after.rows().get(0).get("pid")).isNotEqualTo(pid);
            assertThat(p.logins()).isEqualTo(2);
        }
    }

    /** The run's end ends its sessions: none outlives it on the server. */
    @Test
    void closingEndsTheKeptSessions() {
        DatabaseProbe p = probe();
        Object pid = p.query("select pg_backend_pid() as pid").rows().get(0).get("pid");

        p.close();

        try (DatabaseProbe other = probe()) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> other.query(
                    "select count(*) as n from pg_stat_activity where pid = ?::int", pid).rows().get(0).get("n").equals(0L));
        }
        // a query after the end still answers, on a session of its own
        assertThat(p.query("select 1 as ok").answered()).isTrue();
        assertThat(p.logins()).isEqualTo(2);
    }
}
