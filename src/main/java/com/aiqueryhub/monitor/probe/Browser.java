package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.process.LoopbackPorts;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Level;

/**
 * One headless Chromium, driven through the system's chromedriver, for one look at the site (a render, a signed-in
 * journey): a script watches the page from before its own scripts run. Never downloads a browser or a driver unless told
 * to. Every browser is quit when its look ends, also when the run is interrupted; with {@code browser.keep} a healthy
 * one is left idle, its pages, cookies and storage cleared, for the next look in this JVM.
 */
public final class Browser implements AutoCloseable {

    /** {@code browser.driver} values that ask Selenium Manager (bundled with Selenium) instead of naming a file. */
    public static final String SELENIUM_MANAGER = "selenium-manager";
    public static final String SELENIUM_MANAGER_OFFLINE = "selenium-manager-offline";

    /** Why no browser could be started when no driver is found. */
    static final String NO_DRIVER = "no chromedriver on the PATH: install Chromium and its driver (Debian: apt-get install "
            + "chromium chromium-driver; GitHub's Ubuntu runners ship Chrome and chromedriver), or set browser.driver=PATH";

    /**
     * Where each system keeps Chromium or Google Chrome: Debian and Ubuntu packages, Google's own package, a snap, and
     * the application folders of a Mac. None found: chromedriver looks in its own default places.
     */
    static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable", "/opt/google/chrome/chrome", "/snap/bin/chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium",
            System.getProperty("user.home") + "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");

    private static final Set<ChromeDriver> RUNNING = ConcurrentHashMap.newKeySet();

    /** Idle kept browsers by driver and trust; quit with the JVM, like every other ({@link #RUNNING}). */
    private static final Map<String, Deque<Kept>> KEPT = new ConcurrentHashMap<>();

    static {
        // an interrupted run (Ctrl-C, a CI timeout) must not leave browsers behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // a warm runner's current cycle ends first (SIGTERM): its journey is not cut off mid-step
            com.aiqueryhub.monitor.process.Drain.awaitClosed();
            SpareBrowsers.quitAll(); // a browser started ahead that no run dropped yet (one may still be starting)
            RUNNING.forEach(Browser::quit);
            KEPT.values().forEach(idle -> idle.forEach(k -> k.service().stop()));
        }, "browser-teardown"));
    }

    /** A browser kept for the next look in this JVM (browser.keep), with the driver service it runs under. */
    record Kept(ChromeDriver driver, ChromeDriverService service) {
        void quit() {
            Browser.quit(driver);
            service.stop();
        }
    }

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Deque<Kept> idle;
    private final boolean keep;
    private final Object watch;
    private final boolean screenshots;
    private boolean reusable;

    private Browser(ChromeDriver driver, ChromeDriverService service, Deque<Kept> idle, boolean keep, Object watch,
                    boolean screenshots) {
        this.screenshots = screenshots;
        this.driver = driver;
        this.service = service;
        this.idle = idle;
        this.keep = keep;
        this.watch = watch;
    }

    /**
     * A browser whose pages run {@code watchScript} before their own scripts, page loads and scripts bounded by
     * {@code timeout}; {@code acceptPrivateCa}: the suite trusts a private CA (tls.truststore) the browser does not know,
     * the certificate itself being the certificate checks' to judge. Empty when no driver is to be had
     * ({@link #NO_DRIVER} says what to install).
     */
    public static Optional<Browser> open(Duration timeout, boolean acceptPrivateCa, Optional<String> configuredDriver, boolean keep,
                                         String watchScript) {
        return open(timeout, acceptPrivateCa, configuredDriver, keep, watchScript, true);
    }

    /**
     * The same; without {@code screenshots} (a run that keeps no evidence, monitor.evidence=false) {@link #screenshot}
     * takes none: a picture nobody keeps costs the browser a render and the run an encoding.
     */
    public static Optional<Browser> open(Duration timeout, boolean acceptPrivateCa, Optional<String> configuredDriver, boolean keep,
                                         String watchScript, boolean screenshots) {
        Optional<Path> driverPath = driver(configuredDriver);
        if (driverPath.isEmpty()) {
            return Optional.empty();
        }
        Deque<Kept> idle = kept(driverPath.get(), acceptPrivateCa);
        Kept kept = keep ? idle.pollFirst() : null;
        if (kept == null) {
            kept = SpareBrowsers.take(driverPath.get(), acceptPrivateCa);
        }
        ChromeDriverService service = kept != null ? kept.service() : null;
        ChromeDriver driver = kept != null ? kept.driver() : null;
        try {
            if (driver == null) {
                Kept started = launch(driverPath.get(), acceptPrivateCa, timeout);
                driver = started.driver();
                service = started.service();
            } else {
                log(driver); // what an earlier look left in the log is not this page's
            }
            driver.manage().timeouts().pageLoadTimeout(timeout).scriptTimeout(timeout);
            Object watch = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", watchScript))
                    .get("identifier");
            return Optional.of(new Browser(driver, service, idle, keep, watch, screenshots));
        } catch (RuntimeException e) {
            if (driver != null) {
                quit(driver);
            }
            if (service != null) {
                service.stop();
            }
            throw e;
        }
    }

    /** A new Chromium under a new chromedriver, its driver and page limits {@code timeout}. */
    static Kept launch(Path driverPath, boolean acceptPrivateCa, Duration timeout) {
        ChromeOptions options = new ChromeOptions();
        browserBinary().ifPresent(b -> options.setBinary(b.toFile()));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--window-size=1280,800",
                // RFC 6761: .invalid never resolves; Chromium need not ask a resolver to learn it
                "--host-resolver-rules=MAP *.invalid ~NOTFOUND");
        options.setPageLoadStrategy(PageLoadStrategy.NORMAL);
        options.setAcceptInsecureCerts(acceptPrivateCa);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.SEVERE);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverPath.toFile())
                // not Selenium's choice: it picks from the kernel's ephemeral range, where a busy run's connection may take it first
                .usingPort(LoopbackPorts.forProgramThatBindsLater()).withTimeout(timeout).build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            RUNNING.add(driver);
            return new Kept(driver, service);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The browser answered as a browser should: it may be kept when the look ends (never one that timed out or failed). */
    public void reusable(boolean reusable) {
        this.reusable = reusable;
    }

    /** What the page shows now, or null when even that fails or no screenshots are kept. */
    public byte[] screenshot() {
        if (!screenshots) {
            return null;
        }
        try {
            return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        } catch (RuntimeException e) {
            return null; // no screenshot is no loss
        }
    }

    /** The browser's own log since the last read (severe entries). */
    public List<LogEntry> log() {
        return log(driver);
    }

    private static List<LogEntry> log(ChromeDriver driver) {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll();
        } catch (RuntimeException e) {
            return List.of(); // not every driver keeps a browser log
        }
    }

    @Override
    public void close() {
        if (!(keep && reusable && keepIdle())) {
            quit(driver);
            service.stop();
        }
    }

    /** Leaves the page, its storage and its watch behind and keeps the browser; false when it cannot be cleaned. */
    private boolean keepIdle() {
        try {
            if (watch != null) {
                driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", watch));
            }
            // a signed-in look leaves a session in the page's storage: the next look starts signed out
            Object origin = driver.executeScript("return location.origin;");
            if (origin instanceof String o && o.startsWith("http")) {
                driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", o, "storageTypes", "all"));
            }
            // the next look sees what a first-time visitor sees: a file gone from the site is not served from this cache
            driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
            // the watch keeps its records in window.name across one look's page loads: never into the next look
            driver.executeScript("window.name = '';");
            driver.get("about:blank");
            driver.manage().deleteAllCookies();
            idle.offerFirst(new Kept(driver, service));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The chromedriver to use: {@code browser.driver} (a file, or Selenium Manager when it says so), else
     * {@code webdriver.chrome.driver}, else the first on the PATH. Selenium Manager is opt-in: it may download a driver,
     * which a runner without the internet must never try.
     */
    public static Optional<Path> driver(Optional<String> configured) {
        if (configured.filter(c -> c.equals(SELENIUM_MANAGER) || c.equals(SELENIUM_MANAGER_OFFLINE)).isPresent()) {
            return fromSeleniumManager(configured.get().equals(SELENIUM_MANAGER_OFFLINE));
        }
        if (configured.isPresent()) {
            return Optional.of(Path.of(configured.get())).filter(Files::isExecutable);
        }
        String set = System.getProperty("webdriver.chrome.driver");
        if (set != null && !set.isBlank()) {
            return Optional.of(Path.of(set)).filter(Files::isExecutable);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromedriver");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The driver Selenium Manager finds for Chrome (on the PATH, in its cache, or downloaded when {@code offline} is off). */
    private static Optional<Path> fromSeleniumManager(boolean offline) {
        List<String> args = new java.util.ArrayList<>(List.of("--browser", "chrome"));
        if (offline) {
            args.add("--offline");
        }
        try {
            String path = org.openqa.selenium.manager.SeleniumManager.getInstance().getBinaryPaths(args).getDriverPath();
            return Optional.ofNullable(path).filter(p -> !p.isBlank()).map(Path::of).filter(Files::isExecutable);
        } catch (RuntimeException e) {
            return Optional.empty(); // no driver to be had: the check is skipped with the install hint
        }
    }

    /** The idle kept browsers of this driver and trust. */
    static Deque<Kept> kept(Path driver, boolean acceptPrivateCa) {
        return KEPT.computeIfAbsent(driver + " " + acceptPrivateCa, k -> new ConcurrentLinkedDeque<>());
    }

    /** Quits the idle kept browsers of this driver and trust (a test's own, before its driver's link goes). */
    static void quitKept(Path driver, boolean acceptPrivateCa) {
        Deque<Kept> idle = kept(driver, acceptPrivateCa);
        for (Kept k = idle.pollFirst(); k != null; k = idle.pollFirst()) {
            k.quit();
        }
    }

    /** How many kept browsers of this driver and trust sit idle now. */
    static int keptIdle(Path driver, boolean acceptPrivateCa) {
        return kept(driver, acceptPrivateCa).size();
    }

    private static Optional<Path> browserBinary() {
        return BROWSERS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    static void quit(ChromeDriver driver) {
        RUNNING.remove(driver);
        try {
            driver.quit();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
