package com.aiqueryhub.monitor.checks.preflight;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.CheckNeeds;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.preflight.Preflight;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.run.PreflightItem;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.run.Severity;
import org.opentest4j.TestAbortedException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Before the first scheduled run: does the suite fit this deployment? Each check is one group of preflight items
 * (reports/preflight.json); a problem names the setting to change, an item the suite cannot judge is "unknown".
 */
@com.aiqueryhub.monitor.check.PreflightCadence
@RunbookStep(id = "preflight", title = "Preflight of a deployment", section = "Deployment Procedures",
        anchor = "1-code-deployment", severity = Severity.MEDIUM, dependsOn = {},
        differsFromRunbook = "The runbook's deploy checklist asks that environment variables be verified; the preflight "
                + "verifies the monitor's own: every setting, table, role grant, status page and endpoint the checks rely on, "
                + "read-only, with a handful of Management API calls.")
class PreflightCheck {

    private static final String CHECKS_PACKAGE = "com.aiqueryhub.monitor.checks";
    private static final String REMEDY = "Change the setting each problem names (reports/preflight.properties suggests "
            + "values where the deployment shows them), then run the preflight again.";

    @Check(id = "settings", name = "Every setting the cadences need is set", remedy = REMEDY)
    void settings(Preflight preflight, RunContext run, CheckContext check) {
        // what each cadence needs, as its checks declare it (the check classes beside this one's package)
        judge(preflight.settings(CheckNeeds.byCadence(CheckNeeds.scan(CHECKS_PACKAGE))), run, check);
    }

    @Check(id = "tables", name = "Each configured table and column exists", remedy = REMEDY)
    void tables(Preflight preflight, RunContext run, CheckContext check) {
        judge(preflight.tables(), run, check);
    }

    @Check(id = "role", name = "The monitoring role is read-only and sees every row and statistic", remedy = REMEDY)
    void role(Preflight preflight, RunContext run, CheckContext check) {
        judge(preflight.role(), run, check);
    }

    @Check(id = "status-pages", name = "Each status page reads in its configured format", remedy = REMEDY)
    void statusPages(Preflight preflight, RunContext run, CheckContext check) {
        judge(preflight.statusPages(), run, check);
    }

    @Check(id = "metrics", name = "The Metrics API answers the key", remedy = REMEDY)
    void metrics(Preflight preflight, RunContext run, CheckContext check) {
        judge(preflight.metrics(), run, check);
    }

    @Check(id = "logs", name = "The logs endpoint accepts every configured query", remedy = REMEDY)
    void logs(Preflight preflight, RunContext run, CheckContext check) {
        judge(preflight.logs(), run, check);
    }

    @Check(id = "management-api", name = "The Management API token sees the project and its backups", remedy = REMEDY)
    void managementApi(Preflight preflight, RunContext run, CheckContext check) {
        judge(preflight.managementApi(), run, check);
    }

    @Check(id = "functions", name = "Each edge function's JWT verification is what the checks expect", remedy = REMEDY)
    void functions(Preflight preflight, RunContext run, CheckContext check) {
        judge(preflight.functions(), run, check);
    }

    @Check(id = "journey", name = "The signed-in journey's monitoring user signs in and its tokens fit ai-query", remedy = REMEDY)
    void journey(Preflight preflight, RunContext run, Settings settings, CheckContext check) {
        List<PreflightItem> items = preflight.journey();
        if (!settings.get(Keys.JOURNEY_ENABLED)) {
            // the journey is off: its item says so; the part is not "passed", there was nothing to fit
            run.recordPreflight(items);
            throw new TestAbortedException("the signed-in journey is off (journey.enabled=false): nothing to fit");
        }
        judge(items, run, check);
    }

    @Check(id = "backups", name = "What the project keeps of backups meets what the backup checks expect", remedy = REMEDY)
    void backups(Preflight preflight, RunContext run, CheckContext check) {
        judge(preflight.backupRetention(), run, check);
    }

    @Check(id = "capacity", name = "The room the capacity check judges against is the deployment's", remedy = REMEDY)
    void capacity(Preflight preflight, RunContext run, CheckContext check) {
        judge(preflight.diskRoom(), run, check);
    }

    @Check(id = "network", name = "The database host is reachable over this runner's network", remedy = REMEDY)
    void network(Preflight preflight, RunContext run, CheckContext check) {
        judge(preflight.network(), run, check);
    }

    /** Problems fail the check (and the run); items that could not be judged end it degraded. */
    private static void judge(List<PreflightItem> items, RunContext run, CheckContext check) {
        run.recordPreflight(items);
        String endpoint = "preflight " + run.environment();
        List<PreflightItem> problems = items.stream().filter(i -> i.status() == PreflightItem.Status.PROBLEM).toList();
        check.expect(problems.isEmpty(), "every item to fit the deployment", describe(problems.isEmpty() ? items : problems), endpoint);
        List<PreflightItem> unknown = items.stream().filter(i -> i.status() == PreflightItem.Status.UNKNOWN).toList();
        if (!unknown.isEmpty()) {
            throw new Degraded("expected every item judged; observed " + describe(unknown) + " — " + endpoint);
        }
    }

    private static String describe(List<PreflightItem> items) {
        return items.stream().map(i -> i.id() + ": " + i.message() + (i.setting() == null || i.status() == PreflightItem.Status.OK
                ? "" : " [set " + i.setting() + "]")).collect(Collectors.joining("; "));
    }
}
