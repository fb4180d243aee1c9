package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.check.CheckInfo;
import com.aiqueryhub.monitor.check.Degraded;
import com.aiqueryhub.monitor.config.Settings;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs check classes in this JVM against a sandbox started with the given settings (faults included),
 * exactly as a monitoring run would (same launcher, listeners and parallelism), and reports each
 * check's outcome by id.
 */
final class CheckRun {

    record Outcome(String status, String message) {
    }

    record Result(Map<String, Outcome> byId, Duration took) {
        Set<String> withStatus(String status) {
            return byId.entrySet().stream().filter(e -> e.getValue().status().equals(status)).map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        Outcome get(String id) {
            return byId.get(id);
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

    private CheckRun() {
    }

    /** @param settings system-property-like settings; {@code env} defaults to local (the sandbox) */
    static Result run(Map<String, String> settings, Class<?>... checks) {
        return runTagged(settings, null, checks);
    }

    /** The same, keeping only the checks of these classes that a tag expression selects (as -Dgroups does). */
    static Result runTagged(Map<String, String> settings, String tagExpression, Class<?>... checks) {
        Map<String, String> props = new HashMap<>();
        props.put("env", "local");
        // a browser per run would add seconds to every self-test: only the browser's own self-tests switch it on
        props.put("browser.enabled", "false");
        props.putAll(settings);
        // no environment variables: a developer's own SUPABASE_ACCESS_TOKEN must not change a self-test
        Monitor monitor = Monitor.start(Settings.load(props, Map.of()));
        Monitor.install(monitor);
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        try {
            var request = request().selectors(Arrays.stream(checks).map(c -> selectClass(c)).toList());
            if (tagExpression != null) {
                request.filters(org.junit.platform.launcher.TagFilter.includeTags(tagExpression));
            }
            LauncherFactory.create().execute(request.build(), new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    record(id, result, outcomes);
                }

                @Override
                public void executionSkipped(TestIdentifier id, String reason) {
                    if (id.isTest()) {
                        outcomes.put(checkId(id), new Outcome("skipped", reason));
                    }
                }
            });
        } finally {
            Monitor.install(null);
            monitor.close();
        }
        return new Result(new TreeMap<>(outcomes), Duration.ofNanos(System.nanoTime() - start));
    }

    private static void record(TestIdentifier id, TestExecutionResult result, Map<String, Outcome> outcomes) {
        if (!id.isTest()) {
            return;
        }
        Throwable t = result.getThrowable().orElse(null);
        if (t instanceof com.aiqueryhub.monitor.check.ManualStep) {
            return; // a runbook line for people, not a check: VerdictSelfTest proves how runs list them
        }
        String status = switch (result.getStatus()) {
            case SUCCESSFUL -> "passed";
            case ABORTED -> t instanceof Degraded ? "degraded" : "skipped";
            case FAILED -> t instanceof AssertionError ? "failed" : "broken";
        };
        outcomes.put(checkId(id), new Outcome(status, t == null ? "" : String.valueOf(t.getMessage())));
    }

    private static String checkId(TestIdentifier id) {
        MethodSource source = (MethodSource) id.getSource().orElseThrow();
        Set<String> tags = id.getTags().stream().map(TestTag::getName).collect(Collectors.toSet());
        try {
            return CheckInfo.of(Class.forName(source.getClassName()), source.getMethodName(), tags, () -> "runbook")
                    .map(CheckInfo::id).orElse(source.getClassName() + "#" + source.getMethodName());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
