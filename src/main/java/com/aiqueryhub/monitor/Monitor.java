package com.aiqueryhub.monitor;

import com.aiqueryhub.monitor.check.MaintenanceWindows;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.probe.DatabaseProbe;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.HttpProbe;
import com.aiqueryhub.monitor.probe.ManagementApi;
import com.aiqueryhub.monitor.probe.SessionPooler;
import com.aiqueryhub.monitor.probe.TlsTrust;
import com.aiqueryhub.monitor.sandbox.Sandbox;
import com.aiqueryhub.monitor.secret.Masker;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One monitoring run's context: its settings, its probes, the sandbox when {@code env=local}, and the
 * observations checks share (one call to an endpoint serves every check that judges it).
 * Checks reach it through {@link #get()}; the self-tests install their own for each sandbox fault.
 */
public final class Monitor implements AutoCloseable {

    private static final Object LOCK = new Object();
    private static volatile Monitor installed;
    private static Monitor fromSystem;
    private static RuntimeException startFailure;

    private final Settings settings;
    private final Sandbox sandbox;
    private final Masker masker;
    private final HttpProbe http;
    private final TlsTrust tlsTrust;
    private final MaintenanceWindows maintenance;
    private final Map<String, CompletableFuture<Object>> shared = new ConcurrentHashMap<>();
    private final Map<String, String> misconfigurations = new ConcurrentHashMap<>();
    private volatile java.util.Set<String> selectedChecks = java.util.Set.of();
    private volatile long startMillis;
    private volatile long sandboxStartMillis;

    private Monitor(Settings settings, Sandbox sandbox) {
        this.settings = settings;
        this.sandbox = sandbox;
        this.masker = new Masker(settings.secretValues());
        this.maintenance = MaintenanceWindows.from(settings);
        this.tlsTrust = TlsTrust.of(settings.find("tls.truststore").orElse(null));
        this.http = new HttpProbe(settings.duration("http.connect-timeout"), settings.duration("http.read-timeout"), tlsTrust,
                settings.integer("http.retries"), settings.duration("http.retry-pause"), settings.flag("http.retry-timeouts"),
                settings.duration("http.max-retry-after"));
    }

    /** Builds the context for these settings, starting the sandbox first when they select {@code local}. */
    public static Monitor start(Settings settings) {
        long begin = System.nanoTime();
        // REST Assured's first call spends seconds loading Groovy: do it while the sandbox starts
        CompletableFuture<Void> warmUp = CompletableFuture.runAsync(() ->
                new HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(1), TlsTrust.of(null)).warmUp());
        Sandbox sandbox = null;
        Settings effective = settings;
        try {
            long sandboxMillis = 0;
            if (settings.isSandbox()) {
                sandbox = Sandbox.start(settings);
                sandboxMillis = (System.nanoTime() - begin) / 1_000_000;
                effective = settings.withOverrides(sandbox.settings());
            }
            warmUp.join();
            Monitor monitor = new Monitor(effective, sandbox);
            monitor.sandboxStartMillis = sandboxMillis;
            monitor.startMillis = (System.nanoTime() - begin) / 1_000_000;
            return monitor;
        } catch (RuntimeException e) {
            if (sandbox != null) {
                sandbox.close();
            }
            throw e;
        }
    }

    /** The current run's context: the installed one, else the one this JVM's settings describe. */
    public static Monitor get() {
        Monitor m = installed;
        if (m != null) {
            return m;
        }
        synchronized (LOCK) {
            if (fromSystem == null && startFailure == null) {
                try {
                    Monitor started = start(Settings.fromSystem());
                    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "monitor-shutdown"));
                    fromSystem = started;
                } catch (SettingsException e) {
                    startFailure = e;
                } catch (RuntimeException e) {
                    startFailure = new IllegalStateException("the sandbox could not start: " + rootMessage(e), e);
                }
            }
            if (startFailure != null) {
                throw startFailure;
            }
            return fromSystem;
        }
    }

    /** The masker of the current run; one that still masks the usual shapes when the run could not start. */
    public static Masker currentMasker() {
        try {
            return get().masker;
        } catch (RuntimeException e) {
            try {
                return new Masker(Settings.fromSystem().secretValues());
            } catch (RuntimeException again) {
                return Masker.none();
            }
        }
    }

    /** Makes {@code monitor} the current context (self-tests); {@code null} removes it. */
    public static void install(Monitor monitor) {
        installed = monitor;
    }

    /** How long start-up took, all of it and the sandbox's part (0 when there is no sandbox). */
    public long startMillis() {
        return startMillis;
    }

    public long sandboxStartMillis() {
        return sandboxStartMillis;
    }

    /** Starts {@code task} in the background now, for data several checks may need later (status pages). */
    public void prefetch(Runnable task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (RuntimeException ignored) {
                // a check that needs the data asks again and reports the problem itself
            }
        }, "monitor-prefetch");
        t.setDaemon(true);
        t.start();
    }

    public Settings settings() {
        return settings;
    }

    /** The ids of the checks this run selected (known once the test plan starts). */
    public java.util.Set<String> selectedChecks() {
        return selectedChecks;
    }

    public void selectedChecks(java.util.Set<String> ids) {
        this.selectedChecks = java.util.Set.copyOf(ids);
    }

    public Masker masker() {
        return masker;
    }

    public HttpProbe http() {
        return http;
    }

    public MaintenanceWindows maintenance() {
        return maintenance;
    }

    public TlsTrust tlsTrust() {
        return tlsTrust;
    }

    public Optional<Sandbox> sandbox() {
        return Optional.ofNullable(sandbox);
    }

    /** The URL of an edge function: {@code {supabase.url}/functions/v1/{name}}. */
    public String functionUrl(String name) {
        return settings.url("supabase.url").toString().replaceAll("/+$", "") + "/functions/v1/" + name;
    }

    public ManagementApi managementApi() {
        return shared("management-api", () -> new ManagementApi(http, settings.url("supabase.management-url"),
                settings.require("supabase.project-ref"), settings.require("supabase.access-token"),
                settings.integer("management-api.max-calls")));
    }

    public DatabaseProbe database() {
        if (settings.find("db.url").isEmpty() && settings.find("db.connection").orElse("direct").equals("session-pooler")) {
            // no address given: the Management API names the pooler a runner without IPv6 can reach
            HttpObservation config = shared("management.pooler", () -> managementApi().poolerConfig());
            Optional<SessionPooler> pooler = SessionPooler.of(config);
            if (pooler.isEmpty()) {
                com.aiqueryhub.monitor.check.HttpAssert.assertThat(config); // a refused token is reported as such
                throw misconfigured("db.url", "db.connection=session-pooler, but the Management API named no pooler ("
                        + config.summary() + " from " + config.endpoint() + "): set DB_URL to the database's JDBC URL");
            }
            return shared("database-probe", () -> new DatabaseProbe(pooler.get().jdbcUrl(),
                    SessionPooler.user(settings.require("db.user"), settings.require("supabase.project-ref")),
                    settings.require("db.password"), settings.duration("db.connect-timeout"), settings.duration("db.statement-timeout")));
        }
        return shared("database-probe", () -> new DatabaseProbe(settings.require("db.url"),
                settings.require("db.user"), settings.require("db.password"),
                settings.duration("db.connect-timeout"), settings.duration("db.statement-timeout")));
    }

    /**
     * The value {@code supplier} computes, computed once per run however many checks ask for it at the same
     * time; a failure (a missing setting, say) is handed to every asker.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, Supplier<T> supplier) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = shared.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(supplier.get());
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            }
            existing = mine;
        }
        try {
            return (T) existing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * A setting that is wrong for the whole run (a rejected database password or API token) is one finding: the
     * first check to meet it is broken with {@code message}; every later one is skipped, pointing at that check.
     * Many red checks for one bad secret would read as an outage.
     */
    public RuntimeException misconfigured(String setting, String message) {
        String check = String.valueOf(com.aiqueryhub.monitor.report.Figures.currentCheck());
        String first = misconfigurations.putIfAbsent(setting, check);
        if (first == null || first.equals(check)) {
            return new com.aiqueryhub.monitor.check.SuiteMisconfigured("suite misconfigured: " + message);
        }
        return new org.opentest4j.TestAbortedException("suite misconfigured (reported once, by " + first + "): " + message);
    }

    /**
     * An API that keeps answering "later" (429) leaves the suite blind for this run: one finding, "rate limited", on
     * the first check that met it; every later one is skipped pointing at it. Never an outage on every check.
     */
    public RuntimeException rateLimited(String credentialSetting, String message) {
        String check = String.valueOf(com.aiqueryhub.monitor.report.Figures.currentCheck());
        String first = misconfigurations.putIfAbsent("rate-limit " + credentialSetting, check);
        if (first == null || first.equals(check)) {
            return new com.aiqueryhub.monitor.check.Unobservable("rate limited: " + message);
        }
        return new org.opentest4j.TestAbortedException("rate limited (reported once, by " + first + "): " + message);
    }

    /**
     * The setting holding the credential a call to {@code url} carries, for the endpoints whose 401 means "your
     * credential is wrong" (not the edge functions, whose 401s are the gateway's verdicts on purpose).
     */
    public Optional<String> credentialFor(String url) {
        for (String[] pair : new String[][] {{"supabase.management-url", "supabase.access-token"},
                {"metrics.url", "supabase.service-role-key"}, {"cost.openrouter.url", "cost.openrouter.api-key"},
                {"cost.anthropic.url", "cost.anthropic.admin-key"}, {"cost.openai.url", "cost.openai.admin-key"}}) {
            Optional<String> base = settings.find(pair[0]).map(b -> b.replaceAll("/+$", ""));
            if (base.isPresent() && url.startsWith(base.get())) {
                return Optional.of(pair[1]);
            }
        }
        String defaultMetrics = settings.find("supabase.url").map(b -> b.replaceAll("/+$", "") + "/customer/v1/privileged/metrics")
                .orElse(null);
        return defaultMetrics != null && url.startsWith(defaultMetrics) ? Optional.of("supabase.service-role-key") : Optional.empty();
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse(""));
    }
}
