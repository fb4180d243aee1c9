package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.HttpCall;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's runs keep their TLS sessions for the runs after them (their servers outlive them in the self-tests), so
 * a run's first connections resume a session instead of each making a full handshake; a deployment's runs never do.
 */
class SandboxTlsSessionsTest {

    private static final Map<String, String> LOCAL = Map.of("env", "local", "browser.enabled", "false");

    @Test
    void aSandboxRunFindsTheSessionsOfTheRunBeforeIt() {
        Object first;
        try (RunContext run = RunContext.start(Settings.load(LOCAL, Map.of()))) {
            assertThat(run.http().send(HttpCall.get(run.settings().get(Keys.FRONTEND_URL).toString())).status()).isEqualTo(200);
            first = run.tlsTrust().sslContext();
        }
        try (RunContext next = RunContext.start(Settings.load(LOCAL, Map.of()))) {
            assertThat(next.tlsTrust().sslContext()).as("the same context, its sessions with it").isSameAs(first);
            assertThat(Collections.list(next.tlsTrust().sslContext().getClientSessionContext().getIds()))
                    .as("the sessions the run before made").isNotEmpty();
        }
    }

    @Test
    void aDeploymentsRunsKeepNoSessionFromOneRunToTheNext() {
        Map<String, String> staging = Map.of("env", "staging", "http.resume-tls", "true");
        try (RunContext run = RunContext.start(Settings.load(staging, Map.of()));
             RunContext next = RunContext.start(Settings.load(staging, Map.of()))) {
            assertThat(next.tlsTrust().sslContext()).isNotSameAs(run.tlsTrust().sslContext());
        }
    }
}
