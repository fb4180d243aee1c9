package com.aiqueryhub.monitor.probe;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One run's calls, each made once however many checks ask for it at the same time: the Management API allows 120 calls
 * a minute per user and endpoint, and one observation of an endpoint serves every check that judges it. A failure (a
 * missing setting, say) is handed to every asker.
 */
public final class SharedCalls {

    private final Map<String, CompletableFuture<Object>> values = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    public <T> T once(String key, Supplier<T> supplier) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = values.putIfAbsent(key, mine);
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

    /** What the run holds open until it ends (the database's kept sessions), closed by {@link #close}. */
    private final java.util.Deque<AutoCloseable> held = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** {@code resource}, closed when the run ends. */
    public <T extends AutoCloseable> T closedWithRun(T resource) {
        held.push(resource);
        return resource;
    }

    /** Closes what the run held, newest first; one that fails to close does not keep the others open. */
    public void close() {
        for (AutoCloseable c; (c = held.poll()) != null; ) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the run is over: a session that will not close dies with the server's idle limit
            }
        }
    }

    /** The background work started for this run, to be waited for at its end ({@link #awaitBackground}). */
    private final java.util.Queue<Thread> background = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Waits, at most {@code limit} in all, for the background work to end. A browser started for checks that in the end
     * did not ask for it (the front end was down) must quit before the JVM exits: cut off mid-start, its chromedriver and
     * Chromium outlive the run.
     */
    public void awaitBackground(java.time.Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread t : background) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Starts {@code task} in the background now, for data several checks may need later (status pages, the browser). */
    public void prefetch(String name, Runnable task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (RuntimeException ignored) {
                // a check that needs the data asks again and reports the problem itself
            }
        }, "monitor-prefetch-" + name);
        t.setDaemon(true);
        background.add(t);
        t.start();
    }
}
