package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.process.LoopbackPorts;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's PostgreSQL listens on a port below the kernel's ephemeral range: a port of that range could be taken by
 * one of a busy run's outgoing connections before PostgreSQL binds it (a cluster of a sandbox's own binds it after an
 * initdb of seconds), and the sandbox would not start. Every cluster is made by the same builder; the shared one is
 * already running.
 */
class SandboxDatabasePortTest {

    private static int databasePort(String faults) {
        Settings settings = Settings.load(Map.of("env", "local", "sandbox.faults", faults), Map.of());
        try (Sandbox sandbox = Sandbox.start(settings)) {
            return URI.create(sandbox.settings().get("db.url").substring("jdbc:".length())).getPort();
        }
    }

    @Test
    void theDatabaseListensBelowTheEphemeralRange() {
        assertThat(databasePort("")).isBetween(1024, LoopbackPorts.lowestEphemeralPort() - 1);
    }
}
