package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.report.DeployRecord;
import com.aiqueryhub.monitor.run.CheckInfo;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * What the check extensions share: the run a check belongs to (one {@link RunResource} in JUnit's root store, made by
 * the first check to ask, closed when the run ends) and each check's report metadata.
 */
final class CheckRuns {

    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CheckRuns.class);

    private CheckRuns() {
    }

    /** The run this check belongs to: created by the first check to ask, closed by JUnit when the run ends. */
    static RunResource resource(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunResource.class,
                k -> RunResource.start(context.getConfigurationParameter(RunResource.SETTINGS_PARAMETER),
                        RunResource.environment(context.getConfigurationParameter(HandedInSettings.ENVIRONMENT_PARAMETER))),
                RunResource.class);
    }

    static Optional<CheckInfo> info(ExtensionContext context, RunResource resource) {
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
