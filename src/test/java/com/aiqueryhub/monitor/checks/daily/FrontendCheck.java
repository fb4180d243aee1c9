package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.LayerVerdicts;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.PageTitle;
import com.aiqueryhub.monitor.check.Reachability;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.SecurityHeaders;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.BrowserProbe;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.run.Severity;
import com.aiqueryhub.monitor.run.SuiteMisconfigured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.opentest4j.TestAbortedException;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Daily
@Tag("postdeploy") // also verifies a deploy (DeployVerificationCheck)
@RunbookStep(id = "frontend", title = "Frontend Verification", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", dependsOn = "netlify", severity = Severity.CRITICAL, components = {"edge", "cdn"},
        differsFromRunbook = "The runbook's `curl -I` only sees a status, and Netlify answers 200 for every path. "
                + "These checks also load the page's main JavaScript bundle (a past outage was a 200 page whose bundle "
                + "was broken), the title, the security headers and the response time.",
        needs = {"frontend.url"})
// one page, one finding: frontend.status runs first and alone reports an unreachable site in the network's words
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// the class beside the others (a class of its own thread's would wait for the other such class), its checks one after
// another on the class's thread, in their order
@Execution(ExecutionMode.CONCURRENT)
// first among the classes (junit-platform.properties): its browser loads the page while the other checks run
@Order(1)
class FrontendCheck {

    /** The browser takes seconds to start: it loads the page while the other checks run. */
    @BeforeAll
    static void startTheBrowser(FrontEnd site) {
        site.renderInBackground();
    }

    @Execution(ExecutionMode.SAME_THREAD)
    @Check(id = "status", name = "Front end answers HTTP 200",
            remedy = "Open the site in a browser; check the latest Netlify deploy and the domain's DNS. "
                    + "Roll back the last deploy if it broke the site, and check www.netlifystatus.com.")
    @Order(1)
    void answers(FrontEnd site, CheckContext check) {
        LayerVerdicts.expectFrontEndUp(check, site); // runs first: an unreachable site is its finding
    }

    @Execution(ExecutionMode.SAME_THREAD)
    @Check(id = "protocol", name = "Front end is served over HTTP/2", severity = Severity.MEDIUM,
            remedy = "HTTP/2 comes from Netlify's CDN: check that the custom domain still points at Netlify "
                    + "and that HTTPS is active in the Netlify domain settings.")
    void speaksHttp2(FrontEnd site, Settings settings, CheckContext check) {
        assumeTrue(settings.get(Keys.FRONTEND_EXPECT_HTTP2),
                "frontend.expect-http2=false: this environment is not expected to serve HTTP/2");
        Reachability.expectFrontEndReached(check, site.homePage());
        check.that(site.homePageProtocol()).usesProtocol(HttpClient.Version.HTTP_2);
    }

    @Execution(ExecutionMode.SAME_THREAD)
    @Check(id = "title", name = "Home page carries the product title", severity = Severity.HIGH,
            remedy = "A different page is being served: check the Netlify site's domain mapping and the last deploy's build output.")
    void servesTitle(FrontEnd site, Settings settings, CheckContext check) {
        Reachability.expectFrontEndReached(check, site.homePage());
        PageTitle.judge(check, site.homePage(), settings.get(Keys.FRONTEND_EXPECTED_TITLE));
    }

    @Execution(ExecutionMode.SAME_THREAD)
    @Check(id = "bundle", name = "Main JavaScript bundle loads",
            remedy = "Users see a blank white page. Redeploy the last good build on Netlify (Deploys > Publish deploy) "
                    + "and check the build log for a failed or partial asset upload.")
    void bundleLoads(FrontEnd site, Settings settings, CheckContext check) {
        HttpObservation home = site.homePage();
        Reachability.expectFrontEndReached(check, home);
        check.that(home).hasStatus(200);
        String path = FrontEnd.mainBundlePath(home).orElseThrow(() -> Verdict.failure(
                "index.html to load its main bundle (a <script type=\"module\" src=...>, /assets/index-*.js today)",
                "no module script in the page",
                home.endpoint()));
        HttpObservation bundle = site.mainBundle(path);
        check.that(bundle).hasStatus(200).hasContentTypeContaining("javascript");
        // an empty or cut-off upload still answers 200 as JavaScript: the page stays white all the same
        long minBytes = settings.get(Keys.FRONTEND_BUNDLE_MIN_BYTES);
        long code = bundle.body().strip().getBytes(StandardCharsets.UTF_8).length;
        check.expect(code >= minBytes, "a main bundle of at least " + minBytes + " bytes of code (frontend.bundle-min-bytes)",
                code == 0 ? "an empty bundle (HTTP 200, " + bundle.header("Content-Type").orElse("?") + ")" : code + " bytes",
                bundle.endpoint());
    }

    @Tag("smoke")
    @Execution(ExecutionMode.SAME_THREAD)
    @Check(id = "renders", name = "The app renders in a real browser (no blank white page)",
            remedy = "If the site is unreachable, the message names the network cause: a name that does not resolve is the "
                    + "domain's DNS; refused or timed out is Netlify (its status page, the domain mapping). If the page "
                    + "loads and the app does not start, users see a blank page and the message names the first error: a "
                    + "missing VITE_* variable in the Netlify build settings (rebuild with it), a chunk missing after a "
                    + "deploy (redeploy the whole build, or roll back in Netlify's Deploys), or a runtime error in the new "
                    + "code (roll back, then fix). The screenshot shows what users saw.")
    void rendersInABrowser(FrontEnd site, Settings settings, CheckContext check) {
        if (!settings.get(Keys.BROWSER_ENABLED)) {
            throw new TestAbortedException("the browser check is switched off (browser.enabled=false)");
        }
        Reachability.expectFrontEndReached(check, site.homePage());
        BrowserProbe.Rendering page = site.rendering();
        if (!page.loaded()) {
            if (settings.strict()) {
                throw new SuiteMisconfigured("suite misconfigured: " + page.unavailable() + " (monitor.strict=true)");
            }
            throw new TestAbortedException(page.unavailable());
        }
        if (!page.reached()) {
            // the site itself cannot be reached: its network cause, never "a blank white page"
            if (page.screenshot() != null) {
                check.attachImage("screenshot: the browser's error page", page.screenshot());
            }
            throw Verdict.failure("the site to load in the browser", "the site is unreachable: " + page.unreachable(),
                    "browser GET " + page.url());
        }
        boolean blank = page.rootChildren() <= 0;
        boolean healthy = !blank && page.errors().isEmpty();
        if (page.screenshot() != null) {
            check.attachImage(healthy ? "screenshot" : "screenshot: what users saw", BrowserProbe.compressed(page.screenshot()));
        }
        check.attach("browser errors", page.errors().isEmpty() ? "none\n" : String.join("\n", page.errors()) + "\n");
        String first = page.errors().isEmpty() ? "" : "first error: " + page.errors().get(0)
                + (page.errors().size() > 1 ? " (and " + (page.errors().size() - 1) + " more)" : "");
        check.expect(!blank, "the app to render into #root within browser.timeout", blank
                ? "an empty #root after " + page.elapsed().toMillis() + " ms, a blank white page" + (first.isEmpty() ? "" : "; " + first)
                : page.rootChildren() + " element(s) in #root", "browser GET " + page.url());
        check.expect(page.errors().isEmpty(), "no uncaught error, and none of the app's scripts or stylesheets failing, while the app starts",
                first.isEmpty() ? "none" : first, "browser GET " + page.url());
        if (!page.degraded().isEmpty()) {
            // the app started; what it could do without (a picture, a font, another origin's file) is worth a look, not a page
            check.attach("requests that failed, not needed to start", String.join("\n", page.degraded()) + "\n");
            throw new Degraded("the app started, and " + page.degraded().size() + " request(s) it does not need to start failed; first: "
                    + page.degraded().get(0) + " — browser GET " + page.url());
        }
    }

    @Execution(ExecutionMode.SAME_THREAD)
    @Check(id = "security-headers", name = "Security headers are present", severity = Severity.MEDIUM,
            remedy = "The headers come from netlify.toml: check that the last deploy did not drop or change its [[headers]] block.")
    void securityHeaders(FrontEnd site, CheckContext check) {
        HttpObservation home = site.homePage();
        Reachability.expectFrontEndReached(check, home);
        Map<String, String> wrong = SecurityHeaders.wrong(home);
        check.expect(wrong.isEmpty(), SecurityHeaders.EXPECTED, wrong.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")), home.endpoint());
    }

    @Execution(ExecutionMode.SAME_THREAD)
    @Check(id = "response-time", name = "Front end answers within the response-time limit", severity = Severity.HIGH,
            remedy = "Runbook 'High Response Times': check Netlify's status and the CDN; if only some regions are slow, "
                    + "open an incident with Netlify.")
    void respondsInTime(FrontEnd site, Settings settings, CheckContext check) {
        Reachability.expectFrontEndReached(check, site.homePage());
        check.that(site.homePage()).respondedWithin(settings.get(Keys.THRESHOLD_FRONTEND_RESPONSE_TIME));
    }
}
