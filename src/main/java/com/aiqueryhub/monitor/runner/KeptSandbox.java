package com.aiqueryhub.monitor.runner;

import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.run.SandboxStarter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The sandbox of a runner with {@code -Denv=local}: started once and kept for every cycle (a start is a second or two of
 * certificates and PostgreSQL; a cycle is less). Its faults are switched while the runner runs through the file named by
 * {@code sandbox.faults-file}: the faults it lists (comma or line separated, {@code #} comments) replace the running ones
 * before the next cycle, the sandbox started afresh with them; an empty file switches every fault off.
 */
final class KeptSandbox implements AutoCloseable {

    static final String FAULTS_FILE = com.aiqueryhub.monitor.config.Keys.SANDBOX_FAULTS_FILE.key();

    private final Map<String, String> base;
    private final Map<String, String> environment;
    private final Optional<Path> faultsFile;
    private SandboxStarter.Running running;
    private String faults;

    /** Where the runner says what it does, each line masked of the settings' secrets. */
    private final java.util.function.Consumer<String> out;

    private KeptSandbox(Map<String, String> base, Map<String, String> environment, java.util.function.Consumer<String> out) {
        this.base = base;
        this.out = out;
        this.environment = environment;
        this.faultsFile = Optional.ofNullable(base.get(FAULTS_FILE)).filter(f -> !f.isBlank()).map(Path::of);
        this.faults = faultsFile.map(KeptSandbox::read).orElse(base.getOrDefault("sandbox.faults", ""));
    }

    /** A kept sandbox when these settings select {@code env=local}; empty for a real deployment. */
    static Optional<KeptSandbox> forSettings(Map<String, String> base, Map<String, String> environment,
                                             java.util.function.Consumer<String> out) {
        return Settings.load(base, environment).isSandbox() ? Optional.of(new KeptSandbox(base, environment, out)) : Optional.empty();
    }

    /**
     * The settings of the next cycle: the runner's own, pointed at the kept sandbox (started now when it is not yet
     * running, or again when the faults file has changed), with {@code sandbox.kept} so the cycle starts none of its own.
     */
    synchronized Map<String, String> settingsForCycle() {
        String wanted = faultsFile.map(KeptSandbox::read).orElse(faults);
        if (running != null && !wanted.equals(faults)) {
            out.accept("[runner] sandbox faults switched: " + (faults.isEmpty() ? "none" : faults) + " -> "
                    + (wanted.isEmpty() ? "none" : wanted));
            running.close();
            running = null;
        }
        faults = wanted;
        Map<String, String> settings = new LinkedHashMap<>(base);
        settings.put("sandbox.faults", faults);
        if (running == null) {
            try {
                SandboxStarter starter = ServiceLoader.load(SandboxStarter.class).findFirst().orElseThrow(() -> new IllegalStateException(
                        "env=local needs the sandbox, which is not on this classpath: run the runner jar built by mvn package"));
                running = starter.start(Settings.load(settings, environment));
            } catch (RuntimeException e) {
                // the cycle then tries itself and says why in its own outputs (MISCONFIGURED: an unknown fault, ...)
                out.accept("[runner] the sandbox did not start: " + e.getMessage());
                return settings;
            }
        }
        settings.putAll(running.settings());
        settings.put("sandbox.kept", "true");
        return settings;
    }

    /** The faults the sandbox runs with now ("" for none). */
    synchronized String faults() {
        return faults;
    }

    private static String read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return "";
            }
            List<String> names = Files.readAllLines(file).stream().map(l -> l.replaceFirst("#.*", ""))
                    .flatMap(l -> java.util.Arrays.stream(l.split(","))).map(String::trim).filter(n -> !n.isEmpty()).toList();
            return names.stream().collect(Collectors.joining(","));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
