package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.Evidence;
import com.aiqueryhub.monitor.check.Reachability;
import com.aiqueryhub.monitor.check.SuiteMisconfigured;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.probe.AiQueryHub;
import com.aiqueryhub.monitor.probe.BrowserProbe;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.Tag;
import org.opentest4j.TestAbortedException;
import com.aiqueryhub.monitor.probe.HttpObservation;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.aiqueryhub.monitor.check.HttpAssert.assertThat;
import static com.aiqueryhub.monitor.probe.AiQueryHub.homePage;
import static com.aiqueryhub.monitor.probe.AiQueryHub.homePageProtocol;
import static com.aiqueryhub.monitor.probe.AiQueryHub.mainBundle;
import static com.aiqueryhub.monitor.probe.AiQueryHub.mainBundlePath;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Daily
@RunbookStep(id = "frontend", title = "Frontend Verification", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", dependsOn = "netlify", severity = Severity.CRITICAL, components = {"edge", "cdn"},
        differsFromRunbook = "The runbook's `curl -I` only sees a status, and Netlify answers 200 for every path. "
                + "These checks also load the page's main JavaScript bundle (a past outage was a 200 page whose bundle "
                + "was broken), the title, the security headers and the response time.")
class FrontendCheck {

    @Check(id = "status", name = "Front end answers HTTP 200",
            remedy = "Open the site in a browser; check the latest Netlify deploy and the domain's DNS. "
                    + "Roll back the last deploy if it broke the site, and check www.netlifystatus.com.")
    void answers() {
        assertThat(homePage()).hasStatus(200);
    }

    @Check(id = "protocol", name = "Front end is served over HTTP/2", severity = Severity.MEDIUM,
            remedy = "HTTP/2 comes from Netlify's CDN: check that the custom domain still points at Netlify "
                    + "and that HTTPS is active in the Netlify domain settings.")
    void speaksHttp2() {
        assumeTrue(Monitor.get().settings().flag("frontend.expect-http2"),
                "frontend.expect-http2=false: this environment is not expected to serve HTTP/2");
        Reachability.expectFrontEndReached(homePage());
        assertThat(homePageProtocol()).usesProtocol(HttpClient.Version.HTTP_2);
    }

    @Check(id = "title", name = "Home page carries the product title", severity = Severity.HIGH,
            remedy = "A different page is being served: check the Netlify site's domain mapping and the last deploy's build output.")
    void servesTitle() {
        String title = Monitor.get().settings().require("frontend.expected-title");
        Reachability.expectFrontEndReached(homePage());
        assertThat(homePage()).bodyContains("page title", "<title>" + title + "</title>");
    }

    @Check(id = "bundle", name = "Main JavaScript bundle loads",
            remedy = "Users see a blank white page. Redeploy the last good build on Netlify (Deploys > Publish deploy) "
                    + "and check the build log for a failed or partial asset upload.")
    void bundleLoads() {
        HttpObservation home = homePage();
        Reachability.expectFrontEndReached(home);
        assertThat(home).hasStatus(200);
        String path = mainBundlePath(home).orElseThrow(() -> Verdict.failure(
                "index.html to reference the main bundle /assets/index-*.js", "no such <script> in the page",
                home.endpoint()));
        HttpObservation bundle = mainBundle(path);
        assertThat(bundle).hasStatus(200).hasContentTypeContaining("javascript");
        // an empty or cut-off upload still answers 200 as JavaScript: the page stays white all the same
        long minBytes = Monitor.get().settings().bytes("frontend.bundle-min-bytes");
        long code = bundle.body().strip().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        Verdict.expect(code >= minBytes, "a main bundle of at least " + minBytes + " bytes of code (frontend.bundle-min-bytes)",
                code == 0 ? "an empty bundle (HTTP 200, " + bundle.header("Content-Type").orElse("?") + ")" : code + " bytes",
                bundle.endpoint());
    }

    @Tag("smoke")
    @Check(id = "renders", name = "The app renders in a real browser (no blank white page)",
            remedy = "If the site is unreachable, the message names the network cause: a name that does not resolve is the "
                    + "domain's DNS; refused or timed out is Netlify (its status page, the domain mapping). If the page "
                    + "loads and the app does not start, users see a blank page and the message names the first error: a "
                    + "missing VITE_* variable in the Netlify build settings (rebuild with it), a chunk missing after a "
                    + "deploy (redeploy the whole build, or roll back in Netlify's Deploys), or a runtime error in the new "
                    + "code (roll back, then fix). The screenshot shows what users saw.")
    void rendersInABrowser() {
        if (!Monitor.get().settings().flag("browser.enabled")) {
            throw new TestAbortedException("the browser check is switched off (browser.enabled=false)");
        }
        Reachability.expectFrontEndReached(homePage());
        BrowserProbe.Rendering page = AiQueryHub.rendering(Monitor.get());
        if (!page.loaded()) {
            if (Monitor.get().settings().strict()) {
                throw new SuiteMisconfigured("suite misconfigured: " + page.unavailable() + " (monitor.strict=true)");
            }
            throw new TestAbortedException(page.unavailable());
        }
        if (!page.reached()) {
            // the site itself cannot be reached: its network cause, never "a blank white page"
            if (page.screenshot() != null) {
                Allure.addAttachment("screenshot: the browser's error page", "image/png", new ByteArrayInputStream(page.screenshot()), ".png");
            }
            throw Verdict.failure("the site to load in the browser", "the site is unreachable: " + page.unreachable(),
                    "browser GET " + page.url());
        }
        boolean blank = page.rootChildren() <= 0;
        boolean healthy = !blank && page.errors().isEmpty();
        if (page.screenshot() != null) {
            byte[] png = healthy ? BrowserProbe.thumbnail(page.screenshot(), 320) : page.screenshot();
            Allure.addAttachment(healthy ? "screenshot (small)" : "screenshot: what users saw", "image/png",
                    new ByteArrayInputStream(png), ".png");
        }
        Evidence.attach("browser errors", page.errors().isEmpty() ? "none\n" : String.join("\n", page.errors()) + "\n");
        String first = page.errors().isEmpty() ? "" : "first error: " + page.errors().get(0)
                + (page.errors().size() > 1 ? " (and " + (page.errors().size() - 1) + " more)" : "");
        Verdict.expect(!blank, "the app to render into #root within browser.timeout", blank
                ? "an empty #root after " + page.elapsed().toMillis() + " ms, a blank white page" + (first.isEmpty() ? "" : "; " + first)
                : page.rootChildren() + " element(s) in #root", "browser GET " + page.url());
        Verdict.expect(page.errors().isEmpty(), "no uncaught error, failed script or console error while the app starts",
                first.isEmpty() ? "none" : first, "browser GET " + page.url());
    }

    @Check(id = "security-headers", name = "Security headers are present", severity = Severity.MEDIUM,
            remedy = "The headers come from netlify.toml: check that the last deploy did not drop or change its [[headers]] block.")
    void securityHeaders() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Content-Security-Policy", "*");
        expected.put("X-Frame-Options", "DENY");
        expected.put("X-Content-Type-Options", "nosniff");
        expected.put("Cache-Control", "no-cache, no-store, must-revalidate");
        Reachability.expectFrontEndReached(homePage());
        assertThat(homePage()).hasHeaders(expected);
    }

    @Check(id = "response-time", name = "Front end answers within the response-time limit", severity = Severity.HIGH,
            remedy = "Runbook 'High Response Times': check Netlify's status and the CDN; if only some regions are slow, "
                    + "open an incident with Netlify.")
    void respondsInTime() {
        Reachability.expectFrontEndReached(homePage());
        assertThat(homePage()).respondedWithin(Monitor.get().settings().duration("threshold.frontend.response-time"));
    }
}
