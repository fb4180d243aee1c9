package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.report.FigureHistory;
import com.aiqueryhub.monitor.report.RunHistory;
import com.aiqueryhub.monitor.report.TrendsPage;
import com.aiqueryhub.monitor.run.CheckInfo;
import com.aiqueryhub.monitor.run.ManualStep;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.run.Status;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Label;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A check in the Allure report: grouped by cadence and runbook step, with severity, remedy and runbook link; a manual
 * step listed with where to do it; after each check, its pass share and figures over the kept runs.
 */
public final class CheckReport implements BeforeEachCallback, AfterTestExecutionCallback, InvocationInterceptor {

    /** How a manual step's reason starts (Allure files it under "Manual step", summary.json as status manual). */
    public static final String MANUAL_PREFIX = "manual step: ";

    @Override
    public void beforeEach(ExtensionContext context) {
        RunResource resource = CheckRuns.resource(context);
        CheckRuns.info(context, resource).filter(info -> resource.evidence())
                .ifPresent(info -> describe(info, resource));
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
        RunResource resource = CheckRuns.resource(context);
        Optional<CheckInfo> info = CheckRuns.info(context, resource);
        if (info.isPresent() && info.get().isManual()) {
            invocation.skip();
            String where = dashboard(info.get().manual(), resource);
            if (resource.evidence()) {
                Allure.link("Do it here", where);
            }
            throw new ManualStep(MANUAL_PREFIX + info.get().manual().why() + "; by hand: " + where);
        }
        invocation.proceed();
    }

    /** Its pass share over the kept runs and its figures over time, where the person on call looks first. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        RunResource resource = CheckRuns.resource(context);
        Optional<RunContext> run = resource.run();
        Optional<CheckInfo> info = CheckRuns.info(context, resource).filter(i -> !i.isManual());
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
        // the page beside the report with every check over time, opened at this one
        Allure.link("trends.html: " + id + " over time, with every other check", "trends.html#check-" + id);
        Allure.addAttachment("history: pass share and figures", "text/html", r.masker().mask(TrendsPage.forCheck(history, figures,
                r.figures(id), id, r.environment(), r.location(), Status.of(thrown).label())), ".html");
    }

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
}
