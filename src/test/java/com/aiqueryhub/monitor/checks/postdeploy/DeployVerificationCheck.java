package com.aiqueryhub.monitor.checks.postdeploy;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Postdeploy;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.Netlify;
import com.aiqueryhub.monitor.report.DeployRecord;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.run.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import org.opentest4j.TestAbortedException;

import java.util.Optional;

/**
 * Right after a deploy: the new deploy is really the one serving the site. The rest of the verification is the smoke,
 * front-end (with the browser), gateway and bot checks, tagged postdeploy in their own classes; whatever fails then
 * is Critical, its remedy the runbook's Emergency Rollback with the targets the gate recorded.
 */
@Postdeploy
@RunbookStep(id = "deploy", title = "Emergency Rollback", section = "Deployment Procedures", anchor = "2-emergency-rollback",
        severity = Severity.CRITICAL, dependsOn = "netlify", components = {"cdn", "builds"},
        differsFromRunbook = "The runbook rolls back by hand when a deploy causes issues. The verification after a deploy finds "
                + "them in minutes: the smoke, front-end, browser, gateway and bot checks, and this check that the new deploy "
                + "is live at all (a build that failed or was never published leaves the old site up and every other check green).",
        needs = {"netlify.auth-token", "netlify.site-id"})
class DeployVerificationCheck {

    @Check(id = "live", name = "The new deploy is live (the deployed commit, or a deploy other than the one before)",
            remedy = "The site still serves the previous deploy: open the site's Deploys in Netlify; a failed or cancelled "
                    + "build, a locked deploy (auto publishing off) or a deploy still building leaves the old one published. "
                    + "Fix the build and deploy again, or publish the new deploy.")
    void newDeployIsLive(FrontEnd site, Netlify netlify, Settings settings, RunContext run, CheckContext check) {
        Optional<String> commit = settings.find(Keys.DEPLOY_COMMIT);
        // a gate of this same run (a run of every check) saw the same site: only an earlier gate's record counts
        Optional<DeployRecord> before = DeployRecord.load(run.reportDir(), run.environment()).filter(r -> r.before(run.started()));
        boolean netlifyApi = settings.isSet(Keys.NETLIFY_SITE_ID) && settings.isSet(Keys.NETLIFY_AUTH_TOKEN);
        if (netlifyApi && (commit.isPresent() || before.map(r -> !r.liveDeployId().isEmpty()).orElse(false))) {
            HttpObservation answer = netlify.site();
            check.that(answer).hasStatus(200);
            String siteHost = answer.jsonObject().map(j -> host(j.path("ssl_url").asText(j.path("url").asText("")))).orElse("");
            String checkedHost = host(site.url());
            if (!siteHost.isEmpty() && !siteHost.equalsIgnoreCase(checkedHost)) {
                throw new TestAbortedException("a deploy preview or branch deploy (" + checkedHost + ", the site is " + siteHost
                        + "): the production deploy is not its deploy; the other checks judge the page it serves");
            }
            JsonNode live = Netlify.published(answer).orElseThrow(() -> com.aiqueryhub.monitor.check.Verdict.failure(
                    "the site to publish a deploy", "no published_deploy in the answer", answer.endpoint()));
            String id = live.path("id").asText();
            String liveCommit = live.path("commit_ref").asText("");
            check.figure("published-deploy-age-minutes", minutesSince(live.path("published_at").asText("")), "minutes");
            if (commit.isPresent()) {
                check.expect(liveCommit.equals(commit.get()), "the published deploy built from commit " + commit.get()
                        + " (deploy.commit)", "deploy " + id + " of commit " + liveCommit, answer.endpoint());
            } else {
                check.expect(!id.equals(before.get().liveDeployId()), "a published deploy other than " + before.get().liveDeployId()
                        + " (live at the predeploy run, " + before.get().at() + ")", "still deploy " + id + " (commit "
                        + liveCommit + ")", answer.endpoint());
            }
            return;
        }
        if (before.isPresent() && !before.get().liveBundle().isEmpty()) {
            // without the Netlify API: a new build serves a new main bundle (Vite names it by its content's hash)
            HttpObservation home = site.homePage();
            check.that(home).hasStatus(200);
            String bundle = FrontEnd.mainBundlePath(home).orElse("(none)");
            check.expect(!bundle.equals(before.get().liveBundle()), "a main bundle other than " + before.get().liveBundle()
                    + " (served at the predeploy run, " + before.get().at() + ")", "still " + bundle, home.endpoint());
            return;
        }
        throw new TestAbortedException("nothing to compare the site with: run the predeploy checks before deploying (they "
                + "record what is live), or pass the deployed commit as deploy.commit with netlify.site-id and NETLIFY_AUTH_TOKEN");
    }

    private static String host(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? "" : host;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static double minutesSince(String time) {
        try {
            return java.time.Duration.between(java.time.Instant.parse(time), java.time.Instant.now()).toSeconds() / 60.0;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
