package com.aiqueryhub.monitor.runner;

import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.process.Drain;
import com.aiqueryhub.monitor.run.RunLocation;
import com.aiqueryhub.monitor.secret.Masker;
import com.aiqueryhub.monitor.secret.SystemSecrets;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The warm runner: {@code java -jar synthetic-monitor-runner.jar --groups smoke --every 1m [--groups daily --every 1h]}.
 * One JVM stays up and runs each cadence's checks on its interval, as {@code mvn verify -Dgroups=G} would run them, and
 * is scraped by Prometheus ({@code /metrics}, {@code /healthz}). Cycles run one at a time (they share the report folder's
 * history); a tick that finds its cadence's previous cycle still waiting or running is skipped and counted, never
 * overlapped. A failing check is a failed cycle, never a dead runner. SIGTERM lets the current cycle end, then stops.
 */
public final class Runner {

    private final RunnerOptions options;
    private final Map<String, String> settings;
    private final Map<String, String> environment;
    private final Masker masker;
    /** Where the runner says what it does: one line a cycle (the console; a test's own stream). */
    private final java.io.PrintStream out;
    private final List<Schedule> schedules;
    private final Cycle cycle;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger errors = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The footprint of a --cycles run after its tenth cycle: the cycle, heap bytes and threads. */
    private final long[] tenth = new long[3];
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("runner-tick"));
    /** One cycle at a time: the cadences share the report folder (its history, its notification state). */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("runner-cycle"));
    private Optional<KeptSandbox> sandbox = Optional.empty();
    private RunnerServer server;

    Runner(RunnerOptions options, Map<String, String> systemProperties, Map<String, String> environment, java.io.PrintStream out) {
        this.options = options;
        this.out = out;
        Map<String, String> s = new LinkedHashMap<>(systemProperties);
        // warm where that is safe: the browser stays up between cycles (each look a fresh page, its storage cleared);
        // the evidence for Allure's report is Maven's to collect (a cycle a minute would fill a disk with it)
        s.putIfAbsent("browser.keep", "true");
        s.putIfAbsent("monitor.evidence", "false");
        // one line a cycle instead of each run's table
        s.putIfAbsent("monitor.quiet", "true");
        this.settings = Map.copyOf(s);
        this.cycle = new Cycle(Boolean.parseBoolean(settings.get("monitor.evidence")));
        this.environment = environment;
        this.masker = SystemSecrets.masker(settings, environment);
        Instant now = Instant.now();
        this.schedules = options.cadences().stream().map(c -> new Schedule(c, now)).toList();
    }

    public static void main(String[] args) {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("[runner] " + e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().forEach(n -> properties.put(n, System.getProperty(n)));
        System.exit(new Runner(options, properties, System.getenv(), System.out).run());
    }

    /** Runs until SIGTERM, or until every cadence has run {@code --cycles}; 0 unless a cycle could not run at all. */
    int run() {
        Thread hook = new Thread(this::stop, "runner-stop");
        if (start().isEmpty()) {
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
        return errors.get() == 0 ? 0 : 1;
    }

    /** Starts the sandbox (env=local), the server and the ticks; the port it listens on, empty when it cannot listen. */
    OptionalInt start() {
        String environmentName;
        String location;
        // the classes every cycle uses load while the sandbox starts
        java.util.concurrent.CompletableFuture<Void> warm = java.util.concurrent.CompletableFuture.runAsync(
                () -> cycle.warmUp(options.cadences().get(0)), worker);
        try {
            Settings loaded = Settings.load(settings, environment);
            environmentName = loaded.environment();
            location = RunLocation.of(Optional.of(loaded));
            sandbox = KeptSandbox.forSettings(settings, environment, line -> out.println(masker.mask(line)));
            // started before the first tick: the first cycle is not charged a second or two of start-up
            sandbox.ifPresent(KeptSandbox::settingsForCycle);
        } catch (RuntimeException e) {
            // each cycle says so in its own outputs (MISCONFIGURED, its series, the owner's channels): the runner stays up
            out.println("[runner] MISCONFIGURED: " + masker.mask(String.valueOf(e.getMessage())));
            environmentName = settings.getOrDefault("env", "local");
            location = RunLocation.of(Optional.empty());
        }
        try {
            server = new RunnerServer(options.metricsAddress(), options.metricsPort(),
                    new RunnerMetrics(schedules, environmentName, location), schedules, stopping::get);
        } catch (IOException e) {
            System.err.println("[runner] cannot listen on " + options.metricsAddress() + ":" + options.metricsPort() + " ("
                    + e.getMessage() + "): choose another with --metrics-port");
            return OptionalInt.empty();
        }
        warm.join();
        Drain.open(options.stopWithin().plusSeconds(5));
        out.println("[runner] up: GET /metrics and /healthz on " + options.metricsAddress() + ":" + server.port() + "; "
                + environmentName + " at " + location + "; " + schedules.stream().map(s -> s.cadence().label() + " every "
                + s.cadence().every().toMillis() / 1000.0 + " s").reduce((a, b) -> a + ", " + b).orElse("")
                + sandbox.map(k -> "; the sandbox is kept (faults: " + (k.faults().isEmpty() ? "none" : k.faults()) + ")").orElse(""));
        for (Schedule s : schedules) {
            firstTick(s, new AtomicInteger());
        }
        return OptionalInt.of(server.port());
    }

    /**
     * The cadence's first cycle at once, its clock counted from now. A cold JVM's first cycle (classes loading, the JIT,
     * the first handshakes and logins) may take longer than a short interval: the next cycle then follows it at once
     * instead of a tick being skipped, since that is the runner starting, not a warm cycle overrunning. From then on a
     * tick that finds the previous cycle waiting or running is skipped and counted.
     */
    private void firstTick(Schedule schedule, AtomicInteger queued) {
        long every = schedule.cadence().every().toMillis();
        long from = System.nanoTime();
        schedule.claim(); // nothing of this cadence waits or runs yet
        queued.incrementAndGet();
        worker.execute(() -> {
            try {
                runCycle(schedule);
            } finally {
                long spent = (System.nanoTime() - from) / 1_000_000;
                try {
                    ticker.scheduleAtFixedRate(() -> tick(schedule, queued), Math.max(0, every - spent), every, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // stopping: no more ticks
                }
            }
        });
    }

    /** Whether every cadence has run its --cycles (or the runner was stopped), waiting up to {@code limit}. */
    boolean awaitEnd(Duration limit) throws InterruptedException {
        return stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick(Schedule schedule, AtomicInteger queued) {
        if (stopping.get() || options.cycles().isPresent() && queued.get() >= options.cycles().getAsInt()) {
            return;
        }
        if (!schedule.claim()) {
            out.println("[runner] " + schedule.cadence().label() + ": tick skipped, the previous cycle is still "
                    + "waiting or running (" + schedule.skipped() + " skipped so far)");
            return;
        }
        queued.incrementAndGet();
        worker.execute(() -> runCycle(schedule));
    }

    private void runCycle(Schedule schedule) {
        if (stopping.get()) {
            schedule.abandoned(); // queued behind the cycle a SIGTERM let finish: not started
            return;
        }
        RunnerOptions.Cadence cadence = schedule.cadence();
        Instant start = Instant.now();
        schedule.started(start);
        CycleResult result;
        try {
            Map<String, String> cycleSettings = sandbox.map(KeptSandbox::settingsForCycle).orElse(settings);
            result = cycle.run(cadence, cycleSettings);
        } catch (RuntimeException e) {
            result = CycleResult.error(start, Duration.between(start, Instant.now()), e);
        }
        if (result.error()) {
            errors.incrementAndGet();
        }
        schedule.finished(result);
        out.println("[runner] " + cadence.label() + " cycle " + schedule.cycles() + ": " + result.verdict() + " in "
                + String.format(java.util.Locale.ROOT, "%.2f s", result.took().toMillis() / 1000.0)
                + (result.verdict().equals("HEALTHY") ? "" : ": " + masker.mask(result.line())));
        if (options.cycles().isPresent()) {
            footprint(schedule);
            if (schedules.stream().allMatch(s -> s.cycles() >= options.cycles().getAsInt())) {
                stopped.countDown();
            }
        }
    }

    /**
     * A run of --cycles is a test or a soak: its memory and threads are measured after a full collection, once the
     * first cadence has run ten cycles (the JVM warm) and again after its last, and said in one line at the end.
     */
    private void footprint(Schedule schedule) {
        if (schedule != schedules.get(0)) {
            return;
        }
        int n = schedule.cycles();
        if (n == 10 || n == options.cycles().getAsInt()) {
            System.gc();
            long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            int threads = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
            if (n == options.cycles().getAsInt()) {
                String warm = tenth[0] == 0 ? "" : String.format(java.util.Locale.ROOT, "after cycle %d: heap %.1f MB, %d threads; ",
                        tenth[0], tenth[1] / 1e6, tenth[2]);
                out.printf(java.util.Locale.ROOT, "[runner] footprint %safter cycle %d: heap %.1f MB, %d threads; %s%n", warm, n,
                        heap / 1e6, threads, schedules.stream().map(s -> s.cadence().label() + " " + s.cycles() + " cycles, "
                                + s.skipped() + " skipped").reduce((a, b) -> a + "; " + b).orElse(""));
            } else {
                tenth[0] = n;
                tenth[1] = heap;
                tenth[2] = threads;
            }
        }
    }

    /** Stops taking ticks, lets the current cycle end (within --stop-within), then closes the sandbox and the server. */
    void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        ticker.shutdownNow();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(options.stopWithin().toMillis(), TimeUnit.MILLISECONDS)) {
                out.println("[runner] the current cycle did not end within " + options.stopWithin().toSeconds()
                        + " s: stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Drain.close();
        sandbox.ifPresent(KeptSandbox::close);
        if (server != null) {
            server.close();
        }
        stopped.countDown();
        out.println("[runner] stopped");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
