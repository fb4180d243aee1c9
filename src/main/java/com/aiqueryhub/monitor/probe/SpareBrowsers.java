package com.aiqueryhub.monitor.probe;

import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Browsers started ahead of their look, while a run does other work (the sandbox's start): a second or so of Chromium's
 * start-up off the checks' path. The next {@link Browser#open} of the same driver and trust takes one; the run that
 * started it drops it at its end, quit unless a look took it.
 */
public final class SpareBrowsers {

    /** By driver and trust, as {@link Browser} keeps its idle browsers. */
    private static final Map<String, CompletableFuture<Browser.Kept>> STARTED = new ConcurrentHashMap<>();
    private static final Executor STARTING = r -> {
        Thread t = new Thread(r, "browser-spare");
        t.setDaemon(true);
        t.start();
    };

    private SpareBrowsers() {
    }

    /**
     * Starts one in the background for the next look of this driver and trust. None when no driver is to be had, when a
     * kept browser already waits, or when another run's started ahead already does.
     */
    public static Optional<Spare> start(Duration timeout, boolean acceptPrivateCa, Optional<String> configuredDriver) {
        Optional<Path> driverPath = Browser.driver(configuredDriver);
        if (driverPath.isEmpty() || !Browser.kept(driverPath.get(), acceptPrivateCa).isEmpty()) {
            return Optional.empty();
        }
        Path driver = driverPath.get();
        String key = key(driver, acceptPrivateCa);
        AtomicReference<CompletableFuture<Browser.Kept>> mine = new AtomicReference<>();
        STARTED.computeIfAbsent(key, k -> {
            mine.set(CompletableFuture.supplyAsync(() -> Browser.launch(driver, acceptPrivateCa, timeout), STARTING));
            return mine.get();
        });
        return Optional.ofNullable(mine.get()).map(started -> new Spare(key, started));
    }

    /** A browser started ahead of its look by one run. */
    public static final class Spare {
        private final String key;
        private final CompletableFuture<Browser.Kept> browser;

        private Spare(String key, CompletableFuture<Browser.Kept> browser) {
            this.key = key;
            this.browser = browser;
        }

        /**
         * Quits it, unless a look took it (another run's started ahead is that run's to drop). One still starting is
         * waited for, within its driver's own start limit: the JVM may exit right after the run, and a chromedriver it
         * started then would outlive it.
         */
        public void drop() {
            if (STARTED.remove(key, browser)) {
                quitOnceStarted(browser);
            }
        }
    }

    /** The one started ahead for this driver and trust, once started; null when there is none or it could not start. */
    static Browser.Kept take(Path driver, boolean acceptPrivateCa) {
        CompletableFuture<Browser.Kept> spare = STARTED.remove(key(driver, acceptPrivateCa));
        try {
            return spare == null ? null : spare.join();
        } catch (RuntimeException e) {
            return null; // the look starts its own, and says why if that fails too
        }
    }

    /** The one started ahead for this driver and trust, once started; it stays the next look's. */
    static Optional<ChromeDriver> peek(Path driver, boolean acceptPrivateCa) {
        CompletableFuture<Browser.Kept> spare = STARTED.get(key(driver, acceptPrivateCa));
        return spare == null ? Optional.empty() : Optional.of(spare.join().driver());
    }

    /** Quits every one not dropped yet: the JVM is exiting. */
    static void quitAll() {
        for (String key : List.copyOf(STARTED.keySet())) {
            CompletableFuture<Browser.Kept> spare = STARTED.remove(key);
            if (spare != null) {
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
