package com.aiqueryhub.monitor.checks.preflight;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.Degraded;
import com.aiqueryhub.monitor.check.Preflight;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.preflight.PreflightItem;
import com.aiqueryhub.monitor.preflight.PreflightReport;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Before the first scheduled run: does the suite fit this deployment? Each check is one group of preflight items
 * (reports/preflight.json); a problem names the setting to change, an item the suite cannot judge is "unknown".
 */
@Preflight
@RunbookStep(id = "preflight", title = "Preflight of a deployment", section = "Deployment Procedures",
        anchor = "1-code-deployment", severity = Severity.MEDIUM, dependsOn = {},
        differsFromRunbook = "The runbook's deploy checklist asks that environment variables be verified; the preflight "
                + "verifies the monitor's own: every setting, table, role grant, status page and endpoint the checks rely on, "
                + "read-only, with a handful of Management API calls.")
class PreflightCheck {

    private static final String REMEDY = "Change the setting each problem names (reports/preflight.properties suggests "
            + "values where the deployment shows them), then run the preflight again.";

    @Check(id = "settings", name = "Every setting the cadences need is set", remedy = REMEDY)
    void settings() {
        judge(com.aiqueryhub.monitor.preflight.Preflight::settings);
    }

    @Check(id = "tables", name = "Each configured table and column exists", remedy = REMEDY)
    void tables() {
        judge(com.aiqueryhub.monitor.preflight.Preflight::tables);
    }

    @Check(id = "role", name = "The monitoring role is read-only and sees every row and statistic", remedy = REMEDY)
    void role() {
        judge(com.aiqueryhub.monitor.preflight.Preflight::role);
    }

    @Check(id = "status-pages", name = "Each status page reads in its configured format", remedy = REMEDY)
    void statusPages() {
        judge(com.aiqueryhub.monitor.preflight.Preflight::statusPages);
    }

    @Check(id = "metrics", name = "The Metrics API answers the key", remedy = REMEDY)
    void metrics() {
        judge(com.aiqueryhub.monitor.preflight.Preflight::metrics);
    }

    @Check(id = "logs", name = "The logs endpoint accepts every configured query", remedy = REMEDY)
    void logs() {
        judge(com.aiqueryhub.monitor.preflight.Preflight::logs);
    }

    @Check(id = "management-api", name = "The Management API token sees the project and its backups", remedy = REMEDY)
    void managementApi() {
        judge(com.aiqueryhub.monitor.preflight.Preflight::managementApi);
    }

    @Check(id = "functions", name = "Each edge function's JWT verification is what the checks expect", remedy = REMEDY)
    void functions() {
        judge(com.aiqueryhub.monitor.preflight.Preflight::functions);
    }

    @Check(id = "backups", name = "What the project keeps of backups meets what the backup checks expect", remedy = REMEDY)
    void backups() {
        judge(com.aiqueryhub.monitor.preflight.Preflight::backupRetention);
    }

    @Check(id = "network", name = "The database host is reachable over this runner's network", remedy = REMEDY)
    void network() {
        judge(com.aiqueryhub.monitor.preflight.Preflight::network);
    }

    /** Problems fail the check (and the run); items that could not be judged end it degraded. */
    private static void judge(Function<com.aiqueryhub.monitor.preflight.Preflight, List<PreflightItem>> group) {
        List<PreflightItem> items = group.apply(new com.aiqueryhub.monitor.preflight.Preflight(Monitor.get()));
        PreflightReport.record(items);
        String endpoint = "preflight " + Monitor.get().settings().environment();
        List<PreflightItem> problems = items.stream().filter(i -> i.status() == PreflightItem.Status.PROBLEM).toList();
        Verdict.expect(problems.isEmpty(), "every item to fit the deployment", describe(problems.isEmpty() ? items : problems), endpoint);
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
