package com.aiqueryhub.monitor.runner;

import com.aiqueryhub.monitor.check.HandedInSettings;
import com.aiqueryhub.monitor.check.NoCheckSelected;
import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.run.ApartThread;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One cycle of a cadence: the same check classes, tags and settings as {@code mvn verify -Dgroups=G}, run on the JUnit
 * Platform in this JVM. The settings are handed to the launcher with the cadence's tag expression and read with the JVM's
 * environment variables, so two cadences of one runner each have their own; each cycle's run builds its probes and writes
 * its outputs afresh (summary.json, history, metrics.prom, trends.html, its notifications), as a run of Maven would.
 */
final class Cycle {

    /** Where the runbook's checks live, and how failsafe names them ({@code **}{@code /checks/**}{@code /*Check.java}). */
    static final String CHECKS_PACKAGE = "com.aiqueryhub.monitor.checks";
    private static final String CHECK_CLASSES = "^com\\.aiqueryhub\\.monitor\\.checks\\..*Check$";

    private final Launcher launcher;

    /**
     * @param evidence the runner's monitor.evidence: Allure's listener joins the launcher only then, and only where Allure
     *                 has a results folder (allure.results.directory, which Allure itself reads from the JVM)
     */
    Cycle(boolean evidence) {
        // the listener a monitoring run registers from the classpath (a tag expression that selects nothing still writes
        // its outputs); Allure's only when the evidence is asked for
        LauncherConfig.Builder config = LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new NoCheckSelected());
        if (evidence && System.getProperty("allure.results.directory") != null) {
            config.addTestExecutionListeners(new io.qameta.allure.junitplatform.AllureJunitPlatform());
        }
        this.launcher = LauncherFactory.create(config.build());
    }

    /**
     * Loads what every cycle uses before the first one starts (the checks' classes as the launcher discovers them, REST
     * Assured's Groovy): seconds a cold JVM would otherwise charge the first cycle, which could then overrun its tick.
     */
    void warmUp(RunnerOptions.Cadence cadence) {
        try {
            launcher.discover(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectPackage(CHECKS_PACKAGE))
                    .filters(ClassNameFilter.includeClassNamePatterns(CHECK_CLASSES), TagFilter.includeTags(cadence.groups())).build());
            new com.aiqueryhub.monitor.probe.HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(1),
                    com.aiqueryhub.monitor.probe.TlsTrust.of(null)).warmUp();
        } catch (RuntimeException e) {
            // a warm-up that fails costs the first cycle its seconds, nothing else
        }
    }

    /** Runs one cycle of {@code cadence} with {@code settings}; never throws (a broken cycle is an ERROR result). */
    CycleResult run(RunnerOptions.Cadence cadence, Map<String, String> settings) {
        Map<String, String> props = new LinkedHashMap<>(settings);
        props.put("monitor.tag-expression", cadence.groups());
        props.put("monitor.check-run", "true");
        Path reportDir = Path.of(props.getOrDefault("monitor.report.dir", "reports"));
        Path summary = reportDir.resolve("summary.json");
        Path metrics = reportDir.resolve("metrics.prom");
        Instant started = Instant.now();
        long begin = System.nanoTime();
        try {
            // a file left by the cycle before must never pass for this one's
            Files.deleteIfExists(summary);
            Files.deleteIfExists(metrics);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectPackage(CHECKS_PACKAGE))
                    .filters(ClassNameFilter.includeClassNamePatterns(CHECK_CLASSES), TagFilter.includeTags(cadence.groups()))
                    .configurationParameter(HandedInSettings.PARAMETER, HandedInSettings.encode(props))
                    .configurationParameter(HandedInSettings.ENVIRONMENT_PARAMETER, HandedInSettings.INHERIT)
                    .build();
            ApartThread.run("cycle-" + cadence.label(), () -> launcher.execute(request));
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            Optional<JsonNode> written = Files.isRegularFile(summary) ? Json.parse(Files.readString(summary)) : Optional.empty();
            String verdict = written.map(s -> s.path("verdict").asText("")).filter(v -> !v.isEmpty()).orElse("ERROR");
            String line = written.map(s -> s.path("verdictLine").asText("")).orElse("the cycle wrote no summary.json");
            Optional<String> text = Files.isRegularFile(metrics) ? Optional.of(Files.readString(metrics)) : Optional.empty();
            return new CycleResult(started, took, verdict, line, text);
        } catch (IOException | RuntimeException e) {
            return CycleResult.error(started, Duration.ofNanos(System.nanoTime() - begin), e);
        }
    }
}
