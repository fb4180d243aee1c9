package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.run.SandboxStarter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static com.aiqueryhub.monitor.sandbox.SandboxJson.array;
import static com.aiqueryhub.monitor.sandbox.SandboxJson.object;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.options;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.requestMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A simulated AI Query Hub on loopback, answering as the system contract describes: the Netlify front end
 * (HTTPS, HTTP/2), the Supabase edge functions and gateway, the Management API, the providers' status
 * pages, and a real PostgreSQL. {@code sandbox.faults} breaks it on purpose.
 */
public final class Sandbox implements SandboxStarter.Running {

    public static final String PROJECT_REF = "sandboxproject0000001";
    /** The project's region, as the Management API names it. */
    static final String PROJECT_REGION = "us-east-1";
    /** The staging project (deploy.staging-project-ref): a second ref, 20 characters like Supabase's. */
    public static final String STAGING_PROJECT_REF = "sandboxstaging000001";
    /** The Netlify site's API id (netlify.site-id). */
    public static final String NETLIFY_SITE_ID = "5b8f3c2e-9a41-4d7e-b6c0-2f1e8a7d3c94";
    /** Where the Netlify API stand-in lives on the platform server: {@code netlify.api-url} is this under its base. */
    private static final String NETLIFY_PREFIX = "/netlify";
    /** Netlify's timestamps: UTC with milliseconds ("2026-10-01T09:42:37.904Z"). */
    private static final DateTimeFormatter NETLIFY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** What the bundle throws without VITE_SUPABASE_URL (sandbox/assets/index.js, requireConfig). */
    private static final String BUNDLE_MISSING_URL_ERROR = "supabaseUrl is required: VITE_SUPABASE_URL was not set at build time";
    /** The main bundle a Vite build names by its content hash; a new deploy serves a new name (fault frontend-redeployed). */
    private static final String BUNDLE = "/assets/index-Dq7sBx2k.js";
    private static final String REDEPLOYED_BUNDLE = "/assets/index-B4r9XkQz.js";
    private static final String RENAMED_BUNDLE = "/assets/main.B4r9XkQz.js";
    /** The providers' status pages the suite reads, each at /statuspage/NAME on the platform server. */
    private static final Map<String, Setting<URI>> STATUS_PAGES = statusPages();
    /** Numbers each sandbox of this JVM: its directory and its certificates' files are its own. */
    private static final AtomicLong NEXT = new AtomicLong();
    /** Start-up work done side by side (certificates, PostgreSQL), on threads of its own, not the common pool. */
    private static final ExecutorService STARTING = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sandbox-start");
        t.setDaemon(true);
        return t;
    });
    /** The JVM's sandbox folder (its CA and the shared clusters' pg_hba.conf); each sandbox works in a subfolder. */
    private static Path sharedDir;
    /** One throw-away CA per JVM, trusted by every sandbox's settings; guarded by the class's lock. */
    private static SandboxPki pki;

    private final Set<Fault> faults;
    private final Path dir;
    private WireMockServer frontend;
    private WireMockServer project;
    private WireMockServer platform;
    private final DeadEnds deadEnds = new DeadEnds();
    private SandboxDatabase database;
    private final Map<String, String> provided = new LinkedHashMap<>();
    /** The gateway's refusals as it words them today (sandbox.gateway-refusal serves one recorded variant for both). */
    private final Contract gatewayInvalidJwt;
    private final Contract gatewayMissingHeader;

    private Sandbox(Settings settings) {
        this.faults = Fault.parse(settings.find(Keys.SANDBOX_FAULTS).orElse(List.of()));
        Optional<String> variant = settings.find(Keys.SANDBOX_GATEWAY_REFUSAL);
        gatewayInvalidJwt = Contract.load(variant.orElse("ext/gateway/unauthorized-invalid-jwt-format"));
        gatewayMissingHeader = Contract.load(variant.orElse("ext/gateway/unauthorized-no-auth-header"));
        Path shared = sharedDir();
        long id = NEXT.incrementAndGet();
        dir = createDirectory(shared.resolve("sandbox-" + id));
        // PostgreSQL takes the longest: start it while the HTTP side comes up
        String dbUser = settings.get(Keys.DB_USER);
        String dbPassword = settings.find(Keys.DB_PASSWORD).orElseGet(Sandbox::randomSecret);
        int major = postgresMajor(settings);
        CompletableFuture<SandboxDatabase> startingDatabase = CompletableFuture.supplyAsync(
                () -> SandboxDatabase.create(shared, dir, major, dbUser, dbPassword, faults), STARTING);
        try {
            start(settings, startingDatabase, dbPassword, major);
        } catch (RuntimeException | Error e) {
            // a sandbox that did not start leaves nothing running: its servers, database and role go
            startingDatabase.whenComplete((db, failure) -> {
                if (db != null) {
                    db.close();
                }
            });
            close();
            throw e;
        }
    }

    private void start(Settings settings, CompletableFuture<SandboxDatabase> startingDatabase, String dbPassword, int major) {
        String accessToken = settings.find(Keys.SUPABASE_ACCESS_TOKEN).orElseGet(Sandbox::randomSecret);
        String anonKey = settings.find(Keys.SUPABASE_ANON_KEY).orElseGet(Sandbox::randomJwt);
        String telegramSecret = settings.find(Keys.TELEGRAM_SECRET_TOKEN).orElseGet(Sandbox::randomSecret);
        String slackSecret = settings.find(Keys.SLACK_SIGNING_SECRET).orElseGet(Sandbox::randomSecret);
        String serviceRoleKey = settings.find(Keys.SUPABASE_SERVICE_ROLE_KEY).orElseGet(Sandbox::randomJwt);
        String testUserToken = settings.find(Keys.PROBE_AI_QUERY_USER_TOKEN).orElseGet(Sandbox::randomJwt);
        String netlifyToken = settings.find(Keys.NETLIFY_AUTH_TOKEN).orElseGet(Sandbox::randomSecret);

        Instant now = Instant.now();
        // Netlify serves Let's Encrypt certificates: 90 days, renewed with a third left (faults: other lifetimes and ages)
        Instant[] frontendValidity = frontendCertificate(now);
        String projectHost = faults.contains(Fault.CERT_WRONG_HOST) ? "wrong-host.example" : "localhost";
        double busy = faults.contains(Fault.CPU_HIGH) ? 0.92 : 0.25;
        // certificates are made while WireMock's classes load: both take a while
        Path frontendKeystore = dir.resolve("frontend.jks");
        Path projectKeystore = dir.resolve("project.jks");
        CompletableFuture<SandboxPki> certificates = CompletableFuture.supplyAsync(() -> {
            SandboxPki ca = pki();
            ca.serverKeystore(frontendKeystore, "localhost", frontendValidity[0], frontendValidity[1]);
            ca.serverKeystore(projectKeystore, projectHost, now.minus(1, ChronoUnit.DAYS), now.plus(300, ChronoUnit.DAYS));
            return ca;
        }, STARTING);
        // the plain-HTTP server needs no certificate: making it loads WireMock while the certificates are made
        platform = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").dynamicPort()
                .extensions(new ServiceHealth(faults.contains(Fault.SERVICE_UNHEALTHY), faults.contains(Fault.API_FIELDS_ADDED)))
                .notifier(new ConsoleNotifier(false)).disableRequestJournal().containerThreads(24));
        SandboxPki ca = certificates.join();
        frontend = new WireMockServer(https(frontendKeystore).http2TlsDisabled(faults.contains(Fault.HTTP1_ONLY)));
        project = new WireMockServer(https(projectKeystore).extensions(new CpuCounters(busy,
                faults.contains(Fault.MEMORY_HIGH) ? 0.9 : 0.45,
                faults.contains(Fault.METRICS_FROZEN) ? null : settings.get(Keys.SANDBOX_METRICS_REFRESH),
                faults.contains(Fault.API_FIELDS_ADDED), faults.contains(Fault.DB_RESTARTED))));
        frontend.start();
        project.start();
        platform.start();

        String frontendUrl = "https://localhost:" + frontend.httpsPort();
        if (faults.contains(Fault.FRONTEND_DOWN)) {
            frontendUrl = "https://localhost:" + deadEnds.closedPort();
        } else if (faults.contains(Fault.FRONTEND_NAME_UNRESOLVED)) {
            // RFC 6761: .invalid never resolves, on any resolver
            frontendUrl = "https://www.aiqueryhub.invalid";
        } else if (faults.contains(Fault.HANG) || faults.contains(Fault.HANG_ALL)) {
            frontendUrl = "https://localhost:" + deadEnds.blackHolePort();
        }
        String projectUrl = "https://localhost:" + project.httpsPort();
        String api = "http://127.0.0.1:" + platform.port();
        if (faults.contains(Fault.HANG_ALL)) {
            projectUrl = "https://localhost:" + deadEnds.blackHolePort();
            api = "http://127.0.0.1:" + deadEnds.blackHolePort();
        }

        Duration slowFunctions = faults.contains(Fault.SLOW_FUNCTIONS)
                ? settings.get(Keys.THRESHOLD_P95).plusSeconds(1) : Duration.ZERO;
        stubFrontend(settings.get(Keys.THRESHOLD_FRONTEND_RESPONSE_TIME), projectUrl);
        stubAiQuery(frontendUrl, anonKey, testUserToken, slowFunctions);
        stubTelegram(telegramSecret, slowFunctions);
        stubSlack(faults.contains(Fault.SLACK_SECRET_ROTATED) ? randomSecret() : slackSecret, slowFunctions);
        stubProjectServices(serviceRoleKey);
        stubManagementApi(faults.contains(Fault.TOKEN_REJECTED) ? randomSecret() : accessToken,
                settings.get(Keys.THRESHOLD_OVERNIGHT_ERRORS), major);
        stubStatusPages();
        String openRouterKey = settings.find(Keys.COST_OPENROUTER_API_KEY).orElseGet(Sandbox::randomSecret);
        String anthropicKey = settings.find(Keys.COST_ANTHROPIC_ADMIN_KEY).orElseGet(Sandbox::randomSecret);
        String openAiKey = settings.find(Keys.COST_OPENAI_ADMIN_KEY).orElseGet(Sandbox::randomSecret);
        stubBilling(openRouterKey, anthropicKey, openAiKey);
        stubNetlify(netlifyToken, frontendUrl);
        Path migrations = writeMigrations();

        database = startingDatabase.join();
        int dbPort = faults.contains(Fault.DB_DOWN) ? deadEnds.closedPort() : database.port();

        provide(Keys.FRONTEND_URL, frontendUrl);
        provide(Keys.SUPABASE_URL, projectUrl);
        provide(Keys.SUPABASE_MANAGEMENT_URL, api);
        provide(Keys.SUPABASE_PROJECT_REF, PROJECT_REF);
        provide(Keys.SUPABASE_ACCESS_TOKEN, accessToken);
        provide(Keys.SUPABASE_ANON_KEY, anonKey);
        provide(Keys.TELEGRAM_SECRET_TOKEN, telegramSecret);
        provide(Keys.SLACK_SIGNING_SECRET, slackSecret);
        provide(Keys.SUPABASE_SERVICE_ROLE_KEY, serviceRoleKey);
        provide(Keys.COST_OPENROUTER_URL, api + "/openrouter/api/v1");
        provide(Keys.COST_ANTHROPIC_URL, api + "/anthropic");
        provide(Keys.COST_OPENAI_URL, api + "/openai");
        provide(Keys.COST_OPENROUTER_API_KEY, openRouterKey);
        provide(Keys.COST_ANTHROPIC_ADMIN_KEY, anthropicKey);
        provide(Keys.COST_OPENAI_ADMIN_KEY, openAiKey);
        provide(Keys.PROBE_AI_QUERY_USER_TOKEN, testUserToken);
        // the keys were "rotated" three weeks ago, so the rotation check has a date to judge
        provide(Keys.SECRETS_ROTATED_ON, LocalDate.now(ZoneOffset.UTC).minusDays(21).toString());
        provide(Keys.DB_URL, "jdbc:postgresql://127.0.0.1:" + dbPort + "/" + database.name());
        if (!database.role().equals(settings.get(Keys.DB_USER))) {
            // another sandbox running beside this one holds db.user's role in the shared cluster
            provide(Keys.DB_USER, database.role());
        }
        provide(Keys.DB_PASSWORD, faults.contains(Fault.DB_LOGIN_REJECTED) ? randomSecret() : dbPassword);
        provide(Keys.TLS_TRUSTSTORE, ca.caPem().toString());
        for (Map.Entry<String, Setting<URI>> page : STATUS_PAGES.entrySet()) {
            provide(page.getValue(), api + "/statuspage/" + page.getKey());
        }
        provide(Keys.NETLIFY_API_URL, api + NETLIFY_PREFIX);
        provide(Keys.NETLIFY_SITE_ID, NETLIFY_SITE_ID);
        provide(Keys.NETLIFY_AUTH_TOKEN, netlifyToken);
        provide(Keys.DEPLOY_STAGING_PROJECT_REF, STAGING_PROJECT_REF);
        provide(Keys.DEPLOY_MIGRATIONS_DIR, migrations.toString());
    }

    private void provide(Setting<?> setting, String value) {
        provided.put(setting.key(), value);
    }

    private static Map<String, Setting<URI>> statusPages() {
        Map<String, Setting<URI>> pages = new LinkedHashMap<>();
        pages.put("supabase", Keys.STATUSPAGE_SUPABASE_URL);
        pages.put("anthropic", Keys.STATUSPAGE_ANTHROPIC_URL);
        pages.put("netlify", Keys.STATUSPAGE_NETLIFY_URL);
        pages.put("openrouter", Keys.STATUSPAGE_OPENROUTER_URL);
        return Collections.unmodifiableMap(pages);
    }

    /** The PostgreSQL major of {@code sandbox.postgres-version}: Supabase runs projects on 15 and 17. */
    static int postgresMajor(Settings settings) {
        Setting<String> setting = Keys.SANDBOX_POSTGRES_VERSION;
        String version = settings.get(setting);
        return SandboxDatabase.MAJORS.stream().filter(m -> version.equals(Integer.toString(m))).findFirst()
                .orElseThrow(() -> new SettingsException("invalid setting " + setting.key() + "='" + version + "': expected one of "
                        + SandboxDatabase.MAJORS + " (set " + setting.envVar() + " or -D" + setting.key() + ")"));
    }

    /** The front end certificate's notBefore and notAfter, as its fault says. */
    private Instant[] frontendCertificate(Instant now) {
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

    /**
     * Starts the sandbox with the faults named in {@code sandbox.faults}. Several may run at once in one JVM: each has
     * its own servers, ports, folder, database and monitoring login (the PostgreSQL cluster and the CA are shared).
     */
    public static Sandbox start(Settings settings) {
        return new Sandbox(settings);
    }

    /** The settings that point the checks at this sandbox (they win over every other source). */
    @Override
    public Map<String, String> settings() {
        return Map.copyOf(provided);
    }

    public Set<Fault> faults() {
        return faults;
    }

    /** Stops what this sandbox started (also what a failed start had started); its database is left to the next run. */
    @Override
    public synchronized void close() {
        deadEnds.close();
        if (database != null) {
            database.close();
            database = null;
        }
        for (WireMockServer server : new WireMockServer[]{frontend, project, platform}) {
            if (server != null && server.isRunning()) {
                server.stop();
            }
        }
        deleteQuietly(dir);
    }

    // ---- Netlify: every path is rewritten to index.html; the bundle is a real file ----

    private void stubFrontend(Duration responseTimeLimit, String projectUrl) {
        String bundlePath = faults.contains(Fault.FRONTEND_REDEPLOYED) ? REDEPLOYED_BUNDLE
                : faults.contains(Fault.FRONTEND_BUILD_RENAMED) ? RENAMED_BUNDLE : BUNDLE;
        String html = resource("sandbox/index.html").replace(BUNDLE, bundlePath);
        if (faults.contains(Fault.FRONTEND_BUILD_RENAMED)) {
            // Vite with base './' and entryFileNames 'assets/[name].[hash].js' (Vite's "Shared options: base" and
            // "build.rollupOptions" docs), its tag in another attribute order and quoting: the same app, built otherwise
            html = replaceRequired(html, "<script type=\"module\" crossorigin src=\"" + bundlePath + "\"></script>",
                    "<script src='." + bundlePath + "' type=module crossorigin></script>");
        }
        if (faults.contains(Fault.FRONTEND_RETITLED)) {
            // new marketing copy after the product's name, as the app's own title edits went (eeb68e5: "Rebrand to AI
            // Query Hub with memory-focused messaging"), written over lines and with an entity
            html = replaceRequired(html, "<title>AI Query Hub - An AI Assistant That Remembers Everything</title>",
                    "<title>\n      AI Query Hub &middot; Your AI Memory for Every Conversation\n    </title>");
        }
        if (faults.contains(Fault.FRONTEND_WRONG_SITE)) {
            html = html.replace("AI Query Hub - An AI Assistant That Remembers Everything", "Welcome to nginx!");
        }
        // netlify.toml's [[headers]] of the app; headers-modernised: the legacy X-Frame-Options dropped (the policy's
        // frame-ancestors refuses framing) and the page's own Cache-Control removed, so Netlify's default for pages
        // applies ("public,max-age=0,must-revalidate", Netlify's caching docs); headers-framing-allowed: both gone
        boolean modernised = faults.contains(Fault.HEADERS_MODERNISED);
        ResponseDefinitionBuilder index = aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Cache-Control", modernised ? "public,max-age=0,must-revalidate" : "no-cache, no-store, must-revalidate")
                .withHeader("Server", "Netlify")
                .withBody(html);
        if (!faults.contains(Fault.HEADERS_MISSING)) {
            boolean framingAllowed = faults.contains(Fault.HEADERS_FRAMING_ALLOWED);
            index = index.withHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; connect-src 'self' "
                    + "https://*.supabase.co wss://*.supabase.co; frame-ancestors " + (framingAllowed ? "*" : "'none'"));
            if (!modernised && !framingAllowed) {
                index = index.withHeader("X-Frame-Options", "DENY");
            }
        }
        if (faults.contains(Fault.FRONTEND_SLOW)) {
            index = index.withFixedDelay((int) responseTimeLimit.plusSeconds(1).toMillis());
        }
        frontend.stubFor(any(anyUrl()).atPriority(10).willReturn(index));
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
                    .replace("__VITE_SUPABASE_PUBLISHABLE_KEY__", preview ? "" : "sb_publishable_sandbox");
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
                    .withBody(resource("sandbox/assets/chat.js"))));
        }
    }

    // ---- Supabase gateway and ai-query ----

    // Each answer below is a recorded one (contracts/app/... on the classpath: the app's source lines it comes from).

    private void stubAiQuery(String frontendOrigin, String anonKey, String testUserToken, Duration delay) {
        String path = "/functions/v1/ai-query";
        String origin = frontendOrigin.replaceAll("/+$", "");
        project.stubFor(options(urlPathEqualTo(path)).atPriority(2).willReturn(serve(Contract.load("app/ai-query/cors-preflight-denied"))));
        if (!faults.contains(Fault.CORS_BROKEN)) {
            project.stubFor(options(urlPathEqualTo(path)).atPriority(1).withHeader("Origin", equalTo(origin))
                    .willReturn(serve(Contract.load("app/ai-query/cors-preflight-allowed").withHeader("Access-Control-Allow-Origin", origin))));
        }
        // the opt-in probe's test user asks a real question
        Contract answer = faults.contains(Fault.AI_FALLBACK) ? Contract.load("app/ai-query/fallback-apology")
                : Contract.load("app/ai-query/fallback-apology").withJson(body -> ((ObjectNode) body).put("response", "pong"));
        boolean ownAuth = faults.contains(Fault.FUNCTIONS_OWN_AUTH);
        if (faults.contains(Fault.AUTH_OPEN)) {
            // gateway verification off: the function runs, finds no user and fails; a function that verifies tokens
            // itself and whose check is broken answers the call as if a user asked
            project.stubFor(any(urlPathEqualTo(path)).atPriority(3).willReturn(serve(ownAuth ? answer
                    : Contract.load("app/ai-query/user-not-authenticated"))));
            return;
        }
        // verify_jwt on: the gateway refuses; off (functions-own-auth): ai-query's own check refuses, in its own words
        Contract ownRefusal = Contract.load("app/ai-query/own-auth-unauthorized");
        Contract missing = ownAuth ? ownRefusal : gatewayMissingHeader;
        Contract invalid = ownAuth ? ownRefusal : gatewayInvalidJwt;
        project.stubFor(any(urlPathEqualTo(path)).atPriority(5).withHeader("Authorization", absent())
                .willReturn(serve(missing).withFixedDelay(millis(delay))));
        project.stubFor(any(urlPathEqualTo(path)).atPriority(4).withHeader("Authorization", matching(".*"))
                .willReturn(serve(invalid).withFixedDelay(millis(delay))));
        project.stubFor(post(urlPathEqualTo(path)).atPriority(2).withHeader("Authorization", equalTo("Bearer " + testUserToken))
                .willReturn(serve(answer)));
        // a valid JWT passes the gateway; ai-query answers a GET with a bare 500
        project.stubFor(get(urlPathEqualTo(path)).atPriority(3).withHeader("Authorization", equalTo("Bearer " + anonKey))
                .willReturn(aResponse().withStatus(500)));
    }

    private void stubTelegram(String secret, Duration delay) {
        String path = "/functions/v1/telegram-webhook";
        if (faults.contains(Fault.TELEGRAM_JWT_ON)) {
            // deployed without --no-verify-jwt: the gateway wants a JWT Telegram never sends
            project.stubFor(any(urlPathEqualTo(path)).willReturn(serve(gatewayMissingHeader)));
            return;
        }
        // bots-reworded: the same meanings in other words (ext/telegram/*: any 2xx delivers, 403 refuses)
        boolean reworded = faults.contains(Fault.BOTS_REWORDED);
        String accepted = reworded ? "ext/telegram/accepted-json" : "app/telegram-webhook/ok";
        project.stubFor(any(urlPathEqualTo(path)).atPriority(9).willReturn(serve(Contract.load("app/telegram-webhook/method-not-allowed"))));
        project.stubFor(post(urlPathEqualTo(path)).atPriority(5).willReturn(serve(Contract.load(faults.contains(Fault.TELEGRAM_SECRET_OFF)
                ? accepted : reworded ? "ext/telegram/refused-403" : "app/telegram-webhook/unauthorized"))));
        project.stubFor(post(urlPathEqualTo(path)).atPriority(4)
                .withHeader("X-Telegram-Bot-Api-Secret-Token", equalTo(secret))
                .willReturn(serve(Contract.load(accepted)).withFixedDelay(millis(delay))));
        // the runbook's own payload: a message without a chat makes the function throw
        project.stubFor(post(urlPathEqualTo(path)).atPriority(3)
                .withHeader("X-Telegram-Bot-Api-Secret-Token", equalTo(secret))
                .withRequestBody(containing("\"message\"")).withRequestBody(notContaining("\"chat\""))
                .willReturn(serve(Contract.load("app/telegram-webhook/internal-error"))));
    }

    private void stubSlack(String signingSecret, Duration delay) {
        String path = "/functions/v1/slack-webhook";
        // bots-reworded: the challenge echoed as text, a refusal as 403 (ext/slack/*)
        boolean reworded = faults.contains(Fault.BOTS_REWORDED);
        Contract challenge = Contract.load(reworded ? "ext/slack/challenge-plain" : "app/slack-webhook/challenge")
                .with("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "{{jsonPath request.body '$.challenge'}}");
        project.stubFor(any(urlPathEqualTo(path)).atPriority(9).willReturn(serve(Contract.load("app/slack-webhook/method-not-allowed"))));
        project.stubFor(post(urlPathEqualTo(path)).atPriority(5).willReturn(serve(Contract.load(reworded
                ? "ext/slack/refused-403" : "app/slack-webhook/invalid-signature"))));
        if (faults.contains(Fault.SLACK_UNSIGNED_ACCEPTED)) {
            project.stubFor(post(urlPathEqualTo(path)).atPriority(4).withRequestBody(containing("url_verification"))
                    .willReturn(serve(challenge).withTransformers("response-template")));
        }
        project.stubFor(requestMatching(new SlackSignature(signingSecret, !faults.contains(Fault.SLACK_REPLAY_ACCEPTED))).atPriority(3)
                .willReturn(serve(challenge).withTransformers("response-template").withFixedDelay(millis(delay))));
    }

    /** GoTrue's health and the database host's Prometheus metrics (basic auth with the service role key). */
    private void stubProjectServices(String serviceRoleKey) {
        project.stubFor(get(urlMatching("/auth/v1/health.*")).willReturn(serve(Contract.load("ext/auth/health"))));
        project.stubFor(get(urlPathEqualTo("/customer/v1/privileged/metrics")).atPriority(5)
                // a wrong key: only the status matters to the suite (the Metrics API documents no body)
                .willReturn(text(401, "Unauthorized")));
        project.stubFor(get(urlPathEqualTo("/customer/v1/privileged/metrics")).atPriority(1)
                .withBasicAuth("service_role", serviceRoleKey)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain; version=0.0.4")
                        .withTransformers(CpuCounters.NAME)));
    }

    // ---- Supabase Management API (shapes: contracts/ext/management-api/*.http, from its OpenAPI spec) ----

    private void stubManagementApi(String token, int errorLimit, int postgresMajor) {
        String base = "/v1/projects/" + PROJECT_REF;
        // APIs grow: fields the suite does not read must not change a verdict (fault api-fields-added)
        boolean grown = faults.contains(Fault.API_FIELDS_ADDED);
        platform.stubFor(any(urlPathMatching("/v1/.*")).atPriority(9).willReturn(serve(Contract.load("ext/management-api/unauthorized"))));
        // the limit is per user, across all of that user's tokens: another runner can spend it for us
        if (faults.contains(Fault.RATE_LIMITED)) {
            platform.stubFor(any(urlPathMatching("/v1/.*")).atPriority(1).willReturn(serve(Contract.load("ext/management-api/rate-limited"))));
        } else if (faults.contains(Fault.RATE_LIMITED_ONCE)) {
            platform.stubFor(any(urlPathMatching("/v1/.*")).atPriority(1).andMatching(new FirstCallPerEndpoint())
                    .willReturn(serve(Contract.load("ext/management-api/rate-limited"))));
        }
        String status = faults.contains(Fault.PROJECT_UNHEALTHY) ? "ACTIVE_UNHEALTHY"
                : faults.contains(Fault.PROJECT_RESIZING) ? "RESIZING" : "ACTIVE_HEALTHY";
        platform.stubFor(authorized(get(urlPathEqualTo(base)), token).willReturn(json(200, project(status, postgresMajor, grown))));
        // one entry per service asked for (ServiceHealth: shape of contracts/ext/management-api/health.http)
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/health")), token).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withTransformers(ServiceHealth.NAME)));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/database/backups")), token).willReturn(json(200, backups(faults))));
        platform.stubFor(authorized(get(urlPathEqualTo("/v1/organizations/sandbox-org/entitlements")), token)
                .willReturn(serve(entitlements(faults))));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/config/disk/util")), token).willReturn(serve(diskUtilization(faults))));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/config/disk/autoscale")), token).willReturn(serve(diskAutoscale(faults))));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/functions")), token).willReturn(json(200, functions())));
        // the deploy gate: applied migrations here and in staging, and the functions' secrets (names and digests)
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/database/migrations")), token)
                .willReturn(serve(migrations(false))));
        platform.stubFor(authorized(get(urlPathEqualTo("/v1/projects/" + STAGING_PROJECT_REF + "/database/migrations")), token)
                .willReturn(serve(migrations(!faults.contains(Fault.DEPLOY_MIGRATION_MISSING)))));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/secrets")), token).willReturn(serve(secrets())));
        // a call without its parameters (never made by the suite): status per the spec, body not documented
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/analytics/endpoints/logs.all")), token).atPriority(8)
                .willReturn(json(400, object("error", "sql, iso_timestamp_start and iso_timestamp_end are required"))));
        String logs = base + "/analytics/endpoints/logs.all";
        platform.stubFor(logsQuery(token, logs, "(?is).*select.*", 5).willReturn(json(200, topErrors(errorLimit))));
        // the error totals (logs.error-count-query)
        platform.stubFor(logsQuery(token, logs, "(?is).*as total.*", 3).willReturn(json(200,
                logsAnswer(object("total", errorTotal(errorLimit))))));
        // the weekly error-rate query (it reads function_edge_logs' status codes), one day per call
        // (traffic-grown: forty times the calls, at the same small share of 5xx)
        boolean busier = faults.contains(Fault.TRAFFIC_GROWN);
        platform.stubFor(logsQuery(token, logs, "(?is).*status_code.*", 2).willReturn(json(200,
                logsAnswer(object("total", busier ? 50_000 : 1250, "errors", faults.contains(Fault.ERROR_RATE) ? 100 : busier ? 240 : 6)))));
        // PostgreSQL's refusals of writes that break a row-level security policy (logs.rls-violation-query)
        platform.stubFor(logsQuery(token, logs, "(?is).*row-level security.*", 1).willReturn(json(200,
                logsAnswer(object("total", faults.contains(Fault.RLS_VIOLATIONS) ? 2 : 0)))));
        if (faults.contains(Fault.LOGS_QUERY_REFUSED)) {
            platform.stubFor(logsQuery(token, logs, "(?is).*function_logs.*", 1).willReturn(json(200, logsTableUnknown())));
        }
    }

    /**
     * The project (GET /v1/projects/{ref}), in the shape of contracts/ext/management-api/project.http (OpenAPI
     * V1ProjectWithDatabaseResponse); with api-fields-added, fields of later API releases the suite does not read.
     */
    private static ObjectNode project(String status, int postgresMajor, boolean grown) {
        // the image versions Supabase ran in 2026 (supabase/cli's postgres image pins): 15.8.1.085 and 17.6.1.132
        String version = postgresMajor == 17 ? "17.6.1.132" : "15.8.1.085";
        ObjectNode database = object("host", "db." + PROJECT_REF + ".supabase.co", "version", version,
                "postgres_engine", Integer.toString(postgresMajor), "release_channel", "ga");
        if (grown) {
            database.put("disk_size_gb", 8).put("compute", "ci_small");
        }
        ObjectNode project = object("id", PROJECT_REF, "ref", PROJECT_REF, "organization_id", "sandbox-org",
                "organization_slug", "sandbox-org", "name", "ai-query-hub", "region", PROJECT_REGION,
                "created_at", "2025-06-01T10:00:00Z", "status", status, "database", database);
        if (grown) {
            project.put("is_branch_enabled", false).set("preview_branch_refs", array());
            project.put("subscription_id", "sub_sandbox");
        }
        return project;
    }

    /**
     * AI Query Hub's three edge functions (GET /v1/projects/{ref}/functions), in the shape of
     * contracts/ext/management-api/functions.http (OpenAPI FunctionResponse; created_at/updated_at in epoch ms).
     */
    private ArrayNode functions() {
        // the gateway's check is off for ai-query when it verifies tokens itself, or when someone switched it off
        boolean aiQueryGatewayCheck = !faults.contains(Fault.FUNCTIONS_OWN_AUTH) && !faults.contains(Fault.AUTH_OPEN);
        return array(
                function("f1", "ai-query", 41, aiQueryGatewayCheck),
                function("f2", "telegram-webhook", 17, false),
                function("f3", "slack-webhook", 12, false));
    }

    private static ObjectNode function(String id, String slug, int version, boolean verifyJwt) {
        return object("id", id, "slug", slug, "name", slug, "status", "ACTIVE", "version", version,
                "created_at", 1759200000000L, "updated_at", 1764000000000L, "verify_jwt", verifyJwt);
    }

    /**
     * A logs answer with these rows and no error (contracts/ext/management-api/logs.http: {result: [...], error: null});
     * with logs-quoted-numbers every number in a row written as a string, as APIs that quote 64-bit integers do
     * (contracts/ext/management-api/logs-quoted-numbers.http).
     */
    private ObjectNode logsAnswer(ObjectNode... rows) {
        if (faults.contains(Fault.LOGS_QUOTED_NUMBERS)) {
            for (ObjectNode row : rows) {
                List<String> numeric = new ArrayList<>();
                row.fields().forEachRemaining(f -> {
                    if (f.getValue().isNumber()) {
                        numeric.add(f.getKey());
                    }
                });
                numeric.forEach(name -> row.put(name, row.get(name).asText()));
            }
        }
        return object("result", array((Object[]) rows), "error", null);
    }

    /**
     * The logs backend's answer to a query naming a table it does not know: AnalyticsResponse.error as an object, in the
     * shape of contracts/ext/management-api/logs-error.http (code, errors[{domain, location, locationType, message,
     * reason}], message, status).
     */
    private static ObjectNode logsTableUnknown() {
        String message = "Table not found: function_logs";
        return object("result", array(), "error", object("code", 400,
                "errors", array(object("domain", "global", "location", "q", "locationType", "parameter", "message", message,
                        "reason", "invalidQuery")),
                "message", message, "status", "INVALID_ARGUMENT"));
    }

    private static MappingBuilder logsQuery(String token, String path, String sqlPattern, int priority) {
        return authorized(get(urlPathEqualTo(path)), token).atPriority(priority)
                .withQueryParam("sql", matching(sqlPattern))
                .withQueryParam("iso_timestamp_start", matching("\\d{4}-\\d\\d-\\d\\dT.*"))
                .withQueryParam("iso_timestamp_end", matching("\\d{4}-\\d\\d-\\d\\dT.*"));
    }

    private int errorTotal(int limit) {
        if (faults.contains(Fault.ERROR_SPIKE)) {
            // on a day forty times as busy, a spike is forty times as loud: one call in twenty logging an error
            return faults.contains(Fault.TRAFFIC_GROWN) ? 2_500 : Math.max(limit, 1) * 3 + limit + 4;
        }
        if (faults.contains(Fault.TRAFFIC_GROWN)) {
            return 150; // 0.3 % of 50,000 calls: the healthy share of a busy day, six times the quiet day's floor
        }
        return faults.contains(Fault.ERRORS_SPREAD) ? 40 : 3;
    }

    /** The top error messages of the last 24 h (logs.error-query): {event_message, count} rows, most frequent first. */
    private ObjectNode topErrors(int limit) {
        if (faults.contains(Fault.ERRORS_SPREAD)) {
            List<ObjectNode> rows = new ArrayList<>();
            for (int i = 0; i < 10; i++) { // the query's limit 10: twenty messages of two each, ten shown
                rows.add(errorRow("Error: upstream request " + (i + 1) + " failed", 2));
            }
            return logsAnswer(rows.toArray(ObjectNode[]::new));
        }
        return errorLog(limit);
    }

    private ObjectNode errorLog(int limit) {
        if (faults.contains(Fault.ERROR_SPIKE)) {
            int big = Math.max(limit, 1) * 3;
            return logsAnswer(
                    errorRow("AI provider request failed: 503 Service Unavailable", big),
                    errorRow("Error: connection pool exhausted", limit),
                    errorRow("TypeError: Cannot read properties of undefined (reading 'content')", 4));
        }
        return logsAnswer(
                errorRow("AI provider request failed: 429 Too Many Requests", 2),
                errorRow("TypeError: Cannot read properties of undefined (reading 'content')", 1));
    }

    private static ObjectNode errorRow(String message, int count) {
        return object("event_message", message, "count", count);
    }

    /**
     * Daily physical backups for the last 31 days (an Enterprise organization keeping 30), the newest 20 minutes old
     * (5 hours with deploy-backup-old), in the shape of contracts/ext/management-api/backups.http; with a PITR fault, the
     * WAL window of backups-pitr.http instead.
     */
    private static JsonNode backups(Set<Fault> faults) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (faults.contains(Fault.PITR_ENABLED) || faults.contains(Fault.PITR_STALE) || faults.contains(Fault.PITR_LAGGING)) {
            Duration latest = faults.contains(Fault.PITR_STALE) ? Duration.ofHours(30)
                    : faults.contains(Fault.PITR_LAGGING) ? Duration.ofHours(3) : Duration.ofMinutes(2);
            // the recorded window (1764115200 to 1764719880) moved to end `latest` ago
            JsonNode pitr = SandboxJson.parse(Contract.load("ext/management-api/backups-pitr").body());
            ((ObjectNode) pitr.get("physical_backup_data"))
                    .put("earliest_physical_backup_date_unix", now.minus(Duration.ofDays(7)).getEpochSecond())
                    .put("latest_physical_backup_date_unix", now.minus(latest).getEpochSecond());
            return pitr;
        }
        int skipDays = faults.contains(Fault.BACKUP_STALE) ? 3 : 0; // nothing completed since
        // today's backup ran 20 minutes ago, in time for a deploy (deploy.max-backup-age); deploy-backup-old: 5 hours ago
        Duration newest = faults.contains(Fault.DEPLOY_BACKUP_OLD) ? Duration.ofHours(5) : Duration.ofMinutes(20);
        ArrayNode list = array();
        int kept = faults.contains(Fault.BACKUP_SHORT_RETENTION) || faults.contains(Fault.PLAN_PRO) ? 7 : 31;
        for (int day = 0; day < kept; day++) {
            Instant at = now.minus(newest).minus(Duration.ofDays(day));
            String status = day < skipDays ? "PENDING" : "COMPLETED";
            if (day == 1 && faults.contains(Fault.BACKUP_FAILED)) {
                status = "FAILED";
            }
            list.add(object("id", 9000 - day, "is_physical_backup", true, "status", status, "inserted_at", at.toString()));
        }
        return object("region", "us-east-1", "walg_enabled", true, "pitr_enabled", false, "backups", list,
                "physical_backup_data", object());
    }

    /**
     * The migrations applied to a project (GET /v1/projects/{ref}/database/migrations), as recorded in
     * contracts/ext/management-api/migrations.http: all five files of deploy.migrations-dir, or without the newest (the
     * one about to be deployed: production's list, and staging's under deploy-migration-missing).
     */
    private static Contract migrations(boolean withNewest) {
        return Contract.load("ext/management-api/migrations").withJson(body -> {
            if (!withNewest) {
                ((ArrayNode) body).remove(body.size() - 1);
            }
        });
    }

    /**
     * The app checkout's supabase/migrations (deploy.migrations-dir), in this sandbox's folder: one file per recorded
     * migration, named VERSION_NAME.sql as the Supabase CLI names them, holding a comment only.
     */
    private Path writeMigrations() {
        Path folder = createDirectory(dir.resolve("app").resolve("supabase").resolve("migrations"));
        for (JsonNode migration : SandboxJson.parse(Contract.load("ext/management-api/migrations").body())) {
            String file = migration.get("version").asText() + "_" + migration.get("name").asText() + ".sql";
            try {
                Files.writeString(folder.resolve(file), "-- " + file + ": the sandbox's stand-in for the app's migration of "
                        + "this name (supabase/migrations of github:Thabonel/drive-flow-ai-know); nothing runs it\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return folder;
    }

    /**
     * Production's edge-function secrets (GET /v1/projects/{ref}/secrets) in the shape of
     * contracts/ext/management-api/secrets.http: every name deploy.required-secrets names by default and the four
     * SUPABASE_* every project has, sorted, each value the SHA-256 digest of a made-up string (the API never answers a
     * value); deploy-secret-missing: without TELEGRAM_BOT_TOKEN. Updated when the keys were "rotated" (secrets.rotated-on).
     */
    private Contract secrets() {
        Setting<List<String>> required = Keys.DEPLOY_REQUIRED_SECRETS;
        List<String> names = new ArrayList<>(required.parse(required.defaultValue()).orElseThrow());
        names.addAll(List.of("SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_DB_URL"));
        if (faults.contains(Fault.DEPLOY_SECRET_MISSING)) {
            names.remove("TELEGRAM_BOT_TOKEN");
        }
        Collections.sort(names);
        String updated = LocalDate.now(ZoneOffset.UTC).minusDays(21) + "T09:14:03Z";
        return Contract.load("ext/management-api/secrets").withJson(body -> {
            ArrayNode list = (ArrayNode) body;
            list.removeAll();
            for (String name : names) {
                list.add(object("name", name, "value", sha256Hex("made-up value of " + name + " (sandbox)"), "updated_at", updated));
            }
        });
    }

    /** The organization's entitlements (contracts/ext/management-api/entitlements.http): 30 days, or a Pro plan's 7. */
    private static Contract entitlements(Set<Fault> faults) {
        int days = faults.contains(Fault.PLAN_PRO) ? 7 : 30;
        return Contract.load("ext/management-api/entitlements").withJson(body -> {
            for (JsonNode entitlement : body.get("entitlements")) {
                if (entitlement.path("feature").path("key").asText().equals("backup.retention_days")) {
                    ((ObjectNode) entitlement.get("config")).put("value", days);
                }
            }
        });
    }

    /**
     * The disk: 8 GiB with 1.3 GB used, autoscaling up to 200 GB (contracts/ext/management-api/disk-*.http).
     * disk-autoscaled: the disk grew to 12 GiB under 9.4 GB, past the plan's included 8 GB; db-near-quota: autoscaling
     * off and 7.9 GB of an 8 GiB disk used (92 %).
     */
    private static Contract diskUtilization(Set<Fault> faults) {
        long gib = 1024L * 1024 * 1024;
        long size = faults.contains(Fault.DISK_AUTOSCALED) ? 12 * gib : 8 * gib;
        long used = faults.contains(Fault.DISK_AUTOSCALED) ? 9_400_000_000L : faults.contains(Fault.DB_NEAR_QUOTA) ? 7_900_000_000L
                : 1_329_934_592L;
        return Contract.load("ext/management-api/disk-util").withJson(body -> ((ObjectNode) body.get("metrics"))
                .put("fs_size_bytes", size).put("fs_used_bytes", used).put("fs_avail_bytes", size - used));
    }

    private static Contract diskAutoscale(Set<Fault> faults) {
        return Contract.load("ext/management-api/disk-autoscale").withJson(body -> {
            if (faults.contains(Fault.DB_NEAR_QUOTA)) {
                ((ObjectNode) body).putNull("growth_percent").putNull("min_increment_gb").putNull("max_size_gb");
            }
        });
    }

    // ---- the AI providers' billing endpoints (where AI Query Hub's spend in money really is) ----

    /**
     * Healthy: about $12 today and $300 this month across providers. over-budget: $1,500 more on OpenRouter today.
     * Shapes: contracts/ext/openrouter/key.http, ext/anthropic/cost-report.http, ext/openai/costs.http.
     */
    private void stubBilling(String openRouterKey, String anthropicKey, String openAiKey) {
        boolean over = faults.contains(Fault.OVER_BUDGET);
        boolean grown = faults.contains(Fault.API_FIELDS_ADDED);
        Contract key = Contract.load("ext/openrouter/key").withJson(body -> {
            ObjectNode data = (ObjectNode) body.get("data");
            data.put("usage_daily", over ? 1503.6 : 3.6).put("usage_monthly", over ? 1590.0 : 90.0);
            if (grown) { // fields a later release added, right after usage_monthly
                SandboxJson.insertAfter(data, "usage_monthly", "usage_hourly", 0.4);
                SandboxJson.insertAfter(data, "usage_hourly", "credits_granted", object("total", 100));
            }
        });
        platform.stubFor(get(urlPathEqualTo("/openrouter/api/v1/key")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + openRouterKey)).willReturn(serve(key)));
        // wrong keys, in each provider's documented error shape (OpenRouter "Errors", Anthropic "Errors",
        // OpenAI "Error codes"): the suite reads only the 401
        platform.stubFor(get(urlPathMatching("/openrouter/.*")).atPriority(5)
                .willReturn(json(401, object("error", object("message", "No auth credentials found", "code", 401)))));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ArrayNode anthropicDays = array();
        ArrayNode openAiDays = array();
        for (LocalDate d = today.withDayOfMonth(1); !d.isAfter(today); d = d.plusDays(1)) {
            boolean isToday = d.equals(today);
            // Anthropic: cents as a decimal string (ext/anthropic/cost-report.http); OpenAI: dollars as a number
            // (ext/openai/costs.http)
            anthropicDays.add(object("starting_at", d + "T00:00:00Z", "ending_at", d.plusDays(1) + "T00:00:00Z",
                    "results", array(object("amount", isToday ? "600.00" : "700.00", "currency", "USD",
                            "cost_type", "tokens", "model", "claude-sonnet-4-5", "service_tier", "standard"))));
            long start = d.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            openAiDays.add(object("object", "bucket", "start_time", start, "end_time", start + 86_400,
                    "results", array(object("object", "organization.costs.result",
                            "amount", object("value", isToday ? 2.4 : 3.0, "currency", "usd"),
                            "line_item", null, "project_id", null))));
        }
        platform.stubFor(get(urlPathEqualTo("/anthropic/v1/organizations/cost_report")).atPriority(1)
                .withHeader("x-api-key", equalTo(anthropicKey)).withHeader("anthropic-version", matching(".+"))
                .withQueryParam("starting_at", matching("\\d{4}-\\d\\d-01T00:00:00Z"))
                .willReturn(json(200, object("data", anthropicDays, "has_more", false, "next_page", null))));
        platform.stubFor(get(urlPathMatching("/anthropic/.*")).atPriority(5).willReturn(json(401,
                object("type", "error", "error", object("type", "authentication_error", "message", "invalid x-api-key")))));
        platform.stubFor(get(urlPathEqualTo("/openai/v1/organization/costs")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + openAiKey)).withQueryParam("start_time", matching("\\d+"))
                .willReturn(json(200, object("object", "page", "data", openAiDays, "has_more", false, "next_page", null))));
        platform.stubFor(get(urlPathMatching("/openai/.*")).atPriority(5).willReturn(json(401,
                object("error", object("message", "Incorrect API key provided", "type", "invalid_request_error",
                        "code", "invalid_api_key")))));
    }

    // ---- the Netlify API (shapes: contracts/ext/netlify/*.http, from netlify/open-api swagger.yml) ----

    /**
     * The site's production deploys and the site, under {@code /netlify/api/v1/sites/{site_id}} on the platform server,
     * for the personal access token netlify.auth-token; any other token or none: 401 in Netlify's error shape. The
     * published deploy was published four minutes ago with an id and commit new at each start (deploy-not-live: the
     * recorded, fixed ones); two earlier ready production deploys follow (none with deploy-no-rollback). Every URL a
     * check could follow stays on loopback or never resolves (.invalid): the published deploy's are the front end's.
     */
    private void stubNetlify(String token, String frontendUrl) {
        String site = NETLIFY_PREFIX + "/api/v1/sites/" + NETLIFY_SITE_ID;
        platform.stubFor(any(urlPathMatching(NETLIFY_PREFIX + "/.*")).atPriority(9)
                .willReturn(serve(Contract.load("ext/netlify/unauthorized"))));
        // a path the stand-in does not know, with the right token: definitions.error, as for every answer but 200
        platform.stubFor(any(urlPathMatching(NETLIFY_PREFIX + "/.*")).atPriority(8)
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(404, object("code", 404, "message", "Not Found"))));
        Contract deploys = Contract.load("ext/netlify/deploys").withJson(body -> deploys((ArrayNode) body, frontendUrl));
        JsonNode published = SandboxJson.parse(deploys.body()).get(0);
        Contract siteAnswer = Contract.load("ext/netlify/site").withJson(body -> {
            ObjectNode s = (ObjectNode) body;
            s.put("id", NETLIFY_SITE_ID).put("site_id", NETLIFY_SITE_ID).put("url", frontendUrl).put("ssl_url", frontendUrl)
                    .put("deploy_url", frontendUrl).put("updated_at", published.get("published_at").asText());
            s.set("published_deploy", published);
        });
        // any query: production=true, per_page=20, page, state...
        platform.stubFor(get(urlPathEqualTo(site + "/deploys")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(serve(deploys)));
        platform.stubFor(get(urlPathEqualTo(site)).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(serve(siteAnswer)));
    }

    /** The recorded deploys made this sandbox's: its site, its front end, recent dates, a new published deploy. */
    private void deploys(ArrayNode list, String frontendUrl) {
        if (faults.contains(Fault.DEPLOY_NO_ROLLBACK)) {
            while (list.size() > 1) {
                list.remove(list.size() - 1);
            }
        }
        Instant now = Instant.now();
        // published 4 minutes ago (built in about a minute and a half), the earlier ones two and six days ago
        List<Duration> ages = List.of(Duration.ofMinutes(4), Duration.ofDays(2).plusHours(3), Duration.ofDays(6).plusHours(1));
        for (int i = 0; i < list.size(); i++) {
            ObjectNode deploy = (ObjectNode) list.get(i);
            Instant published = now.minus(i < ages.size() ? ages.get(i) : Duration.ofDays(7L * i));
            Instant created = published.minusSeconds(85);
            if (i == 0 && !faults.contains(Fault.DEPLOY_NOT_LIVE)) {
                String commit = randomHex(40);
                // Netlify's ids are 24 hex characters, the first 8 the creation time (a MongoDB ObjectId)
                deploy.put("id", String.format("%08x", created.getEpochSecond()) + randomHex(16))
                        .put("build_id", String.format("%08x", created.getEpochSecond() - 2) + randomHex(16))
                        .put("commit_ref", commit)
                        .put("commit_url", deploy.get("commit_url").asText().replaceFirst("[0-9a-f]{40}$", commit));
            }
            String id = deploy.get("id").asText();
            String permalink = i == 0 ? frontendUrl : "https://" + id + "--ai-query-hub.netlify.invalid";
            deploy.put("site_id", NETLIFY_SITE_ID).put("url", frontendUrl).put("ssl_url", frontendUrl)
                    .put("deploy_url", i == 0 ? permalink : permalink.replaceFirst("^https:", "http:")).put("deploy_ssl_url", permalink)
                    .put("created_at", NETLIFY_TIME.format(created)).put("updated_at", NETLIFY_TIME.format(published))
                    .put("published_at", NETLIFY_TIME.format(published));
        }
    }

    // ---- Atlassian Statuspage ----

    /** The providers' pages, each answering a recorded shape (contracts/ext/statuspage/...). */
    private void stubStatusPages() {
        for (String page : List.of("supabase", "anthropic", "netlify", "openrouter")) {
            String base = "/statuspage/" + page;
            if (faults.contains(Fault.STATUSPAGES_DOWN)) {
                platform.stubFor(get(urlPathMatching(base + "/.*")).willReturn(text(503, "Service Unavailable")));
                continue;
            }
            // a Datadog status page answers its app shell at every path it does not know, /api/v2/* included
            Contract shell = Contract.load("ext/statuspage/not-statuspage");
            if (page.equals("openrouter")) {
                platform.stubFor(get(urlPathMatching(base + "/.*")).atPriority(9).willReturn(serve(shell)));
                platform.stubFor(get(urlPathEqualTo(base + "/config.json")).willReturn(serve(Contract.load("ext/statuspage/datadog-config"))));
                continue;
            }
            if (page.equals("netlify") && faults.contains(Fault.STATUSPAGE_NOT_STATUSPAGE)) {
                platform.stubFor(get(urlPathMatching(base + "/.*")).willReturn(serve(shell)));
                continue;
            }
            Contract summary = Contract.load("ext/statuspage/summary-none");
            if (faults.contains(Fault.API_FIELDS_ADDED)) { // the page's time zone, and a list after the page
                summary = summary.withJson(body -> {
                    ((ObjectNode) body.get("page")).put("time_zone", "Etc/UTC");
                    SandboxJson.insertAfter((ObjectNode) body, "page", "affected_regions", array());
                });
            }
            if (page.equals("supabase") && faults.contains(Fault.STATUS_INCIDENT_OTHER_REGION)) {
                summary = Contract.load("ext/statuspage/summary-incident-regional").with("{region}", "eu-central-1");
            } else if (page.equals("supabase") && faults.contains(Fault.STATUS_INCIDENT_OWN_REGION)) {
                summary = Contract.load("ext/statuspage/summary-incident-regional").with("{region}", PROJECT_REGION);
            } else if (page.equals("supabase") && faults.contains(Fault.UPSTREAM_INCIDENT)) {
                summary = Contract.load("ext/statuspage/summary-incident");
            } else if (page.equals("supabase") && faults.contains(Fault.STATUSPAGE_MAINTENANCE)) {
                summary = Contract.load("ext/statuspage/summary-maintenance");
            } else if (page.equals("supabase") && faults.contains(Fault.STATUSPAGE_MAINTENANCE_DATABASE)) {
                summary = Contract.load("ext/statuspage/summary-maintenance-components");
            } else if (page.equals("anthropic") && faults.contains(Fault.STATUSPAGE_UNKNOWN)) {
                summary = summary.withJson(body -> ((ObjectNode) body.get("status")).put("indicator", "purple"));
            }
            platform.stubFor(get(urlPathEqualTo(base + "/api/v2/summary.json")).willReturn(serve(summary)));
        }
    }

    private static WireMockConfiguration https(Path keystore) {
        return WireMockConfiguration.options()
                .bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(keystore.toString()).keystoreType(SandboxPki.KEYSTORE_TYPE)
                .keystorePassword(SandboxPki.KEYSTORE_PASSWORD).keyManagerPassword(SandboxPki.KEYSTORE_PASSWORD)
                .notifier(new ConsoleNotifier(false)).disableRequestJournal().containerThreads(24);
    }

    private static int millis(Duration d) {
        return (int) d.toMillis();
    }

    private static MappingBuilder authorized(MappingBuilder mapping, String token) {
        return mapping.atPriority(5).withHeader("Authorization", equalTo("Bearer " + token));
    }

    /** A recorded answer, as the real interface gives it. */
    static ResponseDefinitionBuilder serve(Contract contract) {
        ResponseDefinitionBuilder response = aResponse().withStatus(contract.status()).withBody(contract.body());
        contract.headers().forEach(response::withHeader);
        return response;
    }

    /** A JSON answer, written from its object (SandboxJson: compact, as the real APIs answer). */
    private static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(SandboxJson.text(body));
    }

    private static ResponseDefinitionBuilder text(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/plain;charset=UTF-8").withBody(body);
    }

    /** The JVM's sandbox folder, made at first use and removed when the JVM exits. */
    private static synchronized Path sharedDir() {
        if (sharedDir == null) {
            try {
                sharedDir = Files.createTempDirectory("aiqueryhub-sandbox-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path made = sharedDir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(made), "sandbox-cleanup"));
        }
        return sharedDir;
    }

    private static synchronized SandboxPki pki() {
        if (pki == null) {
            pki = SandboxPki.create(sharedDir());
        }
        return pki;
    }

    private static Path createDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a sandbox folder and what it holds (keystores, a pg_hba.conf); what cannot go now stays. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file: the system's cleaning takes it later
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // already gone, or the JVM is exiting
        }
    }

    private static String resource(String name) {
        try (InputStream in = Sandbox.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("sandbox resource missing: " + name, e);
        }
    }

    /** {@code text} with {@code target} replaced; the sandbox's own files changing under a fault fails loudly. */
    private static String replaceRequired(String text, String target, String replacement) {
        if (!text.contains(target)) {
            throw new IllegalStateException("sandbox resource changed: '" + target + "' not found to replace");
        }
        return text.replace(target, replacement);
    }

    private static String randomHex(int digits) {
        byte[] bytes = new byte[(digits + 1) / 2];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, digits);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "sbx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Shaped like Supabase's anon key (a JWT), so masking of JWTs is exercised too. */
    private static String randomJwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(SandboxJson.text(object("alg", "HS256", "typ", "JWT")).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(SandboxJson.text(object("role", "anon", "iss", "supabase")).getBytes(StandardCharsets.UTF_8)) + "."
                + randomSecret().substring(4);
    }
}
