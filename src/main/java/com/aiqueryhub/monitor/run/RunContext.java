package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.probe.Billing;
import com.aiqueryhub.monitor.probe.Certificates;
import com.aiqueryhub.monitor.probe.Credentials;
import com.aiqueryhub.monitor.probe.Database;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.probe.GoTrue;
import com.aiqueryhub.monitor.probe.HttpProbe;
import com.aiqueryhub.monitor.probe.MetricsApi;
import com.aiqueryhub.monitor.probe.Netlify;
import com.aiqueryhub.monitor.probe.SharedCalls;
import com.aiqueryhub.monitor.probe.SpareBrowsers;
import com.aiqueryhub.monitor.probe.SignedInJourney;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.probe.TlsTrust;
import com.aiqueryhub.monitor.probe.RunnerNetwork;
import com.aiqueryhub.monitor.probe.Upstream;
import com.aiqueryhub.monitor.secret.Masker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One monitoring run: its settings, its masker, the probes built from them, the calls it shares, the findings it has
 * reported once, and what each check measured. Created once per run by the checks' extension and kept in JUnit's root
 * store, which closes it at the end of the run; handed to checks as the probes they ask for. Nothing here is global:
 * two runs in one JVM (the self-tests run many at once) never see each other.
 */
public final class RunContext implements AutoCloseable {

    private final Settings settings;
    private final Masker masker;
    private final TlsTrust tlsTrust;
    private final HttpProbe http;
    private final SharedCalls shared = new SharedCalls();
    /** The browser this run started ahead of its first look, if it did: quit at the run's end unless a look took it. */
    private final Optional<SpareBrowsers.Spare> spare;
    private final Findings findings;
    private final MaintenanceWindows maintenance;
    private final Credentials credentials;
    private final SandboxStarter.Running sandbox;
    private final Instant started;
    private final long startMillis;
    private final long sandboxStartMillis;
    private final Map<String, List<CheckResult.Figure>> figures = new ConcurrentHashMap<>();
    private final Map<String, List<String>> retries = new ConcurrentHashMap<>();
    private final List<PreflightItem> preflight = new CopyOnWriteArrayList<>();

    private RunContext(Settings settings, SandboxStarter.Running sandbox, Instant started, long startMillis, long sandboxStartMillis,
                       java.util.Set<String> planned, Optional<SpareBrowsers.Spare> spare) {
        this.settings = settings;
        this.spare = spare;
        this.findings = new Findings(planned);
        this.sandbox = sandbox;
        this.started = started;
        this.startMillis = startMillis;
        this.sandboxStartMillis = sandboxStartMillis;
        this.masker = new Masker(settings.secretValues());
        this.maintenance = MaintenanceWindows.from(settings);
        String extraCas = settings.find(Keys.TLS_TRUSTSTORE).orElse(null);
        // the sandbox's runs resume the TLS sessions of the runs before them, where their servers outlived them
        this.tlsTrust = settings.isSandbox() && settings.get(Keys.HTTP_RESUME_TLS) ? TlsTrust.keptForSandbox(extraCas)
                : TlsTrust.of(extraCas);
        this.http = HttpProbe.of(settings, tlsTrust);
        this.credentials = new Credentials(settings);
    }

    /** Builds the run for these settings, starting the sandbox first when they select {@code local}. */
    public static RunContext start(Settings settings) {
        return start(settings, java.util.Set.of());
    }

    /** The same, for a run that selected the checks {@code planned} (their ids): each cause's owner is among them. */
    public static RunContext start(Settings settings, java.util.Set<String> planned) {
        neutralCaseMapping();
        Instant started = Instant.now();
        long begin = System.nanoTime();
        CompletableFuture<Void> warmUp = warmUp();
        // Chromium starts in a second or so, as the sandbox does: side by side, not one after the other; one for each
        // look the run plans (the render and the journey look at the same time)
        boolean journey = settings.get(Keys.JOURNEY_ENABLED) && planned.stream().anyMatch(id -> id.startsWith("journey."));
        int looks = (planned.contains("frontend.renders") ? 1 : 0) + (journey ? 1 : 0);
        Optional<SpareBrowsers.Spare> spare = settings.get(Keys.BROWSER_ENABLED) && looks > 0
                ? SpareBrowsers.start(settings.get(Keys.BROWSER_TIMEOUT), settings.isSandbox() || settings.isSet(Keys.TLS_TRUSTSTORE),
                settings.find(Keys.BROWSER_DRIVER), looks) : Optional.empty();
        SandboxStarter.Running sandbox = null;
        Settings effective = settings;
        try {
            long sandboxMillis = 0;
            // a warm runner keeps one sandbox for all its cycles: its addresses are already among the settings
            if (settings.isSandbox() && !settings.get(Keys.SANDBOX_KEPT)) {
                SandboxStarter starter = ServiceLoader.load(SandboxStarter.class).findFirst().orElseThrow(() ->
                        new SettingsException("env=local needs the sandbox (src/sandbox), which is not on this classpath: "
                                + "run from the project with Maven, or choose -Denv=staging, production or -Denv.file=PATH"));
                sandbox = starter.start(settings);
                sandboxMillis = (System.nanoTime() - begin) / 1_000_000;
                effective = settings.withOverrides(sandbox.settings());
            }
            warmUp.join();
            return new RunContext(effective, sandbox, started, (System.nanoTime() - begin) / 1_000_000, sandboxMillis, planned, spare);
        } catch (RuntimeException e) {
            spare.ifPresent(SpareBrowsers.Spare::drop); // no look will take it
            if (sandbox != null) {
                sandbox.close();
            }
            throw e;
        }
    }

    /** REST Assured's first call in this JVM, begun by the first run; the runs after it (a warm runner's) find it done. */
    private static CompletableFuture<Void> warmedUp;

    /** REST Assured's first call spends seconds loading Groovy: it is made once per JVM, while the sandbox starts. */
    private static synchronized CompletableFuture<Void> warmUp() {
        if (warmedUp == null) {
            // kept for every later run: one that failed costs only the first probe's timing, never a run's start
            warmedUp = CompletableFuture.runAsync(() -> new HttpProbe(Duration.ofSeconds(1), Duration.ofSeconds(1), TlsTrust.of(null)).warmUp())
                    .exceptionally(e -> null);
        }
        return warmedUp;
    }

    /**
     * In the Turkish and Azerbaijani locales {@code "I".toLowerCase()} is a dotless {@code ı}; libraries that convert
     * case with the default locale then misread their own keywords (REST Assured picks its response handler by such a
     * name and answered every 401 as "no answer": its open pull request #1889). Engineers run the suite in those locales;
     * the JVM's default becomes the neutral one there, and only there. The checks' words are English in every locale.
     */
    static void neutralCaseMapping() {
        if (!"I".toLowerCase().equals("i") || !"i".toUpperCase().equals("I")) {
            java.util.Locale.setDefault(java.util.Locale.ROOT);
        }
    }

    public Settings settings() {
        return settings;
    }

    public Masker masker() {
        return masker;
    }

    /** The certificates this run's HTTP calls trust, and the TLS sessions they keep. */
    TlsTrust tlsTrust() {
        return tlsTrust;
    }

    public HttpProbe http() {
        return http;
    }

    public SharedCalls shared() {
        return shared;
    }

    public Findings findings() {
        return findings;
    }

    public MaintenanceWindows maintenance() {
        return maintenance;
    }

    public Credentials credentials() {
        return credentials;
    }

    public Instant started() {
        return started;
    }

    public long startMillis() {
        return startMillis;
    }

    public long sandboxStartMillis() {
        return sandboxStartMillis;
    }

    /**
     * The settings a run started inside this one (the deploy gate's staging run) needs to use the sandbox this run
     * started, kept, instead of starting a second one beside it: its addresses and keys. Empty when this run started
     * none (a real deployment, or a warm runner's kept sandbox, whose settings the inner run is handed anyway).
     */
    public Map<String, String> sandboxForRunsInside() {
        if (sandbox == null) {
            return Map.of();
        }
        Map<String, String> out = new java.util.LinkedHashMap<>(sandbox.settings());
        out.put(Keys.SANDBOX_KEPT.key(), "true");
        return out;
    }

    public String environment() {
        return settings.environment();
    }

    public String location() {
        return RunLocation.of(Optional.of(settings));
    }

    /** Whether checks attach their evidence to Allure's report (not in a run started inside another run). */
    public boolean evidence() {
        return settings.get(Keys.MONITOR_EVIDENCE);
    }

    public Path reportDir() {
        return Path.of(settings.get(Keys.MONITOR_REPORT_DIR));
    }

    // ---- the probes, each built once from the run's settings ----

    public FrontEnd frontEnd() {
        return shared.once("probe.front-end", () -> new FrontEnd(settings, http, shared));
    }

    public EdgeFunctions edgeFunctions() {
        return shared.once("probe.edge-functions", () -> new EdgeFunctions(settings, http, shared));
    }

    public Supabase supabase() {
        return shared.once("probe.supabase", () -> new Supabase(settings, http, shared));
    }

    public Database database() {
        return shared.once("probe.database", () -> new Database(settings, this::supabase, shared));
    }

    public MetricsApi metrics() {
        return shared.once("probe.metrics", () -> new MetricsApi(settings, http, shared));
    }

    public Billing billing() {
        return shared.once("probe.billing", () -> new Billing(settings, http, shared, this::database));
    }

    public Certificates certificates() {
        return shared.once("probe.certificates", () -> new Certificates(settings, tlsTrust, shared));
    }

    public GoTrue goTrue() {
        return shared.once("probe.gotrue", () -> new GoTrue(settings, http, shared));
    }

    /** The signed-in journey, its steps taken once; its session and browser end with the run at the latest. */
    public SignedInJourney journey() {
        return shared.once("probe.journey", () -> shared.closedWithRun(new SignedInJourney(settings, goTrue(), edgeFunctions(),
                frontEnd())));
    }

    public Netlify netlify() {
        return shared.once("probe.netlify", () -> new Netlify(settings, http, shared));
    }

    /** Whether this runner reaches nothing at all (asked once, at the run's first failure): see RunnerNetwork. */
    public Optional<String> runnerBlind() {
        return shared.once("probe.runner-network", () -> RunnerNetwork.of(settings).blindness());
    }

    public Upstream upstream() {
        return shared.once("probe.upstream", () -> new Upstream(settings, http, shared, () -> supabase().region()));
    }

    // ---- what each check measured ----

    public void recordFigure(String checkId, CheckResult.Figure figure) {
        List<CheckResult.Figure> list = figures.computeIfAbsent(checkId, k -> new CopyOnWriteArrayList<>());
        list.removeIf(f -> f.name().equals(figure.name()));
        list.add(figure);
    }

    public List<CheckResult.Figure> figures(String checkId) {
        return List.copyOf(figures.getOrDefault(checkId, List.of()));
    }

    public void noteRetries(String checkId, String note) {
        retries.computeIfAbsent(checkId, k -> new CopyOnWriteArrayList<>()).add(note);
    }

    public List<String> retries(String checkId) {
        return List.copyOf(retries.getOrDefault(checkId, List.of()));
    }

    /** The preflight's items, as its checks judge them (written to preflight.json at the end of the run). */
    public void recordPreflight(List<PreflightItem> items) {
        preflight.addAll(items);
    }

    public List<PreflightItem> preflightItems() {
        return List.copyOf(preflight);
    }

    /** A check runs again in the same run (a retried test): it starts with nothing recorded. */
    public void forget(String checkId) {
        figures.remove(checkId);
        retries.remove(checkId);
    }

    @Override
    public void close() {
        // a render runs within browser.timeout for its page and again for its driver's start; status pages within the
        // HTTP timeouts: what is still running is let finish, so no browser outlives the run (but one kept idle for the
        // next run in this JVM, browser.keep); then the run's kept database sessions and connections end
        shared.awaitBackground(settings.get(Keys.BROWSER_TIMEOUT).multipliedBy(2).plusSeconds(10));
        spare.ifPresent(SpareBrowsers.Spare::drop); // a browser started ahead that no look took
        shared.close();
        http.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
