package com.aiqueryhub.monitor.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

import static com.aiqueryhub.monitor.sandbox.Answers.replaceRequired;
import static com.aiqueryhub.monitor.sandbox.Answers.resource;
import static com.aiqueryhub.monitor.sandbox.Answers.text;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.options;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Netlify serving the app: every path rewritten to index.html, the Vite bundle and its chunks as real files, the
 * headers of the app's netlify.toml, and the certificate's lifetime. Its faults break the page, the bundle, the headers
 * and the certificate.
 */
record FrontendStandIn(Set<Fault> faults, WireMockServer frontend) {

    /** What the bundle throws without VITE_SUPABASE_URL (sandbox/assets/index.js, requireConfig). */
    private static final String BUNDLE_MISSING_URL_ERROR = "supabaseUrl is required: VITE_SUPABASE_URL was not set at build time";
    /** The main bundle a Vite build names by its content hash; a new deploy serves a new name (fault frontend-redeployed). */
    private static final String BUNDLE = "/assets/index-Dq7sBx2k.js";
    private static final String REDEPLOYED_BUNDLE = "/assets/index-B4r9XkQz.js";
    private static final String RENAMED_BUNDLE = "/assets/main.B4r9XkQz.js";
    /** The project's publishable key the app is built with (VITE_SUPABASE_PUBLISHABLE_KEY): public by design. */
    static final String PUBLISHABLE_KEY = "sb_publishable_sandbox";


    /** The front end certificate's notBefore and notAfter, as its fault says. */
    static Instant[] certificateValidity(Set<Fault> faults, Instant now) {
        Instant issued;
        Instant expires;
        if (faults.contains(Fault.CERT_EXPIRING)) { // a 90-day certificate whose renewal stopped: 10 days left
            issued = now.minus(80, ChronoUnit.DAYS);
            expires = now.plus(10, ChronoUnit.DAYS);
        } else if (faults.contains(Fault.CERT_RENEWAL_DUE)) { // renewal is due at 30 days left, 20 are
            issued = now.minus(70, ChronoUnit.DAYS);
            expires = now.plus(20, ChronoUnit.DAYS);
        } else if (faults.contains(Fault.CERT_SHORT_LIVED)) { // Let's Encrypt "shortlived" (160 hours), renewed on time
            issued = now.minus(2, ChronoUnit.DAYS).minus(16, ChronoUnit.HOURS);
            expires = now.plus(4, ChronoUnit.DAYS);
        } else if (faults.contains(Fault.CERT_RENEWAL_STOPPED)) { // the same six-day certificate, never renewed
            issued = now.minus(5, ChronoUnit.DAYS).minus(16, ChronoUnit.HOURS);
            expires = now.plus(1, ChronoUnit.DAYS);
        } else {
            issued = now.minus(20, ChronoUnit.DAYS);
            expires = now.plus(70, ChronoUnit.DAYS);
        }
        return new Instant[]{issued, expires};
    }

    void stub(Duration responseTimeLimit, String projectUrl) {
        String bundlePath = faults.contains(Fault.FRONTEND_REDEPLOYED) ? REDEPLOYED_BUNDLE
                : faults.contains(Fault.FRONTEND_BUILD_RENAMED) ? RENAMED_BUNDLE : BUNDLE;
        String html = resource("sandbox/index.html").replace(BUNDLE, bundlePath);
        if (faults.contains(Fault.FRONTEND_BUILD_RENAMED)) {
            // Vite with base './' and entryFileNames 'assets/[name].[hash].js' (Vite's "Shared options: base" and
            // "build.rollupOptions" docs), its tag in another attribute order and quoting: the same app, built otherwise
            html = replaceRequired(html, "<script type=\"module\" crossorigin src=\"" + bundlePath + "\"></script>",
                    "<script src='." + bundlePath + "' type=module crossorigin></script>");
        }
        html = retitled(html);
        frontend.stubFor(any(anyUrl()).atPriority(10).willReturn(page(html, projectUrl, responseTimeLimit)));
        if (faults.contains(Fault.FRONTEND_UNAVAILABLE)) {
            frontend.stubFor(any(anyUrl()).atPriority(0).willReturn(Answers.serve(Contract.load("ext/netlify/site-unavailable"))));
        }
        if (faults.contains(Fault.FRONTEND_FLAKY)) {
            // one dropped connection, then business as usual: what a retry exists for
            frontend.stubFor(get(anyUrl()).atPriority(0).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
                    .willSetStateTo("recovered"));
        }
        if (!faults.contains(Fault.FRONTEND_BLANK_PAGE)) {
            // a deploy preview built without its context's VITE_* variables: none of them reached the build
            boolean preview = faults.contains(Fault.DEPLOY_PREVIEW_WHITE_PAGE);
            String bundle = resource("sandbox/assets/index.js")
                    .replace("__VITE_SUPABASE_URL__", faults.contains(Fault.FRONTEND_MISSING_CONFIG) || preview ? "" : projectUrl)
                    .replace("__VITE_SUPABASE_PUBLISHABLE_KEY__", preview ? "" : PUBLISHABLE_KEY);
            if (faults.contains(Fault.APP_AS_RELEASED)) {
                bundle = replaceRequired(bundle, "/*__FAULT_RELEASED__*/false", "true");
            }
            if (faults.contains(Fault.FRONTEND_SIGNS_IN_TO_DASHBOARD)) {
                bundle = replaceRequired(bundle, "/*__FAULT_HOME__*/\"/conversations\"", "\"/dashboard\"");
            }
            if (preview) {
                // the app's own words when its client.ts threw on a missing variable (27c2761..4c16e53, 2026-02-01/02)
                bundle = replaceRequired(bundle, BUNDLE_MISSING_URL_ERROR,
                        "Missing environment variable: VITE_SUPABASE_URL is required");
            }
            if (faults.contains(Fault.FRONTEND_RUNTIME_ERROR)) {
                bundle = bundle.replace("/*__FAULT_RUNTIME__*/[\"chat\", \"memory\", \"documents\"]", "undefined");
            }
            if (faults.contains(Fault.FRONTEND_CONSOLE_ERROR)) {
                bundle = bundle.replace("/*__FAULT_CONSOLE__*/", "console.error(\"Failed to load user settings: "
                        + "TypeError: Cannot read properties of null (reading 'preferences')\");");
            }
            if (faults.contains(Fault.FRONTEND_EMPTY_BUNDLE)) {
                bundle = "";
            } else if (faults.contains(Fault.FRONTEND_TRUNCATED_BUNDLE)) {
                bundle = bundle.substring(0, 200); // a deploy that uploaded the first bytes only
            }
            frontend.stubFor(get(urlEqualTo(bundlePath)).atPriority(1).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/javascript; charset=UTF-8")
                    .withHeader("Cache-Control", "public, max-age=31536000, immutable")
                    .withBody(bundle)));
        }
        // the rest of the build: its stylesheet and the lazily loaded chat chunk (gone in frontend-chunk-404, when the
        // SPA rewrite answers index.html in its place, as Netlify does for any missing path)
        frontend.stubFor(get(urlEqualTo("/assets/index-C9fLm3aP.css")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/css; charset=UTF-8")
                .withBody("body{font-family:system-ui,sans-serif;margin:0}.app-header{padding:16px;background:#0f172a;color:#fff}"
                        + "nav a{margin-right:12px;color:#93c5fd}main{padding:16px}textarea{width:100%}\n")));
        if (!faults.contains(Fault.FRONTEND_CHUNK_404)) {
            frontend.stubFor(get(urlEqualTo("/assets/Chat-Bq3xT9kL.js")).atPriority(1).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/javascript; charset=UTF-8")
                    .withBody(resource("sandbox/assets/chat.js").replace("/*__FAULT_ANSWER__*/",
                            // the chat never shows the answer: its spinner turns forever
                            faults.contains(Fault.JOURNEY_ANSWER_NOT_RENDERED) ? "return;" : ""))));
        }
    }

    /** The title faults, on any page: new marketing copy (frontend-retitled), another site (frontend-wrong-site). */
    private String retitled(String html) {
        if (faults.contains(Fault.FRONTEND_RETITLED)) {
            // new marketing copy after the product's name, as the app's own title edits went (eeb68e5: "Rebrand to AI
            // Query Hub with memory-focused messaging"), written over lines and with an entity
            html = replaceRequired(html, "<title>AI Query Hub - An AI Assistant That Remembers Everything</title>",
                    "<title>\n      AI Query Hub &middot; Your AI Memory for Every Conversation\n    </title>");
        }
        if (faults.contains(Fault.FRONTEND_WRONG_SITE)) {
            html = html.replace("AI Query Hub - An AI Assistant That Remembers Everything", "Welcome to nginx!");
        }
        return html;
    }

    /**
     * The page as Netlify serves it for every path (the SPA rewrite), with netlify.toml's [[headers]] of the app.
     * headers-modernised: the legacy X-Frame-Options dropped (the policy's frame-ancestors refuses framing) and the page's
     * own Cache-Control removed, so Netlify's default for pages applies ("public,max-age=0,must-revalidate", Netlify's
     * caching docs); headers-framing-allowed: both gone; headers-missing: no policy and no X-Frame-Options.
     */
    private ResponseDefinitionBuilder page(String html, String projectUrl, Duration responseTimeLimit) {
        boolean modernised = faults.contains(Fault.HEADERS_MODERNISED);
        ResponseDefinitionBuilder index = aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Cache-Control", modernised ? "public,max-age=0,must-revalidate" : "no-cache, no-store, must-revalidate")
                .withHeader("Server", "Netlify")
                .withBody(html);
        if (!faults.contains(Fault.HEADERS_MISSING)) {
            boolean framingAllowed = faults.contains(Fault.HEADERS_FRAMING_ALLOWED);
            // the policy of the app's netlify.toml ([[headers]] for "/*"), with the sandbox's project host beside
            // *.supabase.co where the app calls its project (Auth, PostgREST, ai-query)
            String project = projectUrl.replaceAll("/+$", "");
            index = index.withHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline' "
                    + "'unsafe-eval' blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: "
                    + "blob:; media-src 'self' https: blob:; connect-src 'self' https://*.supabase.co wss://*.supabase.co " + project
                    + " " + project.replaceFirst("^https", "wss") + "; frame-ancestors " + (framingAllowed ? "*" : "'none'")
                    + "; base-uri 'self'; form-action 'self';");
            if (!modernised && !framingAllowed) {
                index = index.withHeader("X-Frame-Options", "DENY");
            }
        }
        if (faults.contains(Fault.FRONTEND_SLOW)) {
            index = index.withFixedDelay((int) responseTimeLimit.plusSeconds(1).toMillis());
        }
        return index;
    }

    /**
     * A build of the real app (sandbox.frontend-build) in place of the sandbox's own page: its files at their paths, its
     * Supabase address the sandbox's, index.html for every other path. Its own service worker is replaced by one that
     * caches nothing: the browser does not trust the sandbox's private CA, so the app's worker (public/sw.js) could fetch
     * no chunk, and the app answers that by clearing its storage and reloading (ServiceWorkerManager). The faults of the
     * page, its headers and its main bundle act on it; the ones that edit the sandbox's own page's code do not.
     */
    void stubBuild(FrontendBuild build, Duration responseTimeLimit, String projectUrl) {
        Map<String, byte[]> files = build.servedAt(projectUrl);
        String html = retitled(new String(files.get("/index.html"), java.nio.charset.StandardCharsets.UTF_8));
        frontend.stubFor(any(anyUrl()).atPriority(10).willReturn(page(html, projectUrl, responseTimeLimit)));
        if (faults.contains(Fault.FRONTEND_UNAVAILABLE)) {
            frontend.stubFor(any(anyUrl()).atPriority(0).willReturn(Answers.serve(Contract.load("ext/netlify/site-unavailable"))));
        }
        String mainBundle = com.aiqueryhub.monitor.probe.FrontEnd.mainBundlePath(html).orElse("");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String path = file.getKey();
            if (path.equals("/index.html") || path.equals("/sw.js")
                    || (path.equals(mainBundle) && faults.contains(Fault.FRONTEND_BLANK_PAGE))) {
                continue;
            }
            byte[] body = file.getValue();
            if (path.equals(mainBundle) && faults.contains(Fault.FRONTEND_EMPTY_BUNDLE)) {
                body = new byte[0];
            } else if (path.equals(mainBundle) && faults.contains(Fault.FRONTEND_TRUNCATED_BUNDLE)) {
                body = java.util.Arrays.copyOf(body, 200);
            }
            frontend.stubFor(get(urlPathEqualTo(path)).atPriority(1).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", contentType(path)).withHeader("X-Content-Type-Options", "nosniff")
                    .withHeader("Cache-Control", path.startsWith("/assets/") ? "public, max-age=31536000, immutable"
                            : "public, max-age=0, must-revalidate").withBody(body)));
        }
        frontend.stubFor(get(urlPathEqualTo("/sw.js")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/javascript; charset=UTF-8")
                .withHeader("Cache-Control", "no-cache, no-store, must-revalidate")
                .withBody("// the sandbox's stand-in for the app's worker: it installs, takes over, and fetches nothing itself\n"
                        + "self.addEventListener('install', () => self.skipWaiting());\n"
                        + "self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));\n")));
    }

    private static String contentType(String path) {
        String ext = path.substring(path.lastIndexOf('.') + 1);
        return switch (ext) {
            case "js", "mjs" -> "application/javascript; charset=UTF-8";
            case "css" -> "text/css; charset=UTF-8";
            case "html" -> "text/html; charset=UTF-8";
            case "json", "webmanifest" -> "application/json";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "ico" -> "image/x-icon";
            case "woff2" -> "font/woff2";
            case "txt" -> "text/plain; charset=UTF-8";
            default -> "application/octet-stream";
        };
    }
}
