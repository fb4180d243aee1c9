package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.run.SandboxStarter;

/**
 * How a run with {@code env=local} finds the sandbox: registered for {@link java.util.ServiceLoader} in
 * META-INF/services/com.aiqueryhub.monitor.run.SandboxStarter of this source set, so the product's own classpath
 * (src/main) never names it. The running sandbox is the {@link Sandbox} itself: its settings point the checks at it,
 * closing it stops it.
 */
public final class LocalSandboxStarter implements SandboxStarter {

    @Override
    public Running start(Settings settings) {
        return Sandbox.start(settings);
    }
}
