package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Misconfiguration;
import com.aiqueryhub.monitor.config.MissingSettingException;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.preflight.Preflight;
import com.aiqueryhub.monitor.probe.Billing;
import com.aiqueryhub.monitor.probe.Certificates;
import com.aiqueryhub.monitor.probe.Database;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.probe.MetricsApi;
import com.aiqueryhub.monitor.probe.Netlify;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.probe.Upstream;
import com.aiqueryhub.monitor.report.DeployRecord;
import com.aiqueryhub.monitor.report.FigureHistory;
import com.aiqueryhub.monitor.report.RunHistory;
import com.aiqueryhub.monitor.report.TrendsPage;
import com.aiqueryhub.monitor.run.Cause;
import com.aiqueryhub.monitor.run.CheckFailure;
import com.aiqueryhub.monitor.run.CheckInfo;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.run.ManualStep;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.run.Skipped;
import com.aiqueryhub.monitor.run.Status;
import com.aiqueryhub.monitor.run.SuiteMisconfigured;
import com.aiqueryhub.monitor.run.Unobservable;
import com.aiqueryhub.monitor.secret.Masker;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Label;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How JUnit runs a check. The run ({@link RunContext}: settings, masker, probes, shared calls) is created by the first
 * check in JUnit's root store and closed, outputs written, when the run ends; each check method asks for what it uses
 * ({@code void answers(FrontEnd site, CheckContext check)}) and gets it from there. The extension also gives every
 * check its report metadata (severity, cadence, runbook link), skips it inside a maintenance window, lists manual
 * steps, and turns whatever a check throws into something the person on call can act on: masked, with severity,
 * remedy and runbook link.
 */
public final class CheckExtension implements ExecutionCondition, BeforeEachCallback, AfterTestExecutionCallback,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler, InvocationInterceptor, ParameterResolver,
        TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CheckExtension.class);

    /** What a check or a lifecycle method may ask for, and where the run keeps it. */
    private static final Map<Class<?>, Function<RunContext, Object>> PROBES = Map.ofEntries(
            Map.entry(RunContext.class, run -> run),
            Map.entry(Settings.class, RunContext::settings),
            Map.entry(FrontEnd.class, RunContext::frontEnd),
            Map.entry(EdgeFunctions.class, RunContext::edgeFunctions),
            Map.entry(Supabase.class, RunContext::supabase),
            Map.entry(Database.class, RunContext::database),
            Map.entry(MetricsApi.class, RunContext::metrics),
            Map.entry(Billing.class, RunContext::billing),
            Map.entry(Certificates.class, RunContext::certificates),
            Map.entry(Upstream.class, RunContext::upstream),
            Map.entry(Netlify.class, RunContext::netlify),
            Map.entry(Preflight.class, run -> run.shared().once("preflight", () -> new Preflight(run))));

    /** How a manual step's reason starts (Allure files it under "Manual step", summary.json as status manual). */
    public static final String MANUAL_PREFIX = "manual step: ";

    // ---- the run ----

    /** The run this check belongs to: created by the first check to ask, closed by JUnit when the run ends. */
    private static RunResource resource(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunResource.class,
                k -> RunResource.start(context.getConfigurationParameter(RunResource.SETTINGS_PARAMETER)), RunResource.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == CheckContext.class || PROBES.containsKey(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == CheckContext.class) {
            CheckContext check = context.getStore(NAMESPACE).get(CheckContext.class, CheckContext.class);
            if (check == null) {
                // the run could not start (its reason is thrown) or this is no check method
                resource(context).require();
                throw new ParameterResolutionException("a CheckContext is handed to @Check methods only");
            }
            return check;
        }
        return PROBES.get(type).apply(resource(context).require());
    }

    // ---- before a check ----

    /** Checks inside an active maintenance window are skipped: "maintenance", and no notification. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("classes always run");
        }
        RunResource resource = resource(context);
        Optional<CheckInfo> info = info(context, resource);
        if (info.isEmpty() || info.get().isManual() || resource.run().isEmpty()) {
            return ConditionEvaluationResult.enabled("not a check in a window, or the check says why the run cannot start");
        }
        Optional<String> window = resource.run().get().maintenance().activeFor(info.get().id(), context.getTags(), Instant.now());
        // the cause travels as data to the outcome (testDisabled), not as the reason's wording
        window.ifPresent(w -> context.getStore(NAMESPACE).put(Cause.class, Cause.MAINTENANCE));
        return window.map(ConditionEvaluationResult::disabled).orElse(ConditionEvaluationResult.enabled("no maintenance window"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RunResource resource = resource(context);
        info(context, resource).ifPresent(info -> {
            resource.checkStarted(info);
            resource.run().ifPresent(run -> context.getStore(NAMESPACE).put(CheckContext.class, new CheckContext(run, info)));
            if (resource.run().map(RunContext::evidence).orElse(true)) {
                describe(info, resource);
            }
        });
    }

    /** Allure's labels, links and description: grouped by cadence and runbook step, with severity and remedy. */
    private static void describe(CheckInfo info, RunResource resource) {
        // Allure's default suites are Java class names; group by cadence and runbook step instead
        Allure.getLifecycle().updateTestCase(result -> {
            result.getLabels().removeIf(l -> List.of("parentSuite", "suite", "subSuite").contains(l.getName()));
            result.getLabels().add(new Label().setName("parentSuite").setValue(info.cadence() + " checks"));
            result.getLabels().add(new Label().setName("suite").setValue(info.section()));
            result.getLabels().add(new Label().setName("subSuite").setValue(info.title()));
        });
        Allure.label("severity", info.severity().allureSeverity());
        Allure.label("tag", "severity: " + info.severity().title());
        Allure.label("tag", "respond within " + info.severity().respondWithin());
        Allure.label("epic", info.cadence());
        Allure.label("feature", info.section());
        Allure.label("story", info.title());
        Allure.label("testId", info.id());
        Allure.link("Runbook: " + info.section() + " > " + info.title(), info.runbookUrl());
        if (info.isManual()) {
            Allure.descriptionHtml("<p><b>" + html(info.name()) + "</b> <code>" + html(info.id()) + "</code>: a manual step</p>"
                    + "<p><b>Why no check:</b> " + html(info.manual().why()) + "</p><p><b>Do it here:</b> "
                    + html(dashboard(info.manual(), resource)) + "</p>");
            return;
        }
        Allure.descriptionHtml("<p><b>" + html(info.name()) + "</b> <code>" + html(info.id()) + "</code></p>"
                + "<p><b>Severity:</b> " + html(info.severity().toString()) + "</p>"
                + "<p><b>Remedy:</b> " + html(info.remedy()) + "</p>"
                + (info.differsFromRunbook().isEmpty() ? "" : "<p><b>Differs from the runbook:</b> " + html(info.differsFromRunbook())
                + "</p>"));
    }

    /** A manual step is listed in the report with where to do it and why no check covers it; it never runs. */
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        RunResource resource = resource(context);
        Optional<CheckInfo> info = info(context, resource);
        if (info.isPresent() && info.get().isManual()) {
            invocation.skip();
            String where = dashboard(info.get().manual(), resource);
            if (resource.run().map(RunContext::evidence).orElse(true)) {
                Allure.link("Do it here", where);
            }
            throw new ManualStep(MANUAL_PREFIX + info.get().manual().why() + "; by hand: " + where);
        }
        invocation.proceed();
    }

    // ---- after a check ----

    /** Its pass share over the kept runs and its figures over time, where the person on call looks first. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        RunResource resource = resource(context);
        Optional<RunContext> run = resource.run();
        Optional<CheckInfo> info = info(context, resource).filter(i -> !i.isManual());
        if (run.isEmpty() || info.isEmpty() || !run.get().evidence()) {
            return; // no settings, no history (or no evidence wanted): the check's own outcome still stands
        }
        String id = info.get().id();
        Throwable thrown = context.getExecutionException().orElse(null);
        if (thrown == null && !run.get().retries(id).isEmpty()) {
            Allure.label("tag", "passed after retry");
        }
        RunContext r = run.get();
        // the kept runs before this one: read once per run, not once per check
        RunHistory history = r.shared().once("report.run-history", () -> RunHistory.load(RunHistory.file(r.reportDir())));
        FigureHistory figures = r.shared().once("report.figure-history", () -> FigureHistory.load(r.reportDir()));
        Allure.addAttachment("history: pass share and figures", "text/html", r.masker().mask(TrendsPage.forCheck(history, figures,
                r.figures(id), id, r.environment(), r.location(), Status.of(thrown).label())), ".html");
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
        RunResource resource = resource(context);
        Cause cause = Optional.ofNullable(context.getStore(NAMESPACE).get(Cause.class, Cause.class)).orElse(Cause.NONE);
        info(context, resource).ifPresent(info -> resource.recordSkipped(info, reason.orElse("disabled"), cause));
    }

    private static void recordOutcome(ExtensionContext context, Throwable thrown) {
        RunResource resource = resource(context);
        info(context, resource).ifPresent(info -> resource.record(info, thrown, thrown == null ? ""
                : resource.masker().mask(thrown.getMessage() == null ? thrown.getClass().getSimpleName() : thrown.getMessage())));
    }

    // ---- what a check throws ----

    /** A lifecycle method (the browser started early) that cannot get its probe: the checks themselves say why. */
    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (!(cause(thrown) instanceof SettingsException)) {
            throw thrown;
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        RunResource resource = resource(context);
        Throwable cause = cause(thrown);
        if (cause instanceof MissingSettingException missing && resource.run().isPresent() && context.getTestMethod().isPresent()) {
            cause = withOtherNeeds(missing, resource.run().get().settings(), context.getRequiredTestClass(), context.getRequiredTestMethod());
        }
        throw explain(cause, resource, info(context, resource));
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

    /** The exception a check ends with: masked, and for a real failure with severity, remedy and runbook link. */
    private static Throwable explain(Throwable thrown, RunResource resource, Optional<CheckInfo> info) {
        Masker masker = resource.masker();
        String tail = info.map(CheckInfo::failureContext).orElse("");
        if (thrown instanceof Degraded) {
            return new Degraded(masker.mask(thrown.getMessage() + tail));
        }
        if (thrown instanceof ManualStep) {
            return thrown;
        }
        if (thrown instanceof TestAbortedException) {
            // JUnit's assumptions say "Assumption failed: ..."; the reason is all the report needs
            return new TestAbortedException(masker.mask("skipped: " + thrown.getMessage().replaceFirst("^Assumption failed: ", "")));
        }
        if (thrown instanceof MissingSettingException missing) {
            if (resource.run().map(r -> r.settings().strict()).orElse(false)) {
                return new SuiteMisconfigured(masker.mask("suite misconfigured: " + missing.getMessage()
                        + " (monitor.strict=true turns a missing setting into a failure)"), Cause.missing(List.of(missing.key())));
            }
            return new Skipped(masker.mask("skipped: " + missing.getMessage()), Cause.missing(List.of(missing.key())));
        }
        if (thrown instanceof Unobservable) {
            return new Unobservable(masker.mask(thrown.getMessage()));
        }
        if (thrown instanceof Misconfiguration wrong && resource.run().isPresent() && info.isPresent()) {
            // a setting wrong for the whole run is one finding: the first check to meet it reports it
            String first = resource.run().get().findings().claim("setting " + wrong.setting(), info.get().id());
            String message = thrown.getMessage().replaceFirst("^suite misconfigured: ", "");
            return first.equals(info.get().id()) ? new SuiteMisconfigured(masker.mask("suite misconfigured: " + message))
                    : new TestAbortedException(masker.mask("suite misconfigured (reported once, by " + first + "): " + message));
        }
        if (thrown instanceof SettingsException || thrown instanceof SuiteMisconfigured) {
            return new SuiteMisconfigured(masker.mask("suite misconfigured: " + thrown.getMessage()
                    .replaceFirst("^suite misconfigured: ", "")));
        }
        if (thrown instanceof AssertionError) {
            String upstream = info.flatMap(i -> resource.run().map(r -> upstreamNote(r, i))).orElse("");
            return new CheckFailure(masker.mask(upstream + thrown.getMessage() + tail), thrown.getStackTrace());
        }
        RuntimeException broken = new RuntimeException(masker.mask("the check itself failed: "
                + thrown.getClass().getSimpleName() + ": " + thrown.getMessage() + tail));
        broken.setStackTrace(thrown.getStackTrace());
        return broken;
    }

    /** A probe that could not be handed over carries its reason as the cause. */
    private static Throwable cause(Throwable thrown) {
        return thrown instanceof ParameterResolutionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    /** "upstream incident at Supabase (major): ...\n" when a provider this check depends on reports one. */
    private static String upstreamNote(RunContext run, CheckInfo info) {
        try {
            List<String> incidents = run.upstream().notesFor(info.dependsOn(), info.components());
            return incidents.isEmpty() ? "" : String.join("\n", incidents) + "\n";
        } catch (RuntimeException e) {
            return ""; // no status page settings, or none readable: the failure speaks for itself
        }
    }

    // ---- helpers ----

    /** A manual step's dashboard with {@code {setting.key}} filled in from the run's settings ({@code _} where unset). */
    static String dashboard(CheckInfo.ManualInfo manual, RunResource resource) {
        Matcher m = Pattern.compile("\\{([a-z0-9.-]+)}").matcher(manual.dashboard());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = resource.run().flatMap(r -> Keys.named(m.group(1)).flatMap(s -> findText(r.settings(), s))).orElse("_");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static Optional<String> findText(Settings settings, com.aiqueryhub.monitor.config.Setting<?> setting) {
        try {
            return settings.find(setting).map(String::valueOf);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Optional<CheckInfo> info(ExtensionContext context, RunResource resource) {
        if (context.getTestMethod().isEmpty()) {
            return Optional.empty();
        }
        Optional<CheckInfo> info = CheckInfos.of(context.getRequiredTestClass(), context.getRequiredTestMethod(), context.getTags(),
                resource.runbookBase(), resource.tagExpression());
        // right after a deploy, whatever fails is the deploy's until shown otherwise: Critical, and the rollback first
        return info.map(i -> i.cadence().equals("postdeploy") && !i.isManual()
                ? i.verifyingADeploy(rollbackRemedy(resource)) : i);
    }

    /** The runbook's Emergency Rollback, with the targets the gate before the deploy recorded (once per run). */
    private static String rollbackRemedy(RunResource resource) {
        return resource.run().map(run -> run.shared().once("deploy.rollback-remedy", () -> "Runbook 'Emergency Rollback': "
                + DeployRecord.load(run.reportDir(), run.environment()).map(r -> String.join("; ", r.rollbackSteps()))
                .orElse("front end: git revert HEAD && git push origin main, or publish the previous deploy in Netlify's "
                        + "Deploys; functions: npx supabase functions deploy NAME from the previous commit; database: only "
                        + "with extreme caution, point-in-time recovery (no predeploy record names the targets)") + "."))
                .orElse("Runbook 'Emergency Rollback'.");
    }
}
