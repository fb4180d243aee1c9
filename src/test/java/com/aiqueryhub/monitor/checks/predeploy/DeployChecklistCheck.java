package com.aiqueryhub.monitor.checks.predeploy;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Manual;
import com.aiqueryhub.monitor.check.Predeploy;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.Netlify;
import com.aiqueryhub.monitor.probe.RecoveryPoints;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.report.DeployRecord;
import com.aiqueryhub.monitor.report.RunHistory;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.run.Severity;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runbook's production deploy checklist, line by line, before `git push origin main` and `supabase functions
 * deploy`: read-only, a handful of Management API and Netlify calls.
 */
@Predeploy
@RunbookStep(id = "deploy-checklist", title = "Production Deploy Checklist", section = "Deployment Procedures",
        anchor = "1-code-deployment", severity = Severity.HIGH, dependsOn = {"supabase", "netlify"},
        differsFromRunbook = "The runbook's checklist is ticked by hand. These checks read each line from the system: the "
                + "staging runs kept in the history, the migrations applied in staging and production, the functions' "
                + "secret names (never their values), the newest recovery point, and the deploys Netlify can restore.",
        needs = {"supabase.project-ref", "supabase.access-token", "netlify.auth-token", "netlify.site-id",
                "deploy.staging-project-ref", "deploy.migrations-dir"})
// first among the classes (junit-platform.properties): its staging run, when one is needed, is the run's longest
@org.junit.jupiter.api.Order(1)
class DeployChecklistCheck {

    @Check(id = "staging-tests", name = "All tests passing in staging (its latest daily and smoke runs are green and recent)",
            remedy = "Run the staging checks (mvn verify -Denv=staging -Dgroups='daily | smoke', in the same workspace so "
                    + "reports/history is shared) and fix what they report before deploying.")
    void stagingTestsPass(RunContext run, Settings settings, CheckContext check) {
        String staging = settings.get(Keys.DEPLOY_STAGING_ENVIRONMENT);
        Duration maxAge = settings.get(Keys.DEPLOY_STAGING_MAX_AGE);
        RunHistory history = RunHistory.load(RunHistory.file(run.reportDir()));
        if (staging.equals(run.environment()) && (stale(history, staging, "daily", maxAge) || stale(history, staging, "smoke", maxAge))) {
            // the gate's own environment: no need to wait for a scheduled run, run its staging checks now
            StagingRun.now(run, "daily | smoke");
            history = RunHistory.load(RunHistory.file(run.reportDir()));
        }
        String where = "reports/history (environment " + staging + ")";
        for (String cadence : List.of("daily", "smoke")) {
            Optional<RunHistory.Run> latest = history.latest(staging, cadence);
            check.expect(latest.isPresent(), "a kept " + cadence + " run of " + staging, "none in the history", where);
            Duration age = Duration.between(latest.get().time(), Instant.now());
            check.expect(age.compareTo(maxAge) <= 0, "the latest " + cadence + " run of " + staging + " at most "
                    + human(maxAge) + " old (deploy.staging-max-age)", human(age) + " old, at " + latest.get().at(), where);
            List<String> red = latest.get().checks().entrySet().stream()
                    .filter(e -> e.getValue().equals("failed") || e.getValue().equals("broken"))
                    .map(e -> e.getKey() + " " + e.getValue()).toList();
            // judged by its checks, not its verdict: a check skipped in a planned window is no failure, none judged is
            boolean judged = latest.get().checks().values().stream().anyMatch(com.aiqueryhub.monitor.run.Status::succeeded);
            check.expect(red.isEmpty() && judged, "the latest " + cadence + " run of " + staging + " green",
                    red.isEmpty() ? "no check of it passed (nothing checked, or every check skipped)"
                            : String.join(", ", red) + " at " + latest.get().at(), where);
        }
    }

    @Manual(id = "code-review", name = "Code review approved (manual)",
            dashboard = "the pull request's approvals on GitHub (branch protection of main)",
            why = "an approval lives in the code host, not in the system: require it with branch protection on main")
    void codeReviewApproved() {
    }

    @Check(id = "migrations", name = "Database migrations tested (every migration production will get is applied in staging)",
            remedy = "Apply the missing migrations to staging first (npx supabase db push against the staging project), "
                    + "run the staging checks, then deploy; never push a migration to production that staging has not run.")
    void migrationsTested(Supabase supabase, Settings settings, CheckContext check) {
        HttpObservation staging = supabase.stagingMigrations();
        check.that(staging).hasStatus(200);
        HttpObservation production = supabase.migrations();
        check.that(production).hasStatus(200);
        Set<String> applied = versions(staging);
        Set<String> ahead = new TreeSet<>(versions(production));
        ahead.removeAll(applied);
        check.expect(ahead.isEmpty(), "production never ahead of staging (deploy.staging-project-ref)",
                "applied in production only: " + String.join(", ", ahead), staging.endpoint());
        Optional<String> dir = settings.find(Keys.DEPLOY_MIGRATIONS_DIR);
        if (dir.isPresent()) {
            Set<String> missing = new TreeSet<>(MigrationFiles.versions(dir.get()));
            missing.removeAll(applied);
            check.expect(missing.isEmpty(), "every migration in " + dir.get() + " applied in staging",
                    "not applied in staging: " + String.join(", ", MigrationFiles.names(dir.get(), missing)), staging.endpoint());
        }
    }

    @Check(id = "secrets", name = "Environment variables verified (every secret the functions read is set in production)",
            remedy = "Set the missing secrets in production before deploying: npx supabase secrets set NAME=... --project-ref "
                    + "REF (or Edge Functions > Secrets in the dashboard); the functions read them with Deno.env.get.")
    void secretsSet(Supabase supabase, Settings settings, CheckContext check) {
        HttpObservation secrets = supabase.secretNames(); // names only: the values' digests are dropped by the probe
        check.that(secrets).hasStatus(200);
        Set<String> present = new TreeSet<>();
        secrets.json().ifPresent(names -> names.forEach(n -> present.add(n.asText())));
        List<String> missing = settings.get(Keys.DEPLOY_REQUIRED_SECRETS).stream().filter(n -> !present.contains(n)).toList();
        check.expect(missing.isEmpty(), "every secret in deploy.required-secrets set for the edge functions",
                "missing: " + String.join(", ", missing), secrets.endpoint());
    }

    @Check(id = "backup", name = "Backup created before deploy (a recovery point younger than deploy.max-backup-age)",
            remedy = "With point-in-time recovery the newest point is minutes old; without it, take a backup right before "
                    + "deploying (npx supabase db dump --db-url ... -f pre-deploy.sql, kept off the runner) and, if a daily "
                    + "backup is enough for this deploy, say so with -Ddeploy.max-backup-age=24h.")
    void recentBackup(Supabase supabase, Settings settings, CheckContext check) {
        HttpObservation backups = supabase.backups();
        check.that(backups).hasStatus(200);
        RecoveryPoints points = RecoveryPoints.of(backups).orElseThrow(() -> Verdict.failure(
                "the backups object of the Management API", backups.summary(), backups.endpoint()));
        Duration max = settings.get(Keys.DEPLOY_MAX_BACKUP_AGE);
        Duration age = points.newest().map(t -> Duration.between(t, Instant.now())).orElse(null);
        check.expect(age != null && age.compareTo(max) <= 0, "a recovery point at most " + human(max) + " old (deploy.max-backup-age)",
                age == null ? "no recovery point at all (" + points.kind() + ")"
                        : "newest " + points.kind() + " point " + points.newest().get() + ", " + human(age) + " old",
                backups.endpoint());
    }

    @Check(id = "rollback", name = "Rollback plan prepared (an earlier production deploy is ready to restore)",
            remedy = "Keep an earlier production deploy in Netlify (Deploys: a ready deploy is restorable with 'Publish "
                    + "deploy'); if none is, deploy a known-good commit first. The report lists the rollback targets.")
    void rollbackReady(FrontEnd site, Supabase supabase, Netlify netlify, Settings settings, RunContext run, CheckContext check) {
        // what is live now, kept for the verification after the deploy: it must see a new deploy, and names these targets
        String bundle = FrontEnd.mainBundlePath(site.homePage()).orElse("");
        Map<String, Integer> versions = functionVersions(supabase);
        if (!settings.isSet(Keys.NETLIFY_SITE_ID) || !settings.isSet(Keys.NETLIFY_AUTH_TOKEN)) {
            record(run, new DeployRecord(Instant.now().toString(), "", "", bundle, "", "", versions));
            settings.get(Keys.NETLIFY_SITE_ID); // skipped, naming the setting to give
            settings.get(Keys.NETLIFY_AUTH_TOKEN);
        }
        HttpObservation deploys = netlify.productionDeploys();
        check.that(deploys).hasStatus(200);
        List<JsonNode> ready = Netlify.deploys(deploys).stream().filter(d -> "ready".equals(d.path("state").asText())).toList();
        Optional<JsonNode> live = Netlify.published(netlify.site()).or(() -> ready.stream().findFirst());
        String liveId = live.map(d -> d.path("id").asText()).orElse("");
        Optional<JsonNode> previous = ready.stream().filter(d -> !d.path("id").asText().equals(liveId)).findFirst();
        DeployRecord record = new DeployRecord(Instant.now().toString(), liveId, live.map(d -> d.path("commit_ref").asText("")).orElse(""),
                bundle, previous.map(d -> d.path("id").asText()).orElse(""),
                previous.map(d -> d.path("commit_ref").asText("")).orElse(""), versions);
        record(run, record);
        check.attach("rollback targets", String.join("\n", record.rollbackSteps()) + "\n");
        check.expect(previous.isPresent(), "an earlier production deploy in state ready to restore",
                ready.isEmpty() ? "no ready production deploy at all" : "only the live deploy " + liveId, deploys.endpoint());
        check.passed("rollback targets: " + String.join("; ", record.rollbackSteps()));
    }

    private static void record(RunContext run, DeployRecord record) {
        try {
            record.save(run.reportDir(), run.environment());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the deploy record in " + DeployRecord.file(run.reportDir()), e);
        }
    }

    /** The version of each deployed edge function, by slug: what "the previous version" of a function is. */
    private static Map<String, Integer> functionVersions(Supabase supabase) {
        Map<String, Integer> out = new LinkedHashMap<>();
        supabase.functions().json().filter(JsonNode::isArray).ifPresent(list -> list.forEach(f -> {
            com.aiqueryhub.monitor.json.JsonNumbers.whole(f.path("version"))
                    .ifPresent(v -> out.put(f.path("slug").asText(), (int) v));
        }));
        return out;
    }

    private static Set<String> versions(HttpObservation migrations) {
        Set<String> out = new TreeSet<>();
        migrations.json().filter(JsonNode::isArray).ifPresent(list -> list.forEach(m -> out.add(m.path("version").asText())));
        return out;
    }

    private static boolean stale(RunHistory history, String environment, String cadence, Duration maxAge) {
        return history.latest(environment, cadence).map(r -> Duration.between(r.time(), Instant.now()).compareTo(maxAge) > 0)
                .orElse(true);
    }

    private static String human(Duration d) {
        return d.toDays() >= 2 ? d.toDays() + " d" : d.toHours() >= 1 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
