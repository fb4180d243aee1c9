package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.report.Heartbeat;
import com.aiqueryhub.monitor.report.Notifier;
import com.aiqueryhub.monitor.report.PreflightFiles;
import com.aiqueryhub.monitor.report.RunOutputs;
import com.aiqueryhub.monitor.run.CheckInfo;
import com.aiqueryhub.monitor.run.Cause;
import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.Skipped;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.run.RunLocation;
import com.aiqueryhub.monitor.run.RunOutcome;
import com.aiqueryhub.monitor.run.RunVerdict;
import com.aiqueryhub.monitor.run.Status;
import com.aiqueryhub.monitor.secret.Masker;
import com.aiqueryhub.monitor.secret.SystemSecrets;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run as JUnit holds it: created by the first check of the run in the root store, closed by JUnit at the run's
 * end, when it gathers the {@link RunOutcome} and writes every output. It holds the run's context, or why the context
 * could not start (a mistyped environment, a malformed setting), which every check then reports once.
 */
final class RunResource implements AutoCloseable {

    static final String SETTINGS_PARAMETER = HandedInSettings.PARAMETER;

    private final Map<String, String> sources;
    private final RunContext run;
    private final RuntimeException startFailure;
    private final java.util.concurrent.atomic.AtomicBoolean preflightForgotten = new java.util.concurrent.atomic.AtomicBoolean();
    private final Instant started = Instant.now();
    private final Map<String, CheckResult> results = new ConcurrentHashMap<>();
    private final Map<String, Instant[]> checkTimes = new ConcurrentHashMap<>();
    /** Notifications sent before the checks (the heartbeat's start ping), listed with the run's others. */
    private final List<Notifier.Delivery> early = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The environment variables the run reads: the JVM's, or none for settings handed in alone. */
    private final Map<String, String> environment;

    private RunResource(Map<String, String> sources, Map<String, String> environment, RunContext run, RuntimeException startFailure) {
        this.sources = sources;
        this.environment = environment;
        this.run = run;
        this.startFailure = startFailure;
    }

    /** A run that could not start: what it still knows of its owner's channels (Settings.ownerOnly). */
    private Optional<Settings> owner() {
        if (run != null || startFailure == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Settings.ownerOnly(sources, environment));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The run of these settings: the JVM's (-D and environment variables), or the ones a launcher handed in as the
     * configuration parameter {@value #SETTINGS_PARAMETER} (then nothing of the JVM's counts, but its environment
     * variables when {@code inheritEnvironment}).
     */
    static RunResource start(Optional<String> handedIn, boolean inheritEnvironment) {
        Map<String, String> props = handedIn.map(HandedInSettings::decode).orElse(null);
        Map<String, String> sources = props != null ? props : systemProperties();
        Map<String, String> environment = props == null || inheritEnvironment ? System.getenv() : Map.of();
        try {
            Settings settings = Settings.load(sources, environment);
            RunContext run = RunContext.start(settings, NoCheckSelected.planned(handedIn));
            // the pages and the front end's browser take seconds: read them while the first checks run
            run.upstream().readInBackground();
            RunResource resource = new RunResource(sources, environment, run, null);
            if (run.settings().isSet(Keys.NOTIFY_HEARTBEAT_URL)) {
                resource.early.add(Heartbeat.start(run.settings(), run.masker()));
            }
            return resource;
        } catch (SettingsException e) {
            return new RunResource(sources, environment, null, e);
        } catch (RuntimeException e) {
            return new RunResource(sources, environment, null, new SettingsException("the sandbox could not start: " + rootMessage(e)));
        }
    }

    Optional<RunContext> run() {
        return Optional.ofNullable(run);
    }

    /**
     * The run's context, or the reason it could not start: the run's own settings (an unknown environment or fault, a
     * value of the wrong type), so every check is skipped naming it and the run's verdict is MISCONFIGURED, once.
     */
    RunContext require() {
        if (run == null) {
            String why = startFailure.getMessage().replaceFirst("^suite misconfigured: ", "");
            throw new Skipped("suite misconfigured: " + why, new Cause(Cause.Kind.RUN_MISCONFIGURED, List.of(), why));
        }
        return run;
    }

    Masker masker() {
        return run != null ? run.masker() : SystemSecrets.masker(sources, environment);
    }

    String runbookBase() {
        return run != null ? run.settings().get(Keys.RUNBOOK_URL).toString() : Keys.RUNBOOK_URL.defaultValue();
    }

    void checkStarted(CheckInfo info) {
        if (info.isPreflight() && preflightForgotten.compareAndSet(false, true)) {
            // a preflight rewrites its own files: an earlier preflight's must not outlive a run that cannot write them
            PreflightFiles.forget(reportDir());
        }
        checkTimes.put(info.id(), new Instant[]{Instant.now(), null});
        run().ifPresent(r -> r.forget(info.id()));
    }

    /**
     * Whether checks write Allure evidence: the run's setting, read from its sources when it could not start (a run
     * handed in by a self-test has no Allure listener; writing to Allure's shared lifecycle there meets other runs).
     */
    boolean evidence() {
        return run != null ? run.evidence() : Boolean.parseBoolean(setting(Keys.MONITOR_EVIDENCE));
    }

    /** The run's tag expression (-Dgroups), empty for every check. */
    String tagExpression() {
        return setting(Keys.MONITOR_TAG_EXPRESSION);
    }

    Path reportDir() {
        return Path.of(setting(Keys.MONITOR_REPORT_DIR));
    }

    void record(CheckInfo info, Throwable thrown, String message) {
        Instant[] times = checkTimes.computeIfAbsent(info.id(), k -> new Instant[]{Instant.now(), null});
        times[1] = Instant.now();
        long ms = java.time.Duration.between(times[0], times[1]).toMillis();
        Status status = Status.of(thrown);
        if (status == Status.SKIPPED && run != null) {
            run.findings().resign(info.id());
        }
        results.put(info.id(), new CheckResult(info, status, ms, message,
                run == null ? List.of() : run.figures(info.id()), run == null ? List.of() : run.retries(info.id()),
                thrown instanceof Cause.Carrier carrier ? carrier.outcomeCause() : Cause.NONE));
    }

    void recordSkipped(CheckInfo info, String reason, Cause cause) {
        if (run != null) {
            run.findings().resign(info.id());
        }
        results.put(info.id(), new CheckResult(info, Status.SKIPPED, 0, masker().mask("skipped: " + reason), List.of(), List.of(),
                cause));
    }

    /** The run is over: gather its outcome, write every output, stop the sandbox. */
    @Override
    public void close() {
        try {
            List<CheckResult> all = new ArrayList<>(results.values());
            all.sort(CheckResult.WORST_FIRST);
            Instant finished = Instant.now();
            Optional<Instant> first = checkTimes.values().stream().map(t -> t[0]).min(Instant::compareTo);
            Optional<Instant> last = checkTimes.values().stream().map(t -> t[1]).filter(java.util.Objects::nonNull).max(Instant::compareTo);
            RunOutcome.Timing timing = new RunOutcome.Timing(run == null ? 0 : run.startMillis(), run == null ? 0 : run.sandboxStartMillis(),
                    first.isPresent() && last.isPresent() ? java.time.Duration.between(first.get(), last.get()).toMillis() : 0);
            RunOutcome.Calls calls = run == null ? RunOutcome.Calls.NONE : RunOutcome.Calls.of(run.http().sentCalls(),
                    run.settings().get(Keys.SUPABASE_MANAGEMENT_URL).toString(), run.credentials().jwtCredentials());
            String environment = run != null ? run.environment() : environmentWithoutRun();
            RunOutcome outcome = new RunOutcome(environment, run != null ? run.location() : RunLocation.of(Optional.empty()),
                    run != null, setting(Keys.MONITOR_TAG_EXPRESSION), run != null ? run.started() : started, finished, all,
                    RunVerdict.of(all, setting(Keys.MONITOR_TAG_EXPRESSION)), timing, calls, run == null ? List.of() : run.preflightItems());
            boolean loud = (Boolean.parseBoolean(setting(Keys.MONITOR_CHECK_RUN)) || Boolean.parseBoolean(setting(Keys.MONITOR_CONSOLE)))
                    && !Boolean.parseBoolean(setting(Keys.MONITOR_QUIET));
            RunOutputs.write(outcome, run(), owner(), List.copyOf(early), masker(), reportDir(),
                    Optional.ofNullable(System.getProperty("allure.results.directory")).map(Path::of)
                            .filter(dir -> Boolean.parseBoolean(setting(Keys.MONITOR_EVIDENCE))), loud);
        } finally {
            if (run != null) {
                run.close();
            }
        }
    }

    /** A run-level setting as text, read from where the run's settings come from even when they could not load. */
    private String setting(Setting<?> setting) {
        String v = sources.get(setting.key());
        return v == null || v.isBlank() ? setting.defaultValue() : v.trim();
    }

    /** The environment's name for a run without a context (no check selected, settings that do not load), as given. */
    private String environmentWithoutRun() {
        try {
            return Settings.ownerOnly(sources, environment).environment();
        } catch (RuntimeException e) {
            return setting(Keys.ENV);
        }
    }

    /**
     * A run that selected no check at all (a tag typo): its outputs still say so when it is a monitoring run. Nothing is
     * started for it.
     */
    static void nothingSelected(Optional<String> handedIn, boolean inheritEnvironment) {
        Map<String, String> props = handedIn.map(HandedInSettings::decode).orElse(null);
        RunResource empty = new RunResource(props != null ? props : systemProperties(),
                props == null || inheritEnvironment ? System.getenv() : Map.of(), null, null);
        if (Boolean.parseBoolean(empty.setting(Keys.MONITOR_CHECK_RUN))) {
            empty.close();
        }
    }

    /** Whether the configuration parameter {@link HandedInSettings#ENVIRONMENT_PARAMETER} asks for the JVM's environment. */
    static boolean environment(Optional<String> parameter) {
        return parameter.filter(HandedInSettings.INHERIT::equals).isPresent();
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> map = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().forEach(n -> map.put(n, System.getProperty(n)));
        return map;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse(""));
    }
}
