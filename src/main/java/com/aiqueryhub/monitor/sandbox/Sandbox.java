package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.config.Settings;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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
public final class Sandbox implements AutoCloseable {

    public static final String PROJECT_REF = "sandboxproject0000001";
    /** The logs backend's answer to a query naming a table it does not know (contracts/ext/management-api/logs-error.http). */
    private static final String LOGS_TABLE_UNKNOWN = "{\"result\":[],\"error\":{\"code\":400,\"errors\":[{\"domain\":\"global\","
            + "\"location\":\"q\",\"locationType\":\"parameter\",\"message\":\"Table not found: function_logs\",\"reason\":"
            + "\"invalidQuery\"}],\"message\":\"Table not found: function_logs\",\"status\":\"INVALID_ARGUMENT\"}}";
    /** The main bundle a Vite build names by its content hash; a new deploy serves a new name (fault frontend-redeployed). */
    private static final String BUNDLE = "/assets/index-Dq7sBx2k.js";
    private static final String REDEPLOYED_BUNDLE = "/assets/index-B4r9XkQz.js";
    private static Path workDir;
    private static SandboxPki pki;

    private final Set<Fault> faults;
    private final WireMockServer frontend;
    private final WireMockServer project;
    private final WireMockServer platform;
    private final DeadEnds deadEnds = new DeadEnds();
    private final List<java.sql.Connection> heldConnections;
    private final Map<String, String> provided = new LinkedHashMap<>();
    /** The gateway's refusals as it words them today (sandbox.gateway-refusal serves one recorded variant for both). */
    private final Contract gatewayInvalidJwt;
    private final Contract gatewayMissingHeader;

    private Sandbox(Settings settings) {
        this.faults = Fault.parse(settings.list("sandbox.faults"));
        Optional<String> variant = settings.find("sandbox.gateway-refusal");
        gatewayInvalidJwt = Contract.load(variant.orElse("ext/gateway/unauthorized-invalid-jwt-format"));
        gatewayMissingHeader = Contract.load(variant.orElse("ext/gateway/unauthorized-no-auth-header"));
        Path dir = workDir();
        // PostgreSQL takes the longest: start it while the HTTP side comes up
        String dbUser = settings.require("db.user");
        String dbPassword = settings.find("db.password").orElseGet(Sandbox::randomSecret);
        int major = postgresMajor(settings);
        CompletableFuture<String> database = CompletableFuture.supplyAsync(
                () -> SandboxDatabase.create(dir, major, dbUser, dbPassword, faults, settings.bytes("db.quota")));

        String accessToken = settings.find("supabase.access-token").orElseGet(Sandbox::randomSecret);
        String anonKey = settings.find("supabase.anon-key").orElseGet(Sandbox::randomJwt);
        String telegramSecret = settings.find("telegram.secret-token").orElseGet(Sandbox::randomSecret);
        String slackSecret = settings.find("slack.signing-secret").orElseGet(Sandbox::randomSecret);
        String serviceRoleKey = settings.find("supabase.service-role-key").orElseGet(Sandbox::randomJwt);
        String testUserToken = settings.find("probe.ai-query.user-token").orElseGet(Sandbox::randomJwt);

        Instant now = Instant.now();
        // Netlify serves Let's Encrypt certificates: 90 days, renewed with a third left (faults: other lifetimes and ages)
        Instant[] frontendValidity = frontendCertificate(now);
        String projectHost = faults.contains(Fault.CERT_WRONG_HOST) ? "wrong-host.example" : "localhost";
        double busy = faults.contains(Fault.CPU_HIGH) ? 0.92 : 0.25;
        // certificates are made while WireMock's classes load: both take a while
        String id = Long.toString(System.nanoTime());
        CompletableFuture<SandboxPki> certificates = CompletableFuture.supplyAsync(() -> {
            SandboxPki ca = pki();
            ca.serverKeystore("frontend-" + id + ".p12", "localhost", frontendValidity[0], frontendValidity[1]);
            ca.serverKeystore("project-" + id + ".p12", projectHost, now.minus(1, ChronoUnit.DAYS), now.plus(300, ChronoUnit.DAYS));
            return ca;
        });
        // the plain-HTTP server needs no certificate: making it loads WireMock while the certificates are made
        platform = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(false)).disableRequestJournal().containerThreads(24));
        SandboxPki ca = certificates.join();
        frontend = new WireMockServer(https(dir.resolve("frontend-" + id + ".p12"))
                .http2TlsDisabled(faults.contains(Fault.HTTP1_ONLY)));
        project = new WireMockServer(https(dir.resolve("project-" + id + ".p12")).extensions(new CpuCounters(busy,
                faults.contains(Fault.MEMORY_HIGH) ? 0.9 : 0.45,
                faults.contains(Fault.METRICS_FROZEN) ? null : settings.duration("sandbox.metrics-refresh"),
                faults.contains(Fault.API_FIELDS_ADDED))));
        frontend.start();
        project.start();
        platform.start();

        String frontendUrl = "https://localhost:" + frontend.httpsPort();
        if (faults.contains(Fault.FRONTEND_DOWN)) {
            frontendUrl = "https://localhost:" + DeadEnds.closedPort();
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
                ? settings.duration("threshold.p95").plusMillis(300) : Duration.ZERO;
        stubFrontend(settings.duration("threshold.frontend.response-time"), projectUrl);
        stubAiQuery(frontendUrl, anonKey, testUserToken, slowFunctions);
        stubTelegram(telegramSecret, slowFunctions);
        stubSlack(faults.contains(Fault.SLACK_SECRET_ROTATED) ? randomSecret() : slackSecret, slowFunctions);
        stubProjectServices(serviceRoleKey);
        stubManagementApi(faults.contains(Fault.TOKEN_REJECTED) ? randomSecret() : accessToken,
                settings.integer("threshold.overnight-errors"), major);
        stubStatusPages();
        String openRouterKey = settings.find("cost.openrouter.api-key").orElseGet(Sandbox::randomSecret);
        String anthropicKey = settings.find("cost.anthropic.admin-key").orElseGet(Sandbox::randomSecret);
        String openAiKey = settings.find("cost.openai.admin-key").orElseGet(Sandbox::randomSecret);
        stubBilling(openRouterKey, anthropicKey, openAiKey);

        String dbName = database.join();
        heldConnections = faults.contains(Fault.CONNECTIONS_SATURATED)
                ? SandboxDatabase.occupyConnections(dir, major, dbName, 108) : List.of();
        int dbPort = faults.contains(Fault.DB_DOWN) ? DeadEnds.closedPort() : SandboxDatabase.port(dir, major);

        provided.put("frontend.url", frontendUrl);
        provided.put("supabase.url", projectUrl);
        provided.put("supabase.management-url", api);
        provided.put("supabase.project-ref", PROJECT_REF);
        provided.put("supabase.access-token", accessToken);
        provided.put("supabase.anon-key", anonKey);
        provided.put("telegram.secret-token", telegramSecret);
        provided.put("slack.signing-secret", slackSecret);
        provided.put("supabase.service-role-key", serviceRoleKey);
        provided.put("cost.openrouter.url", api + "/openrouter/api/v1");
        provided.put("cost.anthropic.url", api + "/anthropic");
        provided.put("cost.openai.url", api + "/openai");
        provided.put("cost.openrouter.api-key", openRouterKey);
        provided.put("cost.anthropic.admin-key", anthropicKey);
        provided.put("cost.openai.admin-key", openAiKey);
        provided.put("probe.ai-query.user-token", testUserToken);
        // the keys were "rotated" three weeks ago, so the rotation check has a date to judge
        provided.put("secrets.rotated-on", LocalDate.now(ZoneOffset.UTC).minusDays(21).toString());
        provided.put("db.url", "jdbc:postgresql://127.0.0.1:" + dbPort + "/" + dbName);
        provided.put("db.password", faults.contains(Fault.DB_LOGIN_REJECTED) ? randomSecret() : dbPassword);
        provided.put("tls.truststore", ca.caPem().toString());
        for (String page : List.of("supabase", "anthropic", "netlify", "openrouter")) {
            provided.put("statuspage." + page + ".url", api + "/statuspage/" + page);
        }
    }

    /** The PostgreSQL major of {@code sandbox.postgres-version}: Supabase runs projects on 15 and 17. */
    static int postgresMajor(Settings settings) {
        String version = settings.require("sandbox.postgres-version");
        return SandboxDatabase.MAJORS.stream().filter(m -> version.equals(Integer.toString(m))).findFirst()
                .orElseThrow(() -> new com.aiqueryhub.monitor.config.SettingsException("invalid setting sandbox.postgres-version='"
                        + version + "': expected one of " + SandboxDatabase.MAJORS + " (set SANDBOX_POSTGRES_VERSION or "
                        + "-Dsandbox.postgres-version)"));
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

    /** Starts the sandbox with the faults named in {@code sandbox.faults}. */
    public static Sandbox start(Settings settings) {
        Sandbox sandbox = new Sandbox(settings);
        return sandbox;
    }

    /** The settings that point the checks at this sandbox (they win over every other source). */
    public Map<String, String> settings() {
        return Map.copyOf(provided);
    }

    public Set<Fault> faults() {
        return faults;
    }

    @Override
    public void close() {
        deadEnds.close();
        SandboxDatabase.release(heldConnections);
        frontend.stop();
        project.stop();
        platform.stop();
    }

    // ---- Netlify: every path is rewritten to index.html; the bundle is a real file ----

    private void stubFrontend(Duration responseTimeLimit, String projectUrl) {
        String bundlePath = faults.contains(Fault.FRONTEND_REDEPLOYED) ? REDEPLOYED_BUNDLE : BUNDLE;
        String html = resource("sandbox/index.html").replace(BUNDLE, bundlePath);
        if (faults.contains(Fault.FRONTEND_WRONG_SITE)) {
            html = html.replace("AI Query Hub - An AI Assistant That Remembers Everything", "Welcome to nginx!");
        }
        ResponseDefinitionBuilder index = aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Cache-Control", "no-cache, no-store, must-revalidate")
                .withHeader("Server", "Netlify")
                .withBody(html);
        if (!faults.contains(Fault.HEADERS_MISSING)) {
            index = index.withHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; connect-src 'self' "
                            + "https://*.supabase.co wss://*.supabase.co; frame-ancestors 'none'")
                    .withHeader("X-Frame-Options", "DENY");
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
            String bundle = resource("sandbox/assets/index.js")
                    .replace("__VITE_SUPABASE_URL__", faults.contains(Fault.FRONTEND_MISSING_CONFIG) ? "" : projectUrl)
                    .replace("__VITE_SUPABASE_PUBLISHABLE_KEY__", "sb_publishable_sandbox");
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

    // Each answer below is a recorded one (src/test/resources/contracts/app/...: the app's source lines it comes from).

    private void stubAiQuery(String frontendOrigin, String anonKey, String testUserToken, Duration delay) {
        String path = "/functions/v1/ai-query";
        String origin = frontendOrigin.replaceAll("/+$", "");
        project.stubFor(options(urlPathEqualTo(path)).atPriority(2).willReturn(serve(Contract.load("app/ai-query/cors-preflight-denied"))));
        if (!faults.contains(Fault.CORS_BROKEN)) {
            project.stubFor(options(urlPathEqualTo(path)).atPriority(1).withHeader("Origin", equalTo(origin))
                    .willReturn(serve(Contract.load("app/ai-query/cors-preflight-allowed").withHeader("Access-Control-Allow-Origin", origin))));
        }
        if (faults.contains(Fault.AUTH_OPEN)) {
            // gateway verification off: the function runs, finds no user and fails
            project.stubFor(any(urlPathEqualTo(path)).atPriority(3).willReturn(serve(Contract.load("app/ai-query/user-not-authenticated"))));
            return;
        }
        project.stubFor(any(urlPathEqualTo(path)).atPriority(5).withHeader("Authorization", absent())
                .willReturn(serve(gatewayMissingHeader).withFixedDelay(millis(delay))));
        project.stubFor(any(urlPathEqualTo(path)).atPriority(4).withHeader("Authorization", matching(".*"))
                .willReturn(serve(gatewayInvalidJwt).withFixedDelay(millis(delay))));
        // the opt-in probe's test user asks a real question
        Contract answer = faults.contains(Fault.AI_FALLBACK) ? Contract.load("app/ai-query/fallback-apology")
                : Contract.load("app/ai-query/fallback-apology").with("I'm having trouble generating a response right now. "
                        + "Please try again in a moment.", "pong");
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
        project.stubFor(any(urlPathEqualTo(path)).atPriority(9).willReturn(serve(Contract.load("app/telegram-webhook/method-not-allowed"))));
        project.stubFor(post(urlPathEqualTo(path)).atPriority(5).willReturn(serve(Contract.load(faults.contains(Fault.TELEGRAM_SECRET_OFF)
                ? "app/telegram-webhook/ok" : "app/telegram-webhook/unauthorized"))));
        project.stubFor(post(urlPathEqualTo(path)).atPriority(4)
                .withHeader("X-Telegram-Bot-Api-Secret-Token", equalTo(secret))
                .willReturn(serve(Contract.load("app/telegram-webhook/ok")).withFixedDelay(millis(delay))));
        // the runbook's own payload: a message without a chat makes the function throw
        project.stubFor(post(urlPathEqualTo(path)).atPriority(3)
                .withHeader("X-Telegram-Bot-Api-Secret-Token", equalTo(secret))
                .withRequestBody(containing("\"message\"")).withRequestBody(notContaining("\"chat\""))
                .willReturn(serve(Contract.load("app/telegram-webhook/internal-error"))));
    }

    private void stubSlack(String signingSecret, Duration delay) {
        String path = "/functions/v1/slack-webhook";
        Contract challenge = Contract.load("app/slack-webhook/challenge")
                .with("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "{{jsonPath request.body '$.challenge'}}");
        project.stubFor(any(urlPathEqualTo(path)).atPriority(9).willReturn(serve(Contract.load("app/slack-webhook/method-not-allowed"))));
        project.stubFor(post(urlPathEqualTo(path)).atPriority(5).willReturn(serve(Contract.load("app/slack-webhook/invalid-signature"))));
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
        String status = faults.contains(Fault.PROJECT_UNHEALTHY) ? "ACTIVE_UNHEALTHY" : "ACTIVE_HEALTHY";
        // the image versions Supabase ran in 2026 (supabase/cli's postgres image pins): 15.8.1.085 and 17.6.1.132
        String version = postgresMajor == 17 ? "17.6.1.132" : "15.8.1.085";
        platform.stubFor(authorized(get(urlPathEqualTo(base)), token).willReturn(json(200, """
                {"id":"%s","ref":"%s","organization_id":"sandbox-org","organization_slug":"sandbox-org","name":"ai-query-hub","region":"us-east-1",
                 "created_at":"2025-06-01T10:00:00Z","status":"%s",
                 "database":{"host":"db.%s.supabase.co","version":"%s","postgres_engine":"%d","release_channel":"ga"%s}%s}
                """.formatted(PROJECT_REF, PROJECT_REF, status, PROJECT_REF, version, postgresMajor,
                grown ? ",\"disk_size_gb\":8,\"compute\":\"ci_small\"" : "",
                grown ? ",\"is_branch_enabled\":false,\"preview_branch_refs\":[],\"subscription_id\":\"sub_sandbox\"" : ""))));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/health")), token).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("[{{#each request.query.services}}{{#unless @first}},{{/unless}}"
                        + (faults.contains(Fault.SERVICE_UNHEALTHY)
                        ? "{{#eq this 'realtime'}}{\"name\":\"realtime\",\"healthy\":false,\"status\":\"UNHEALTHY\","
                        + "\"error\":\"connection to the replication slot timed out\"}{{else}}"
                        + "{\"name\":\"{{this}}\",\"healthy\":true,\"status\":\"ACTIVE_HEALTHY\"}{{/eq}}"
                        : "{\"name\":\"{{this}}\",\"healthy\":true,\"status\":\"ACTIVE_HEALTHY\"" + (grown
                        ? ",\"info\":{\"name\":\"{{this}}\",\"version\":\"v2.189.0\",\"description\":\"ok\"},\"response_time_ms\":12" : "")
                        + "}") + "{{/each}}]")
                .withTransformers("response-template")));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/database/backups")), token).willReturn(json(200, backups(faults))));
        platform.stubFor(authorized(get(urlPathEqualTo("/v1/organizations/sandbox-org/entitlements")), token)
                .willReturn(serve(entitlements(faults))));
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/functions")), token).willReturn(json(200, """
                [{"id":"f1","slug":"ai-query","name":"ai-query","status":"ACTIVE","version":41,"created_at":1759200000000,"updated_at":1764000000000,"verify_jwt":true},
                 {"id":"f2","slug":"telegram-webhook","name":"telegram-webhook","status":"ACTIVE","version":17,"created_at":1759200000000,"updated_at":1764000000000,"verify_jwt":false},
                 {"id":"f3","slug":"slack-webhook","name":"slack-webhook","status":"ACTIVE","version":12,"created_at":1759200000000,"updated_at":1764000000000,"verify_jwt":false}]
                """)));
        // a call without its parameters (never made by the suite): status per the spec, body not documented
        platform.stubFor(authorized(get(urlPathEqualTo(base + "/analytics/endpoints/logs.all")), token).atPriority(8)
                .willReturn(json(400, "{\"error\":\"sql, iso_timestamp_start and iso_timestamp_end are required\"}")));
        String logs = base + "/analytics/endpoints/logs.all";
        platform.stubFor(logsQuery(token, logs, "(?is).*select.*", 5).willReturn(json(200, topErrors(errorLimit))));
        // the error totals (logs.error-count-query)
        platform.stubFor(logsQuery(token, logs, "(?is).*as total.*", 3).willReturn(json(200,
                "{\"result\":[{\"total\":" + errorTotal(errorLimit) + "}],\"error\":null}")));
        // the weekly error-rate query (it reads function_edge_logs' status codes), one day per call
        platform.stubFor(logsQuery(token, logs, "(?is).*status_code.*", 2)
                .willReturn(json(200, faults.contains(Fault.ERROR_RATE)
                        ? "{\"result\":[{\"total\":1250,\"errors\":100}],\"error\":null}"
                        : "{\"result\":[{\"total\":1250,\"errors\":6}],\"error\":null}")));
        // PostgreSQL's refusals of writes that break a row-level security policy (logs.rls-violation-query)
        platform.stubFor(logsQuery(token, logs, "(?is).*row-level security.*", 1).willReturn(json(200,
                "{\"result\":[{\"total\":" + (faults.contains(Fault.RLS_VIOLATIONS) ? 2 : 0) + "}],\"error\":null}")));
        if (faults.contains(Fault.LOGS_QUERY_REFUSED)) {
            platform.stubFor(logsQuery(token, logs, "(?is).*function_logs.*", 1).willReturn(json(200, LOGS_TABLE_UNKNOWN)));
        }
    }

    private static MappingBuilder logsQuery(String token, String path, String sqlPattern, int priority) {
        return authorized(get(urlPathEqualTo(path)), token).atPriority(priority)
                .withQueryParam("sql", matching(sqlPattern))
                .withQueryParam("iso_timestamp_start", matching("\\d{4}-\\d\\d-\\d\\dT.*"))
                .withQueryParam("iso_timestamp_end", matching("\\d{4}-\\d\\d-\\d\\dT.*"));
    }

    private int errorTotal(int limit) {
        if (faults.contains(Fault.ERROR_SPIKE)) {
            return Math.max(limit, 1) * 3 + limit + 4;
        }
        return faults.contains(Fault.ERRORS_SPREAD) ? 40 : 3;
    }

    private String topErrors(int limit) {
        if (faults.contains(Fault.ERRORS_SPREAD)) {
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 10; i++) { // the query's limit 10: twenty messages of two each, ten shown
                rows.append(i == 0 ? "" : ",").append("{\"event_message\":\"Error: upstream request ").append(i + 1)
                        .append(" failed\",\"count\":2}");
            }
            return "{\"result\":[" + rows + "],\"error\":null}";
        }
        return errorLog(limit);
    }

    private String errorLog(int limit) {
        if (faults.contains(Fault.ERROR_SPIKE)) {
            int big = Math.max(limit, 1) * 3;
            return """
                    {"result":[
                     {"event_message":"AI provider request failed: 503 Service Unavailable","count":%d},
                     {"event_message":"Error: connection pool exhausted","count":%d},
                     {"event_message":"TypeError: Cannot read properties of undefined (reading 'content')","count":4}],"error":null}
                    """.formatted(big, limit);
        }
        return """
                {"result":[
                 {"event_message":"AI provider request failed: 429 Too Many Requests","count":2},
                 {"event_message":"TypeError: Cannot read properties of undefined (reading 'content')","count":1}],"error":null}
                """;
    }

    /**
     * Daily physical backups for the last 31 days (an Enterprise organization keeping 30), in the shape of
     * contracts/ext/management-api/backups.http; with a PITR fault, the WAL window of backups-pitr.http instead.
     */
    private static String backups(Set<Fault> faults) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (faults.contains(Fault.PITR_ENABLED) || faults.contains(Fault.PITR_STALE) || faults.contains(Fault.PITR_LAGGING)) {
            Duration latest = faults.contains(Fault.PITR_STALE) ? Duration.ofHours(30)
                    : faults.contains(Fault.PITR_LAGGING) ? Duration.ofHours(3) : Duration.ofMinutes(2);
            return Contract.load("ext/management-api/backups-pitr").body()
                    .replace("1764115200", Long.toString(now.minus(Duration.ofDays(7)).getEpochSecond()))
                    .replace("1764719880", Long.toString(now.minus(latest).getEpochSecond()));
        }
        int skipDays = faults.contains(Fault.BACKUP_STALE) ? 3 : 0; // nothing completed since
        StringBuilder list = new StringBuilder();
        int kept = faults.contains(Fault.BACKUP_SHORT_RETENTION) || faults.contains(Fault.PLAN_PRO) ? 7 : 31;
        for (int day = 0; day < kept; day++) {
            Instant at = now.minus(Duration.ofHours(6 + 24L * day));
            String status = day < skipDays ? "PENDING" : "COMPLETED";
            if (day == 1 && faults.contains(Fault.BACKUP_FAILED)) {
                status = "FAILED";
            }
            list.append(day == 0 ? "" : ",").append("{\"id\":").append(9000 - day).append(",\"is_physical_backup\":true,\"status\":\"")
                    .append(status).append("\",\"inserted_at\":\"").append(at).append("\"}");
        }
        return "{\"region\":\"us-east-1\",\"walg_enabled\":true,\"pitr_enabled\":false,\"backups\":[" + list
                + "],\"physical_backup_data\":{}}";
    }

    /** The organization's entitlements (contracts/ext/management-api/entitlements.http): 30 days, or a Pro plan's 7. */
    private static Contract entitlements(Set<Fault> faults) {
        return Contract.load("ext/management-api/entitlements").with(
                "\"key\":\"backup.retention_days\",\"type\":\"numeric\"},\"type\":\"numeric\",\"hasAccess\":true,\"config\":{\"value\":7,",
                "\"key\":\"backup.retention_days\",\"type\":\"numeric\"},\"type\":\"numeric\",\"hasAccess\":true,\"config\":{\"value\":"
                        + (faults.contains(Fault.PLAN_PRO) ? 7 : 30) + ",");
    }

    // ---- the AI providers' billing endpoints (where AI Query Hub's spend in money really is) ----

    /**
     * Healthy: about $12 today and $300 this month across providers. over-budget: $1,500 more on OpenRouter today.
     * Shapes: contracts/ext/openrouter/key.http, ext/anthropic/cost-report.http, ext/openai/costs.http.
     */
    private void stubBilling(String openRouterKey, String anthropicKey, String openAiKey) {
        boolean over = faults.contains(Fault.OVER_BUDGET);
        Contract key = Contract.load("ext/openrouter/key")
                .with("\"usage_daily\":25.5", "\"usage_daily\":" + (over ? 1503.6 : 3.6))
                .with("\"usage_monthly\":25.5", "\"usage_monthly\":" + (over ? 1590.0 : 90.0)
                        + (faults.contains(Fault.API_FIELDS_ADDED) ? ",\"usage_hourly\":0.4,\"credits_granted\":{\"total\":100}" : ""));
        platform.stubFor(get(urlPathEqualTo("/openrouter/api/v1/key")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + openRouterKey)).willReturn(serve(key)));
        // wrong keys, in each provider's documented error shape (OpenRouter "Errors", Anthropic "Errors",
        // OpenAI "Error codes"): the suite reads only the 401
        platform.stubFor(get(urlPathMatching("/openrouter/.*")).atPriority(5)
                .willReturn(json(401, "{\"error\":{\"message\":\"No auth credentials found\",\"code\":401}}")));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StringBuilder anthropicDays = new StringBuilder();
        StringBuilder openAiDays = new StringBuilder();
        for (LocalDate d = today.withDayOfMonth(1); !d.isAfter(today); d = d.plusDays(1)) {
            boolean isToday = d.equals(today);
            // Anthropic: cents as a decimal string; OpenAI: dollars as a number
            anthropicDays.append(anthropicDays.length() == 0 ? "" : ",").append("{\"starting_at\":\"").append(d)
                    .append("T00:00:00Z\",\"ending_at\":\"").append(d.plusDays(1)).append("T00:00:00Z\",\"results\":[{")
                    .append("\"amount\":\"").append(isToday ? "600.00" : "700.00").append("\",\"currency\":\"USD\",")
                    .append("\"cost_type\":\"tokens\",\"model\":\"claude-sonnet-4-5\",\"service_tier\":\"standard\"}]}");
            long start = d.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            openAiDays.append(openAiDays.length() == 0 ? "" : ",").append("{\"object\":\"bucket\",\"start_time\":").append(start)
                    .append(",\"end_time\":").append(start + 86_400).append(",\"results\":[{\"object\":")
                    .append("\"organization.costs.result\",\"amount\":{\"value\":").append(isToday ? 2.4 : 3.0)
                    .append(",\"currency\":\"usd\"},\"line_item\":null,\"project_id\":null}]}");
        }
        platform.stubFor(get(urlPathEqualTo("/anthropic/v1/organizations/cost_report")).atPriority(1)
                .withHeader("x-api-key", equalTo(anthropicKey)).withHeader("anthropic-version", matching(".+"))
                .withQueryParam("starting_at", matching("\\d{4}-\\d\\d-01T00:00:00Z"))
                .willReturn(json(200, "{\"data\":[" + anthropicDays + "],\"has_more\":false,\"next_page\":null}")));
        platform.stubFor(get(urlPathMatching("/anthropic/.*")).atPriority(5).willReturn(json(401,
                "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}")));
        platform.stubFor(get(urlPathEqualTo("/openai/v1/organization/costs")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + openAiKey)).withQueryParam("start_time", matching("\\d+"))
                .willReturn(json(200, "{\"object\":\"page\",\"data\":[" + openAiDays + "],\"has_more\":false,\"next_page\":null}")));
        platform.stubFor(get(urlPathMatching("/openai/.*")).atPriority(5).willReturn(json(401,
                "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
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
            if (faults.contains(Fault.API_FIELDS_ADDED)) {
                summary = summary.with("\"updated_at\":\"2024-03-27T17:57:01-07:00\"}",
                        "\"updated_at\":\"2024-03-27T17:57:01-07:00\",\"time_zone\":\"Etc/UTC\"},\"affected_regions\":[]");
            }
            if (page.equals("supabase") && faults.contains(Fault.UPSTREAM_INCIDENT)) {
                summary = Contract.load("ext/statuspage/summary-incident");
            } else if (page.equals("supabase") && faults.contains(Fault.STATUSPAGE_MAINTENANCE)) {
                summary = Contract.load("ext/statuspage/summary-maintenance");
            } else if (page.equals("supabase") && faults.contains(Fault.STATUSPAGE_MAINTENANCE_DATABASE)) {
                summary = Contract.load("ext/statuspage/summary-maintenance-components");
            } else if (page.equals("anthropic") && faults.contains(Fault.STATUSPAGE_UNKNOWN)) {
                summary = summary.with("\"indicator\":\"none\"", "\"indicator\":\"purple\"");
            }
            platform.stubFor(get(urlPathEqualTo(base + "/api/v2/summary.json")).willReturn(serve(summary)));
        }
    }

    private static WireMockConfiguration https(Path keystore) {
        return WireMockConfiguration.options()
                .bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(keystore.toString()).keystoreType("PKCS12")
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

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder text(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/plain;charset=UTF-8").withBody(body);
    }

    private static synchronized Path workDir() {
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("aiqueryhub-sandbox-");
                workDir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return workDir;
    }

    private static synchronized SandboxPki pki() {
        if (pki == null) {
            pki = SandboxPki.create(workDir());
        }
        return pki;
    }

    private static String resource(String name) {
        try (InputStream in = Sandbox.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("sandbox resource missing: " + name, e);
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
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("{\"role\":\"anon\",\"iss\":\"supabase\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + randomSecret().substring(4);
    }
}
