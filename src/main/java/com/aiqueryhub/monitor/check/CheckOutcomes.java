package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.MissingSettingException;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.run.Cause;
import com.aiqueryhub.monitor.run.Skipped;
import com.aiqueryhub.monitor.run.CheckInfo;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a check ends: skipped inside a maintenance window, started with its {@link CheckContext}, and whatever it throws
 * turned into an outcome the person on call can act on ({@link Explanations}), recorded for the run's outputs.
 */
public final class CheckOutcomes implements ExecutionCondition, BeforeEachCallback, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler, TestWatcher {

    /** Checks inside an active maintenance window are skipped: "maintenance", and no notification. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("classes always run");
        }
        RunResource resource = CheckRuns.resource(context);
        Optional<CheckInfo> info = CheckRuns.info(context, resource);
        if (info.isEmpty() || info.get().isManual() || resource.run().isEmpty()) {
            return ConditionEvaluationResult.enabled("not a check in a window, or the check says why the run cannot start");
        }
        Optional<String> window = resource.run().get().maintenance().activeFor(info.get().id(), context.getTags(), Instant.now());
        // the cause travels as data to the outcome (testDisabled), not as the reason's wording
        window.ifPresent(w -> context.getStore(CheckRuns.NAMESPACE).put(Cause.class, Cause.MAINTENANCE));
        return window.map(ConditionEvaluationResult::disabled).orElse(ConditionEvaluationResult.enabled("no maintenance window"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RunResource resource = CheckRuns.resource(context);
        CheckRuns.info(context, resource).ifPresent(info -> {
            resource.checkStarted(info);
            resource.run().ifPresent(run -> context.getStore(CheckRuns.NAMESPACE).put(CheckContext.class, new CheckContext(run, info)));
        });
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        recordOutcome(context, null);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        recordOutcome(context, cause);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        recordOutcome(context, cause);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        RunResource resource = CheckRuns.resource(context);
        Cause cause = Optional.ofNullable(context.getStore(CheckRuns.NAMESPACE).get(Cause.class, Cause.class)).orElse(Cause.NONE);
        CheckRuns.info(context, resource).ifPresent(info -> resource.recordSkipped(info, reason.orElse("disabled"), cause));
    }

    private static void recordOutcome(ExtensionContext context, Throwable thrown) {
        RunResource resource = CheckRuns.resource(context);
        CheckRuns.info(context, resource).ifPresent(info -> resource.record(info, thrown, thrown == null ? ""
                : resource.masker().mask(thrown.getMessage() == null ? thrown.getClass().getSimpleName() : thrown.getMessage())));
    }

    /** A lifecycle method (the browser started early) that cannot get its probe: the checks themselves say why. */
    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (!(cause(thrown) instanceof SettingsException) && !(cause(thrown) instanceof Skipped)) {
            throw thrown;
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        RunResource resource = CheckRuns.resource(context);
        Throwable cause = cause(thrown);
        if (cause instanceof MissingSettingException missing && resource.run().isPresent() && context.getTestMethod().isPresent()) {
            cause = withOtherNeeds(missing, resource.run().get().settings(), context.getRequiredTestClass(), context.getRequiredTestMethod());
        }
        throw Explanations.explain(cause, resource, CheckRuns.info(context, resource));
    }

    /** The missing setting a check met, and the other needs it declares that are missing too: one skip names them all. */
    private static MissingSettingException withOtherNeeds(MissingSettingException missing, Settings settings, Class<?> type,
                                                          java.lang.reflect.Method method) {
        List<String> others = CheckNeeds.missing(CheckNeeds.of(type, method), settings).stream()
                .filter(need -> !List.of(need.split("\\|")).contains(missing.key())).toList();
        if (others.isEmpty()) {
            return missing;
        }
        return MissingSettingException.withAlso(missing, others.stream()
                .map(need -> String.join(" or ", java.util.Arrays.stream(need.split("\\|")).map(Setting::envVarName).toList()))
                .toList());
    }

    /** A probe that could not be handed over carries its reason as the cause. */
    private static Throwable cause(Throwable thrown) {
        return thrown instanceof ParameterResolutionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }
}
