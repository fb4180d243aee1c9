package com.aiqueryhub.monitor.check;

import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What a run selected, read from its test plan before any check runs. A monitoring run whose tag expression selects no
 * check never reaches the checks' extension, which writes a run's outputs: this listener writes them instead, so the run
 * says "no check was selected" and fails, never a quiet green. A run that holds checks learns which ones it holds
 * ({@link #planned}), so the owner of each cause is the check whose subject it is, not whichever ran first.
 * Registered through the JUnit Platform's service loader; the project's own tests pass by.
 */
public final class NoCheckSelected implements TestExecutionListener {

    /** The check ids of the plans executing now, by their handed-in settings ("" for the JVM's own): few, short-lived. */
    private static final Map<String, Set<String>> PLANNED = new ConcurrentHashMap<>();

    private volatile boolean hasChecks;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        Set<TestIdentifier> checks = plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .filter(id -> runbookStep(id).isPresent()).collect(Collectors.toSet());
        hasChecks = !checks.isEmpty();
        if (hasChecks) {
            PLANNED.put(key(plan), checks.stream().map(NoCheckSelected::checkId).flatMap(Optional::stream)
                    .collect(Collectors.toUnmodifiableSet()));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        PLANNED.remove(key(plan));
        if (!hasChecks) {
            RunResource.nothingSelected(plan.getConfigurationParameters().get(RunResource.SETTINGS_PARAMETER),
                    RunResource.environment(plan.getConfigurationParameters().get(HandedInSettings.ENVIRONMENT_PARAMETER)));
        }
    }

    /** The ids of the checks the run with these handed-in settings selected; empty when unknown. */
    static Set<String> planned(Optional<String> handedIn) {
        return PLANNED.getOrDefault(handedIn.orElse(""), Set.of());
    }

    private static String key(TestPlan plan) {
        return plan.getConfigurationParameters().get(RunResource.SETTINGS_PARAMETER).orElse("");
    }

    /** The runbook step class of a test in the plan, when it is a check (or a manual step) of one. */
    private static Optional<Class<?>> runbookStep(TestIdentifier id) {
        if (!(id.getSource().orElse(null) instanceof MethodSource method)) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(method.getClassName(), false, Thread.currentThread().getContextClassLoader());
            return type.isAnnotationPresent(RunbookStep.class) ? Optional.of(type) : Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> checkId(TestIdentifier id) {
        Set<String> tags = id.getTags().stream().map(TestTag::getName).collect(Collectors.toSet());
        return runbookStep(id).flatMap(type -> CheckInfos.of(type, ((MethodSource) id.getSource().orElseThrow()).getMethodName(),
                tags, "runbook")).map(com.aiqueryhub.monitor.run.CheckInfo::id);
    }
}
