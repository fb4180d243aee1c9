package com.aiqueryhub.monitor.probe;

import org.junit.jupiter.api.Test;

import java.net.SocketException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A runner without IPv6 given Supabase's direct database host (IPv6 only): its own network, told apart from a database
 * that is down. The driver's failure is built here as PostgreSQL's JDBC driver reports it (SQLSTATE 08001 wrapping the
 * socket's "Network is unreachable"): no packet leaves this machine.
 */
class DatabaseRouteTest {

    private static SQLException unreachable() {
        return new SQLException("The connection attempt failed.", "08001", new SocketException("Network is unreachable"));
    }

    @Test
    void anIpv6HostThisRunnerCannotRouteToIsTheRunnersNetwork() {
        DatabaseProbe probe = new DatabaseProbe("jdbc:postgresql://[2001:db8::10]:5432/postgres", "synthetic_monitor", "pw",
                Duration.ofSeconds(5), Duration.ofSeconds(5));

        String said = probe.describe(unreachable());

        assertThat(said).startsWith(DatabaseProbe.NO_IPV6_ROUTE).contains("2001:db8::10");
        DbObservation ping = new DbObservation("postgresql://[2001:db8::10]:5432/postgres", "select 1", List.of(), Duration.ZERO, said);
        assertThat(ping.down()).as("never production's database down").isFalse();
        assertThat(ping.monitorSide()).isTrue();
    }

    @Test
    void anIpv4HostThatCannotBeRoutedIsStillTheDatabaseUnreachable() {
        DatabaseProbe probe = new DatabaseProbe("jdbc:postgresql://127.0.0.1:5432/postgres", "synthetic_monitor", "pw",
                Duration.ofSeconds(5), Duration.ofSeconds(5));

        assertThat(probe.describe(unreachable())).isEqualTo("database unreachable: no route to host 127.0.0.1");
        assertThat(new DbObservation("e", "select 1", List.<Map<String, Object>>of(), Duration.ZERO,
                "database unreachable: no route to host 127.0.0.1").down()).isTrue();
    }
}
