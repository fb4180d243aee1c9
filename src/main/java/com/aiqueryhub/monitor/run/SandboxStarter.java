package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.config.Settings;

import java.util.Map;

/**
 * Starts the built-in sandbox for {@code env=local}. The sandbox is its own source set (src/sandbox), on the checks'
 * classpath but never the product's: the run finds it through the ServiceLoader, and without it says so.
 */
public interface SandboxStarter {

    /** A running sandbox: the settings that point the checks at it, and how to stop it. */
    interface Running extends AutoCloseable {
        Map<String, String> settings();

        @Override
        void close();
    }

    Running start(Settings settings);
}
