package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.run.SandboxStarter;
import com.github.tomakehurst.wiremock.WireMockServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

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

    private Sandbox(Settings settings) {
        this.faults = Fault.parse(settings.find(Keys.SANDBOX_FAULTS).orElse(List.of()));
        Path shared = sharedDir();
        long id = NEXT.incrementAndGet();
        dir = Answers.createDirectory(shared.resolve("sandbox-" + id));
        // PostgreSQL takes the longest: start it while the HTTP side comes up
        String dbUser = settings.get(Keys.DB_USER);
        String dbPassword = settings.find(Keys.DB_PASSWORD).orElseGet(Answers::randomSecret);
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
        String accessToken = settings.find(Keys.SUPABASE_ACCESS_TOKEN).orElseGet(Answers::randomSecret);
        String anonKey = settings.find(Keys.SUPABASE_ANON_KEY).orElseGet(Answers::randomJwt);
        String telegramSecret = settings.find(Keys.TELEGRAM_SECRET_TOKEN).orElseGet(Answers::randomSecret);
        String slackSecret = settings.find(Keys.SLACK_SIGNING_SECRET).orElseGet(Answers::randomSecret);
        String serviceRoleKey = settings.find(Keys.SUPABASE_SERVICE_ROLE_KEY).orElseGet(Answers::randomJwt);
        // the dedicated monitoring user, signed in afresh by each run (its password rotated: journey-sign-in-refused)
        String journeyEmail = settings.find(Keys.JOURNEY_USER_EMAIL).orElse(SandboxAuth.MONITORING_USER_EMAIL);
        String journeyPassword = settings.find(Keys.JOURNEY_USER_PASSWORD).orElseGet(Answers::randomSecret);
        // a build of the real app, when one is given: the keys baked into it are the project's too
        FrontendBuild build = settings.find(Keys.SANDBOX_FRONTEND_BUILD).filter(f -> !f.isBlank()).map(FrontendBuild::load).orElse(null);
        Set<String> apiKeys = new java.util.HashSet<>(Set.of(anonKey, FrontendStandIn.PUBLISHABLE_KEY));
        if (build != null) {
            apiKeys.addAll(build.keys());
        }
        AuthStandIn auth = new AuthStandIn(faults, journeyEmail, journeyPassword, Set.copyOf(apiKeys),
                settings.get(Keys.SANDBOX_TOKEN_LIFETIME), settings.get(Keys.SANDBOX_CLOCK_OFFSET));
        PostgrestStandIn postgrest = new PostgrestStandIn(Set.copyOf(apiKeys));
        String netlifyToken = settings.find(Keys.NETLIFY_AUTH_TOKEN).orElseGet(Answers::randomSecret);

        Instant now = Instant.now();
        // Netlify serves Let's Encrypt certificates: 90 days, renewed with a third left (faults: other lifetimes and ages)
        Instant[] frontendValidity = FrontendStandIn.certificateValidity(faults, now);
        String projectHost = faults.contains(Fault.CERT_WRONG_HOST) ? "wrong-host.example" : "localhost";
        double busy = faults.contains(Fault.CPU_HIGH) ? 0.92 : 0.25;
        // certificates are made while WireMock's classes load: both take a while
        Path frontendKeystore = dir.resolve("frontend.jks");
        Path projectKeystore = dir.resolve("project.jks");
        Instant[] projectValidity = {now.minus(1, ChronoUnit.DAYS), now.plus(300, ChronoUnit.DAYS)};
        CompletableFuture<SandboxPki> certificates = CompletableFuture.supplyAsync(() -> {
            SandboxPki ca = pki();
            ca.serverKeystore(frontendKeystore, "localhost", frontendValidity[0], frontendValidity[1]);
            ca.serverKeystore(projectKeystore, projectHost, projectValidity[0], projectValidity[1]);
            return ca;
        }, STARTING);
        // the plain-HTTP server needs no certificate: making it loads WireMock while the certificates are made
        platform = Servers.platform(new ServiceHealth(faults.contains(Fault.SERVICE_UNHEALTHY), faults.contains(Fault.API_FIELDS_ADDED)));
        SandboxPki ca = certificates.join();
        frontend = Servers.frontend(frontendKeystore, SandboxPki.certificate("localhost", frontendValidity[0], frontendValidity[1]),
                faults.contains(Fault.HTTP1_ONLY));
        project = Servers.project(projectKeystore, SandboxPki.certificate(projectHost, projectValidity[0], projectValidity[1]),
                auth, postgrest, new CpuCounters(busy, faults.contains(Fault.MEMORY_HIGH) ? 0.9 : 0.45,
                faults.contains(Fault.METRICS_FROZEN) ? null : settings.get(Keys.SANDBOX_METRICS_REFRESH),
                faults.contains(Fault.API_FIELDS_ADDED), faults.contains(Fault.DB_RESTARTED)));

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
        if (faults.contains(Fault.HOSTS_DOWN)) {
            // every production address refuses this runner while the Management API and the status pages answer
            frontendUrl = "https://localhost:" + deadEnds.closedPort();
            projectUrl = "https://localhost:" + deadEnds.closedPort();
        }
        boolean offline = faults.contains(Fault.RUNNER_OFFLINE);
        if (offline) {
            // RFC 6761: .invalid never resolves; every address the run is given is such a name
            frontendUrl = "https://www.aiqueryhub.invalid";
            projectUrl = "https://sandboxproject0000001.supabase.invalid";
            api = "http://api.supabase.invalid";
        }

        Duration slowFunctions = faults.contains(Fault.SLOW_FUNCTIONS)
                ? settings.get(Keys.THRESHOLD_P95).plusSeconds(1) : Duration.ZERO;
        // each service's stand-in owns its answers and its faults
        FrontendStandIn site = new FrontendStandIn(faults, frontend);
        if (build != null) {
            site.stubBuild(build, settings.get(Keys.THRESHOLD_FRONTEND_RESPONSE_TIME), projectUrl);
        } else {
            site.stub(settings.get(Keys.THRESHOLD_FRONTEND_RESPONSE_TIME), projectUrl);
        }
        FunctionsStandIn functions = new FunctionsStandIn(faults, project, settings.find(Keys.SANDBOX_GATEWAY_REFUSAL));
        functions.stubAiQuery(frontendUrl, anonKey, auth.userToken(), slowFunctions);
        auth.stub(project);
        new StorageStandIn(faults, project).stub();
        postgrest.stub(project);
        functions.stubTelegram(telegramSecret, slowFunctions);
        functions.stubSlack(faults.contains(Fault.SLACK_SECRET_ROTATED) ? Answers.randomSecret() : slackSecret, slowFunctions);
        functions.stubProjectServices(serviceRoleKey);
        new ManagementApiStandIn(faults, platform).stub(faults.contains(Fault.TOKEN_REJECTED) ? Answers.randomSecret() : accessToken,
                settings.get(Keys.THRESHOLD_OVERNIGHT_ERRORS), major);
        new StatusPagesStandIn(faults, platform).stub();
        String openRouterKey = settings.find(Keys.COST_OPENROUTER_API_KEY).orElseGet(Answers::randomSecret);
        String anthropicKey = settings.find(Keys.COST_ANTHROPIC_ADMIN_KEY).orElseGet(Answers::randomSecret);
        String openAiKey = settings.find(Keys.COST_OPENAI_ADMIN_KEY).orElseGet(Answers::randomSecret);
        new BillingStandIn(faults, platform).stub(openRouterKey, anthropicKey, openAiKey);
        new NetlifyStandIn(faults, platform).stub(netlifyToken, frontendUrl);
        Path migrations = ManagementApiStandIn.writeMigrations(dir);

        database = startingDatabase.join();
        int dbPort = faults.contains(Fault.DB_DOWN) || faults.contains(Fault.HOSTS_DOWN) ? deadEnds.closedPort() : database.port();

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
        provide(Keys.JOURNEY_USER_EMAIL, journeyEmail);
        provide(Keys.JOURNEY_USER_PASSWORD, journeyPassword);
        // the keys were "rotated" three weeks ago, so the rotation check has a date to judge
        provide(Keys.SECRETS_ROTATED_ON, LocalDate.now(ZoneOffset.UTC).minusDays(21).toString());
        provide(Keys.DB_URL, "jdbc:postgresql://" + (offline ? "db.sandboxproject0000001.supabase.invalid" : "127.0.0.1") + ":"
                + dbPort + "/" + database.name());
        if (!database.role().equals(settings.get(Keys.DB_USER))) {
            // another sandbox running beside this one holds db.user's role in the shared cluster
            provide(Keys.DB_USER, database.role());
        }
        provide(Keys.DB_PASSWORD, faults.contains(Fault.DB_LOGIN_REJECTED) ? Answers.randomSecret() : dbPassword);
        provide(Keys.TLS_TRUSTSTORE, ca.caPem().toString());
        for (Map.Entry<String, Setting<URI>> page : StatusPagesStandIn.STATUS_PAGES.entrySet()) {
            provide(page.getValue(), api + "/statuspage/" + page.getKey());
        }
        provide(Keys.NETLIFY_API_URL, api + NetlifyStandIn.NETLIFY_PREFIX);
        provide(Keys.NETLIFY_SITE_ID, NETLIFY_SITE_ID);
        provide(Keys.NETLIFY_AUTH_TOKEN, netlifyToken);
        provide(Keys.DEPLOY_STAGING_PROJECT_REF, STAGING_PROJECT_REF);
        provide(Keys.DEPLOY_MIGRATIONS_DIR, migrations.toString());
    }

    private void provide(Setting<?> setting, String value) {
        provided.put(setting.key(), value);
    }

    /** The PostgreSQL major of {@code sandbox.postgres-version}: Supabase runs projects on 15 and 17. */
    static int postgresMajor(Settings settings) {
        Setting<String> setting = Keys.SANDBOX_POSTGRES_VERSION;
        String version = settings.get(setting);
        return SandboxDatabase.MAJORS.stream().filter(m -> version.equals(Integer.toString(m))).findFirst()
                .orElseThrow(() -> new SettingsException("invalid setting " + setting.key() + "='" + version + "': expected one of "
                        + SandboxDatabase.MAJORS + " (set " + setting.envVar() + " or -D" + setting.key() + ")"));
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

    /**
     * Stops what this sandbox started (also what a failed start had started); its database is left to the next run, and
     * its servers too where the JVM keeps them (Servers).
     */
    @Override
    public synchronized void close() {
        deadEnds.close();
        if (database != null) {
            database.close();
            database = null;
        }
        for (WireMockServer server : new WireMockServer[]{frontend, project, platform}) {
            Servers.giveBack(server);
        }
        deleteQuietly(dir);
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
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                com.aiqueryhub.monitor.process.Drain.awaitClosed(); // a warm runner's cycle still reads its CA
                deleteQuietly(made);
            }, "sandbox-cleanup"));
        }
        return sharedDir;
    }

    private static synchronized SandboxPki pki() {
        if (pki == null) {
            pki = SandboxPki.create(sharedDir());
        }
        return pki;
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

}
