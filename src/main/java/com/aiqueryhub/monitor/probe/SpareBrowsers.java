package com.aiqueryhub.monitor.probe;

import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Browsers started ahead of their look, while a run does other work (the sandbox's start): a second or so of Chromium's
 * start-up off the checks' path. The next {@link Browser#open} of the same driver and trust takes one; the run that
 * started them drops them at its end, each quit unless a look took it. A run with two looks at once (the render and the
 * signed-in journey) starts two.
 */
public final class SpareBrowsers {

    /** By driver and trust, as {@link Browser} keeps its idle browsers; oldest first. */
    private static final Map<String, Deque<CompletableFuture<Browser.Kept>>> STARTED = new ConcurrentHashMap<>();
    private static final Executor STARTING = r -> {
        Thread t = new Thread(r, "browser-spare");
        t.setDaemon(true);
        t.start();
    };

    private SpareBrowsers() {
    }

    /**
     * Starts up to {@code looks} in the background for the next looks of this driver and trust, fewer by the kept
     * browsers already waiting. None when no driver is to be had, when kept browsers wait for every look, or when another
     * run's started ahead are still there (its looks come first).
     */
    public static Optional<Spare> start(Duration timeout, boolean acceptPrivateCa, Optional<String> configuredDriver, int looks) {
        Optional<Path> driverPath = Browser.driver(configuredDriver);
        if (driverPath.isEmpty()) {
            return Optional.empty();
        }
        Path driver = driverPath.get();
        int wanted = looks - Browser.kept(driver, acceptPrivateCa).size();
        if (wanted <= 0) {
            return Optional.empty();
        }
        String key = key(driver, acceptPrivateCa);
        List<CompletableFuture<Browser.Kept>> mine = new ArrayList<>();
        STARTED.compute(key, (k, started) -> {
            if (started != null && !started.isEmpty()) {
                return started;
            }
            Deque<CompletableFuture<Browser.Kept>> now = new ConcurrentLinkedDeque<>();
            for (int i = 0; i < wanted; i++) {
                CompletableFuture<Browser.Kept> one = CompletableFuture.supplyAsync(() -> Browser.launch(driver, acceptPrivateCa, timeout), STARTING);
                mine.add(one);
                now.add(one);
            }
            return now;
        });
        return mine.isEmpty() ? Optional.empty() : Optional.of(new Spare(key, List.copyOf(mine)));
    }

    /** The browsers one run started ahead of its looks. */
    public static final class Spare {
        private final String key;
        private final List<CompletableFuture<Browser.Kept>> browsers;

        private Spare(String key, List<CompletableFuture<Browser.Kept>> browsers) {
            this.key = key;
            this.browsers = browsers;
        }

        /**
         * Quits those no look took (another run's started ahead are that run's to drop). One still starting is waited
         * for, within its driver's own start limit: the JVM may exit right after the run, and a chromedriver it started
         * then would outlive it.
         */
        public void drop() {
            Deque<CompletableFuture<Browser.Kept>> started = STARTED.get(key);
            for (CompletableFuture<Browser.Kept> browser : browsers) {
                if (started != null && started.remove(browser)) {
                    quitOnceStarted(browser);
                }
            }
        }
    }

    /** The oldest one started ahead for this driver and trust, once started; null when there is none or it could not start. */
    static Browser.Kept take(Path driver, boolean acceptPrivateCa) {
        Deque<CompletableFuture<Browser.Kept>> started = STARTED.get(key(driver, acceptPrivateCa));
        CompletableFuture<Browser.Kept> spare = started == null ? null : started.pollFirst();
        try {
            return spare == null ? null : spare.join();
        } catch (RuntimeException e) {
            return null; // the look starts its own, and says why if that fails too
        }
    }

    /** The one the next look of this driver and trust would take, once started; it stays that look's. */
    static Optional<ChromeDriver> peek(Path driver, boolean acceptPrivateCa) {
        Deque<CompletableFuture<Browser.Kept>> started = STARTED.get(key(driver, acceptPrivateCa));
        CompletableFuture<Browser.Kept> spare = started == null ? null : started.peekFirst();
        return spare == null ? Optional.empty() : Optional.of(spare.join().driver());
    }

    /** How many are started ahead for this driver and trust and not yet taken. */
    static int waiting(Path driver, boolean acceptPrivateCa) {
        Deque<CompletableFuture<Browser.Kept>> started = STARTED.get(key(driver, acceptPrivateCa));
        return started == null ? 0 : started.size();
    }

    /** Quits every one not dropped yet: the JVM is exiting. */
    static void quitAll() {
        for (Deque<CompletableFuture<Browser.Kept>> started : STARTED.values()) {
            for (CompletableFuture<Browser.Kept> spare; (spare = started.pollFirst()) != null; ) {
                quitOnceStarted(spare);
            }
        }
    }

    /** Quits a browser started ahead once its start ends (bounded: the driver service's own start limit applies). */
    private static void quitOnceStarted(CompletableFuture<Browser.Kept> started) {
        try {
            started.get(60, TimeUnit.SECONDS).quit();
        } catch (ExecutionException e) {
            // it never started: nothing to quit
        } catch (TimeoutException e) {
            started.thenAccept(Browser.Kept::quit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.thenAccept(Browser.Kept::quit);
        }
    }

    private static String key(Path driver, boolean acceptPrivateCa) {
        return driver + " " + acceptPrivateCa;
    }
}
