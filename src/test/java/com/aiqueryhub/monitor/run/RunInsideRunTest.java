package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.HttpCall;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run started inside another (the deploy gate's staging run) uses the sandbox the outer run started: the same
 * addresses and keys, no second start, and the outer run's sandbox still answering when the inner run has ended.
 */
class RunInsideRunTest {

    private static final Map<String, String> LOCAL = Map.of("env", "local", "browser.enabled", "false");

    @Test
    void aRunInsideASandboxRunUsesThatSandbox() {
        try (RunContext outer = RunContext.start(Settings.load(LOCAL, Map.of()))) {
            Map<String, String> handed = new HashMap<>(LOCAL);
            handed.putAll(outer.sandboxForRunsInside());
            assertThat(handed).containsEntry("sandbox.kept", "true");

            try (RunContext inner = RunContext.start(Settings.load(handed, Map.of()))) {
                assertThat(inner.sandboxStartMillis()).as("no sandbox started for the inner run").isZero();
                assertThat(inner.settings().get(Keys.FRONTEND_URL)).isEqualTo(outer.settings().get(Keys.FRONTEND_URL));
                assertThat(inner.settings().get(Keys.SUPABASE_URL)).isEqualTo(outer.settings().get(Keys.SUPABASE_URL));
                assertThat(inner.settings().get(Keys.DB_URL)).isEqualTo(outer.settings().get(Keys.DB_URL));
                assertThat(inner.settings().get(Keys.SUPABASE_ACCESS_TOKEN)).isEqualTo(outer.settings().get(Keys.SUPABASE_ACCESS_TOKEN));
            }

            // the inner run's end is not the sandbox's: it is the outer run's to stop
            assertThat(outer.http().send(HttpCall.get(outer.settings().get(Keys.FRONTEND_URL).toString())).status())
                    .as("the front end after the inner run ended").isEqualTo(200);
        }
    }

    @Test
    void aRunOfARealDeploymentHasNoSandboxToHand() {
        try (RunContext staging = RunContext.start(Settings.load(Map.of("env", "staging"), Map.of()))) {
            assertThat(staging.sandboxForRunsInside()).isEmpty();
        }
    }
}
