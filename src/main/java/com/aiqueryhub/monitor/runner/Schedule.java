package com.aiqueryhub.monitor.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One cadence's cycles as the runner keeps them: whether one is waiting or running (the next tick is then skipped, never
 * overlapped), how many ran and were skipped, when the last started and how long it took, and whether it is on time.
 */
final class Schedule {

    private final RunnerOptions.Cadence cadence;
    private final Instant since;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicReference<Instant> lastStart = new AtomicReference<>();
    private final AtomicReference<CycleResult> last = new AtomicReference<>();

    Schedule(RunnerOptions.Cadence cadence, Instant since) {
        this.cadence = cadence;
        this.since = since;
    }

    RunnerOptions.Cadence cadence() {
        return cadence;
    }

    /** A tick: true when no cycle of this cadence waits or runs (the caller queues one), false when it is skipped. */
    boolean claim() {
        if (busy.compareAndSet(false, true)) {
            return true;
        }
        skipped.incrementAndGet();
        return false;
    }

    void started(Instant at) {
        lastStart.set(at);
    }

    void finished(CycleResult result) {
        last.set(result);
        done.incrementAndGet();
        busy.set(false);
    }

    /** A queued cycle that will not run (the runner is stopping). */
    void abandoned() {
        busy.set(false);
    }

    int cycles() {
        return done.get();
    }

    int skipped() {
        return skipped.get();
    }

    Optional<CycleResult> last() {
        return Optional.ofNullable(last.get());
    }

    /**
     * On time while a cycle started within two intervals (counted from the runner's start before the first): a cycle
     * that overruns makes the next ticks skip, and two intervals without a start is a runner that does not look. A last
     * cycle that could not run at all (ERROR: a full report volume, a broken launcher) is not on time either: its check
     * series are gone from the scrape, so only this says that nothing is looked at.
     */
    boolean onTime(Instant now) {
        Instant reference = Optional.ofNullable(lastStart.get()).orElse(since);
        return Duration.between(reference, now).compareTo(cadence.every().multipliedBy(2)) <= 0
                && !last().map(CycleResult::error).orElse(false);
    }

    /** One line for /healthz. */
    String describe(Instant now) {
        Instant started = lastStart.get();
        String when = started == null ? "no cycle yet (runner up " + seconds(Duration.between(since, now)) + ")"
                : "last cycle started " + seconds(Duration.between(started, now)) + " ago"
                + last().map(r -> ", " + r.verdict() + " in " + seconds(r.took())).orElse(", running");
        String state = onTime(now) ? "on time" : last().filter(CycleResult::error).isPresent() ? "NOT RUNNING" : "LATE";
        return cadence.label() + ": " + state + " (every " + seconds(cadence.every()) + "; " + when
                + "; " + done.get() + " cycles, " + skipped.get() + " skipped)";
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
