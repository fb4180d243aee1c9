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
}
