package com.aiqueryhub.monitor.process;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The order of a JVM's last seconds. On SIGTERM the JVM runs every shutdown hook at once; the hooks that tear down what
 * a run uses (its browsers, the sandbox's PostgreSQL) would break a run still going, and the run would report the
 * teardown as production's failure. A process that lets its current run end first (the warm runner) opens a drain; those
 * hooks wait for it to close, bounded, before they tear anything down. Without a drain they go on at once, as before.
 */
public final class Drain {

    private static final AtomicReference<CountDownLatch> OPEN = new AtomicReference<>();
    private static volatile Duration limit = Duration.ZERO;

    private Drain() {
    }

    /** Opens the drain: the teardown hooks wait up to {@code limit} for {@link #close()}. */
    public static void open(Duration limit) {
        Drain.limit = limit;
        OPEN.set(new CountDownLatch(1));
    }

    /** What was running has ended (or was given up): the teardown hooks go on. */
    public static void close() {
        Optional.ofNullable(OPEN.get()).ifPresent(CountDownLatch::countDown);
    }

    /** Called first by a teardown hook: returns once the drain is closed, none is open, or its limit has passed. */
    public static void awaitClosed() {
        CountDownLatch latch = OPEN.get();
        if (latch == null) {
            return;
        }
        try {
            latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
