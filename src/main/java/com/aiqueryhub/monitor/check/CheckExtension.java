package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.config.MissingSettingException;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.report.Figures;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.secret.Masker;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Label;
import com.aiqueryhub.monitor.probe.StatusPages;
import com.aiqueryhub.monitor.report.RetryNotes;
import com.aiqueryhub.monitor.report.RunHistory;
import com.aiqueryhub.monitor.report.RunLocation;
import com.aiqueryhub.monitor.report.TrendsPage;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Gives every check its report metadata (severity, cadence, runbook link) and turns whatever a check
 * throws into something the person on call can act on: masked, with severity, remedy and runbook link;
 * a missing setting becomes a skip (or, with {@code monitor.strict=true}, a broken check).
 */
public final class CheckExtension implements ExecutionCondition, BeforeEachCallback, AfterTestExecutionCallback,
        TestExecutionExceptionHandler, InvocationInterceptor {

    /** Checks inside an active maintenance window are skipped: "maintenance", and no notification. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("classes always run");
        }
        Optional<CheckInfo> info = info(context);
        if (info.isEmpty()) {
            return ConditionEvaluationResult.enabled("not a check");
        }
        if (info.get().isManual()) {
            return ConditionEvaluationResult.enabled("a manual step: listed, never run");
        }
        try {
            return Monitor.get().maintenance().activeFor(info.get().id(), context.getTags(), Instant.now())
                    .map(ConditionEvaluationResult::disabled)
                    .orElse(ConditionEvaluationResult.enabled("no maintenance window"));
        } catch (RuntimeException e) {
            return ConditionEvaluationResult.enabled("settings unreadable: the check will say why");
        }
    }

    /** A manual step is listed in the report with where to do it and why no check covers it; it never runs. */
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<java.lang.reflect.Method> call,
                                    ExtensionContext context) throws Throwable {
        Optional<CheckInfo> info = info(context);
        if (info.isPresent() && info.get().isManual()) {
            invocation.skip();
            Manual manual = info.get().manual();
            Allure.link("Do it here", dashboard(manual));
            throw new ManualStep(MANUAL_PREFIX + manual.why() + "; by hand: " + dashboard(manual));
        }
        invocation.proceed();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        info(context).filter(i -> !i.isManual()).ifPresent(info -> {
            Throwable thrown = context.getExecutionException().orElse(null);
            if (thrown == null && !RetryNotes.of(info.id()).isEmpty()) {
                Allure.label("tag", "passed after retry");
            }
            // its pass share over the kept runs and its figures over time, where the person on call looks first
            String status = thrown == null ? "passed" : thrown instanceof Degraded ? "degraded"
                    : thrown instanceof TestAbortedException || thrown instanceof MissingSettingException ? "skipped"
                    : thrown instanceof AssertionError ? "failed" : "broken";
            try {
                Allure.addAttachment("history: pass share and figures", "text/html",
                        Monitor.currentMasker().mask(TrendsPage.forCheck(
                                // the kept runs before this one: read once per run, not once per check
                                Monitor.get().shared("run-history", () -> RunHistory.load(RunHistory.defaultFile())),
                                info.id(), Monitor.get().settings().environment(),
                                RunLocation.of(Optional.of(Monitor.get().settings())), status)),
                        ".html");
            } catch (RuntimeException e) {
                // no settings, no history: the check's own outcome still stands
            }
        });
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        info(context).ifPresent(info -> {
            Figures.startCheck(info.id());
            // Allure's default suites are Java class names; group by cadence and runbook step instead
            Allure.getLifecycle().updateTestCase(result -> {
                result.getLabels().removeIf(l -> List.of("parentSuite", "suite", "subSuite").contains(l.getName()));
                result.getLabels().add(new Label().setName("parentSuite").setValue(info.cadence() + " checks"));
                result.getLabels().add(new Label().setName("suite").setValue(info.step().section()));
                result.getLabels().add(new Label().setName("subSuite").setValue(info.step().title()));
            });
            Allure.label("severity", info.severity().allureSeverity());
            Allure.label("tag", "severity: " + info.severity().title());
            Allure.label("tag", "respond within " + info.severity().respondWithin());
            Allure.label("epic", info.cadence());
            Allure.label("feature", info.step().section());
            Allure.label("story", info.step().title());
            Allure.label("testId", info.id());
            Allure.link("Runbook: " + info.step().section() + " > " + info.step().title(), info.runbookUrl());
            String differs = info.step().differsFromRunbook();
            if (info.isManual()) {
                Allure.descriptionHtml("<p><b>" + html(info.name()) + "</b> <code>" + html(info.id()) + "</code>: a manual step</p>"
                        + "<p><b>Why no check:</b> " + html(info.manual().why()) + "</p><p><b>Do it here:</b> "
                        + html(dashboard(info.manual())) + "</p>");
                return;
            }
            Allure.descriptionHtml("<p><b>" + html(info.name()) + "</b> <code>" + html(info.id()) + "</code></p>"
                    + "<p><b>Severity:</b> " + html(info.severity().toString()) + "</p>"
                    + "<p><b>Remedy:</b> " + html(info.remedy()) + "</p>"
                    + (differs.isEmpty() ? "" : "<p><b>Differs from the runbook:</b> " + html(differs) + "</p>"));
        });
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        Masker masker = Monitor.currentMasker();
        String tail = info(context).map(CheckInfo::failureContext).orElse("");
        if (thrown instanceof Degraded) {
            throw new Degraded(masker.mask(thrown.getMessage() + tail));
        }
        if (thrown instanceof ManualStep) {
            throw thrown;
        }
        if (thrown instanceof TestAbortedException) {
            // JUnit's assumptions say "Assumption failed: ..."; the reason is all the report needs
            throw new TestAbortedException(masker.mask("skipped: " + thrown.getMessage().replaceFirst("^Assumption failed: ", "")));
        }
        if (thrown instanceof MissingSettingException missing) {
            if (strict()) {
                throw new SuiteMisconfigured(masker.mask("suite misconfigured: " + missing.getMessage()
                        + " (monitor.strict=true turns a missing setting into a failure)"));
            }
            throw new TestAbortedException(masker.mask("skipped: " + missing.getMessage()));
        }
        if (thrown instanceof Unobservable) {
            throw new Unobservable(masker.mask(thrown.getMessage()));
        }
        if (thrown instanceof SettingsException || thrown instanceof SuiteMisconfigured) {
            throw new SuiteMisconfigured(masker.mask("suite misconfigured: " + thrown.getMessage()
                    .replaceFirst("^suite misconfigured: ", "")));
        }
        if (thrown instanceof AssertionError) {
            String upstream = info(context).map(CheckExtension::upstreamNote).orElse("");
            throw new CheckFailure(masker.mask(upstream + thrown.getMessage() + tail), thrown.getStackTrace());
        }
        if (thrown instanceof IllegalStateException && thrown.getMessage() != null
                && thrown.getMessage().startsWith("the sandbox could not start")) {
            throw new SuiteMisconfigured(masker.mask("suite misconfigured: " + thrown.getMessage()));
        }
        RuntimeException broken = new RuntimeException(masker.mask("the check itself failed: "
                + thrown.getClass().getSimpleName() + ": " + thrown.getMessage() + tail));
        broken.setStackTrace(thrown.getStackTrace());
        throw broken;
    }

    /** How a manual step's reason starts (Allure files it under "Manual step", summary.json as status manual). */
    public static final String MANUAL_PREFIX = "manual step: ";

    /** A manual step's dashboard with {@code {setting.key}} filled in from the run's settings ({@code _} where unset). */
    static String dashboard(Manual manual) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-z0-9.-]+)}").matcher(manual.dashboard());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            try {
                value = Monitor.get().settings().find(m.group(1)).orElse("_");
            } catch (RuntimeException e) {
                value = "_";
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** "upstream incident at Supabase (major): ...\n" when a provider this check depends on reports one. */
    private static String upstreamNote(CheckInfo info) {
        try {
            List<String> incidents = StatusPages.notesFor(info.dependsOn(), info.components());
            return incidents.isEmpty() ? "" : String.join("\n", incidents) + "\n";
        } catch (RuntimeException e) {
            return ""; // no status page settings, or none readable: the failure speaks for itself
        }
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static boolean strict() {
        try {
            return Monitor.get().settings().strict();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static java.util.Optional<CheckInfo> info(ExtensionContext context) {
        return CheckInfo.of(context.getRequiredTestClass(), context.getRequiredTestMethod(), context.getTags(),
                CheckExtension::runbookBase);
    }

    /** The runbook's address, even when the run's settings could not be loaded. */
    public static String runbookBase() {
        try {
            return Monitor.get().settings().require("runbook.url");
        } catch (RuntimeException e) {
            return Settings.builtInDefault("runbook.url");
        }
    }
}
