package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.check.CheckInfos;
import com.aiqueryhub.monitor.check.HandedInSettings;
import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.run.ApartThread;
import com.aiqueryhub.monitor.run.CheckInfo;
import com.aiqueryhub.monitor.run.Status;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs check classes in this JVM against a sandbox started with the given settings (faults included), exactly as a
 * monitoring run would (same launcher, extension, listeners and parallelism), and reports each check's outcome by id.
 * Each run is its own: its settings are handed to the launcher, never put in the JVM's properties, and it writes its
 * outputs to its own folder, so many runs go on at once.
 */
final class CheckRun {

    record Outcome(String status, String message) {
    }

    /** @param reportDir where the run wrote summary.json, metrics.prom, the history... */
    record Result(Map<String, Outcome> byId, Duration took, Path reportDir) {
        Set<String> withStatus(String status) {
            return byId.entrySet().stream().filter(e -> e.getValue().status().equals(status)).map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        Outcome get(String id) {
            return byId.get(id);
        }

        /** The run's summary.json. */
        JsonNode summary() {
            return json("summary.json");
        }

        JsonNode json(String file) {
            try {
                return Json.parse(Files.readString(reportDir.resolve(file))).orElseThrow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String file(String name) {
            try {
                return Files.readString(reportDir.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Asserts that exactly {@code expectedRed} failed and every other check passed (or was skipped as
     * {@code skipped} allows), each failure naming expectation, observation, endpoint and the on-call context.
     */
    static void assertOnlyRed(Result result, Set<String> expectedRed, Set<String> skipped, String observedText) {
        assertThat(result.withStatus("failed")).as("failed checks: %s", result.byId())
                .isEqualTo(new TreeSet<>(expectedRed));
        Set<String> others = new TreeSet<>(result.byId().keySet());
        others.removeAll(expectedRed);
        others.removeAll(skipped);
        assertThat(result.withStatus("passed")).as("the other checks stay green: %s", result.byId())
                .isEqualTo(others);
        for (String id : expectedRed) {
            assertThat(result.get(id).message()).as("message of %s", id)
                    .containsPattern("^expected .+; observed .+ — \\S+")
                    .contains("\nseverity: ", "\nremedy: ", "\nrunbook: ", "#");
        }
        assertThat(expectedRed.stream().map(id -> result.get(id).message()))
                .as("the observed value explains the fault").anyMatch(m -> m.contains(observedText));
    }

    /**
     * The monitor's own trouble, never production's: nothing red or broken, exactly {@code expected} not observed, each
     * saying so first, and the fix named in {@code text}.
     */
    static void assertOnlyNotObserved(Result result, Set<String> expected, String text) {
        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("broken")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.withStatus("not observed")).isEqualTo(new TreeSet<>(expected));
        for (String id : expected) {
            assertThat(result.get(id).message()).as("message of %s", id).startsWith("not observed: ").contains(text);
        }
    }

    private CheckRun() {
    }

    /** @param settings system-property-like settings; {@code env} defaults to local (the sandbox) */
    static Result run(Map<String, String> settings, Class<?>... checks) {
        return runTagged(settings, null, checks);
    }

    /** The same, keeping only the checks of these classes that a tag expression selects (as -Dgroups does). */
    static Result runTagged(Map<String, String> settings, String tagExpression, Class<?>... checks) {
        return execute(settings, tagExpression, null, checks);
    }

    /**
     * The same, running only the checks with these ids: a run that proves a limit its neighbours share (a p95 limit made
     * small) judges nothing else against it.
     */
    static Result runOnly(Map<String, String> settings, Set<String> ids, Class<?>... checks) {
        return execute(settings, null, ids, checks);
    }

    /**
     * The same, its checks all at once (as a monitoring run's eight), not four at a time as beside other self-tests: a
     * run whose checks only wait (on hung endpoints) need not queue them behind each other.
     */
    static Result runAllAtOnce(Map<String, String> settings, Class<?>... checks) {
        return execute(settings, null, null, false, checks);
    }

    private static Result execute(Map<String, String> settings, String tagExpression, Set<String> onlyIds, Class<?>... checks) {
        return execute(settings, tagExpression, onlyIds, Boolean.getBoolean("selftest.side-by-side"), checks);
    }

    private static Result execute(Map<String, String> settings, String tagExpression, Set<String> onlyIds, boolean fewAtATime,
                                  Class<?>... checks) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("env", "local");
        // a browser per run would add seconds to every self-test: only the browser's own self-tests switch it on
        props.put("browser.enabled", "false");
        // the Allure evidence (steps, attachments, each check's history page) is a few hundred files a run: only the
        // self-tests that read it ask for it (the canary, the browser's screenshot); the monitoring run always writes it
        props.put("monitor.evidence", "false");
        props.putAll(settings);
        if (!props.containsKey("monitor.report.dir")) {
            props.put("monitor.report.dir", freshReportDir().toString());
        }
        if (tagExpression != null) {
            props.putIfAbsent("monitor.tag-expression", tagExpression);
        }
        // no environment variables, no system properties: a developer's own SUPABASE_ACCESS_TOKEN must not change a self-test
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(checks).map(c -> selectClass(c)).toList())
                .configurationParameter(HandedInSettings.PARAMETER, HandedInSettings.encode(props));
        if (fewAtATime) {
            // several self-tests run at once on a small machine: each run's checks a few at a time, not eight
            request.configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                    .configurationParameter("junit.jupiter.execution.parallel.config.fixed.max-pool-size", "4");
        }
        if (tagExpression != null) {
            request.filters(TagFilter.includeTags(tagExpression));
        }
        if (onlyIds != null) {
            request.filters((PostDiscoveryFilter) descriptor -> !descriptor.isTest()
                    || onlyIds.contains(checkId(descriptor.getSource().orElseThrow(), descriptor.getTags()))
                    ? FilterResult.included("selected") : FilterResult.excluded("not among " + onlyIds));
        }
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    Throwable thrown = result.getThrowable().orElse(null);
                    Status status = Status.of(thrown);
                    if (status != Status.MANUAL) { // a runbook line for people: VerdictSelfTest proves how runs list them
                        outcomes.put(checkId(id), new Outcome(status.label(), thrown == null ? "" : String.valueOf(thrown.getMessage())));
                    }
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest()) {
                    outcomes.put(checkId(id), new Outcome("skipped", reason));
                }
            }
        };
        // the listeners a monitoring run registers from the classpath, Allure's only where the evidence is wanted: its
        // result files are most of what a self-test's run writes, and no other self-test reads them
        org.junit.platform.launcher.core.LauncherConfig.Builder launcher = org.junit.platform.launcher.core.LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new com.aiqueryhub.monitor.check.NoCheckSelected());
        if (Boolean.parseBoolean(props.get("monitor.evidence"))) {
            launcher.addTestExecutionListeners(new io.qameta.allure.junitplatform.AllureJunitPlatform());
        }
        ApartThread.run("check-run", () -> LauncherFactory.create(launcher.build()).execute(request.build(), listener));
        return new Result(new TreeMap<>(outcomes), Duration.ofNanos(System.nanoTime() - start),
                Path.of(props.get("monitor.report.dir")));
    }

    /** A new folder under the build's self-test reports, one per run. */
    static Path freshReportDir() {
        try {
            Path base = Path.of(System.getProperty("monitor.report.dir", "target/selftest/reports"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String checkId(TestIdentifier id) {
        return checkId(id.getSource().orElseThrow(), id.getTags());
    }

    private static String checkId(org.junit.platform.engine.TestSource testSource, Set<TestTag> testTags) {
        MethodSource source = (MethodSource) testSource;
        Set<String> tags = testTags.stream().map(TestTag::getName).collect(Collectors.toSet());
        try {
            return CheckInfos.of(Class.forName(source.getClassName()), source.getMethodName(), tags, "runbook")
                    .map(CheckInfo::id).orElse(source.getClassName() + "#" + source.getMethodName());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
