package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Starts the sandbox on its own, for tools outside the test JVM (the benchmark's curl baseline): prints its
 * public endpoints as {@code key=value} lines (never a secret), then runs until standard input closes.
 */
public final class SandboxMain {
    private SandboxMain() {
    }

    public static void main(String[] args) throws IOException {
        Settings settings = Settings.fromSystem();
        long start = System.nanoTime();
        Sandbox sandbox = Sandbox.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        Map<String, String> shown = new TreeMap<>();
        sandbox.settings().forEach((k, v) -> {
            if (!Setting.isSecret(k)) {
                shown.put(k, v);
            }
        });
        shown.put("sandbox.start-ms", Long.toString((System.nanoTime() - start) / 1_000_000));
        shown.forEach((k, v) -> System.out.println(k + "=" + v));
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() != -1) {
            // until the caller closes our standard input
        }
        System.exit(0);
    }
}
