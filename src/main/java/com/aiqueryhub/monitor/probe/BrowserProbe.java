package com.aiqueryhub.monitor.probe;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;

/**
 * The front end as a person sees it: the system's headless Chromium, driven through its chromedriver, loads the
 * page and waits (bounded) for the app to render into its root element, collecting every uncaught error, failed
 * script or module and console error on the way. Never downloads a browser or a driver: where none is installed
 * the probe says what to install. Every browser it starts is quit, also when the run is interrupted.
 */
public final class BrowserProbe {

    /**
     * What the browser saw; {@code unavailable} says why nothing was loaded (no browser installed); {@code unreachable}
     * why the site could not be reached at all (the navigation's own error, in {@link NetworkFailure}'s words, or the
     * HTTP error status the page answered), which is never a white page.
     */
    public record Rendering(String url, String unavailable, String unreachable, int rootChildren, String rootText,
                            List<String> errors, byte[] screenshot, Duration elapsed) {
        public boolean loaded() {
            return unavailable == null;
        }

        public boolean reached() {
            return unreachable == null;
        }
    }

    private static final java.util.regex.Pattern NET_ERROR = java.util.regex.Pattern.compile("net::(ERR_[A-Z_]+)");

    /** Installed before any page script runs: the page's errors, in the order they happen. */
    private static final String WATCH = """
            window.__monitorErrors = [];
            window.addEventListener('error', function (e) {
              var t = e.target;
              if (t && t !== window && (t.src || t.href)) {
                window.__monitorErrors.push('failed to load ' + (t.src || t.href));
              } else {
                window.__monitorErrors.push('uncaught ' + (e.error ? String(e.error) : e.message)
                    + (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
              }
            }, true);
            window.addEventListener('unhandledrejection', function (e) {
              var r = e.reason;
              window.__monitorErrors.push('unhandled rejection: ' + (r && r.message ? r.message : String(r)));
            });
            (function () {
              var original = console.error;
              console.error = function () {
                window.__monitorErrors.push('console error: ' + Array.prototype.map.call(arguments, String).join(' '));
                return original.apply(console, arguments);
              };
            })();
            """;

    private static final Set<ChromeDriver> RUNNING = ConcurrentHashMap.newKeySet();

    /** Idle kept browsers by driver and trust; quit with the JVM, like every other ({@link #RUNNING}). */
    private static final Map<String, java.util.Deque<Kept>> KEPT = new ConcurrentHashMap<>();

    static {
        // an interrupted run (Ctrl-C, a CI timeout) must not leave browsers behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RUNNING.forEach(BrowserProbe::quit);
            KEPT.values().forEach(idle -> idle.forEach(k -> k.service().stop()));
        }, "browser-teardown"));
    }

    private BrowserProbe() {
    }

    /** {@code browser.driver} values that ask Selenium Manager (bundled with Selenium) instead of naming a file. */
    public static final String SELENIUM_MANAGER = "selenium-manager";
    public static final String SELENIUM_MANAGER_OFFLINE = "selenium-manager-offline";

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

    /**
     * Loads {@code url} and waits at most {@code timeout} for {@code #root} to have content.
     *
     * @param acceptPrivateCa the suite trusts a private CA (tls.truststore) that the browser does not know; the
     *                        certificate itself is judged by the certificate checks
     */
    public static Rendering render(String url, Duration timeout, boolean acceptPrivateCa, Optional<String> configuredDriver) {
        return render(url, timeout, acceptPrivateCa, configuredDriver, false);
    }

    /**
     * The same; with {@code keep} (browser.keep), the browser outlives the render for the next one in this JVM, each
     * render still a fresh navigation with its own error watch and log. A browser that timed out or failed is never kept.
     */
    public static Rendering render(String url, Duration timeout, boolean acceptPrivateCa, Optional<String> configuredDriver,
                                   boolean keep) {
        long start = System.nanoTime();
        Optional<Path> driverPath = driver(configuredDriver);
        if (driverPath.isEmpty()) {
            return new Rendering(url, "no chromedriver on the PATH: install Chromium and its driver (Debian: apt-get install "
                    + "chromium chromium-driver; GitHub's Ubuntu runners ship Chrome and chromedriver), or set "
                    + "browser.driver=PATH", null, 0, "", List.of(), null, Duration.ZERO);
        }
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
        java.util.Deque<Kept> idle = kept(driverPath.get(), acceptPrivateCa);
        Kept kept = keep ? idle.pollFirst() : null;
        ChromeDriverService service = kept != null ? kept.service() : new ChromeDriverService.Builder()
                .usingDriverExecutable(driverPath.get().toFile()).usingAnyFreePort().withTimeout(timeout).build();
        ChromeDriver driver = kept != null ? kept.driver() : null;
        boolean reusable = false;
        Object watch = null;
        try {
            if (driver == null) {
                driver = new ChromeDriver(service, options);
                RUNNING.add(driver);
            } else {
                browserLog(driver); // what an earlier render left in the log is not this page's
            }
            driver.manage().timeouts().pageLoadTimeout(timeout).scriptTimeout(timeout);
            watch = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH)).get("identifier");
            long deadline = start + timeout.toNanos();
            String host = java.net.URI.create(url).getHost();
            try {
                driver.get(url);
            } catch (org.openqa.selenium.TimeoutException e) {
                return unreachable(url, "timed out: the page did not load within " + timeout.toSeconds() + " s", driver, start);
            } catch (RuntimeException e) {
                // a navigation that failed below HTTP (chromedriver reports net::ERR_...): unreachable, said at once
                java.util.regex.Matcher code = NET_ERROR.matcher(String.valueOf(e.getMessage()));
                if (code.find()) {
                    reusable = true;
                    return unreachable(url, NetworkFailure.ofChromium(code.group(1), host).map(NetworkFailure::words)
                            .orElse(code.group(1)), driver, start);
                }
                throw e;
            }
            reusable = true;
            Object navigation = ((JavascriptExecutor) driver).executeScript("var n = performance.getEntriesByType('navigation')[0];"
                    + "return [location.href, n && n.responseStatus ? n.responseStatus : 0];");
            List<?> nav = (List<?>) navigation;
            if (String.valueOf(nav.get(0)).startsWith("chrome-error://")) {
                return unreachable(url, "the browser could not reach the site (its error page)", driver, start);
            }
            int status = ((Number) nav.get(1)).intValue();
            if (status >= 400) {
                return unreachable(url, "HTTP " + status + " for the page itself", driver, start);
            }
            int children = 0;
            String text = "";
            List<String> errors = new ArrayList<>();
            // wait for the app to render, or for an error to say it will not
            while (true) {
                Object state = ((JavascriptExecutor) driver).executeScript("var r = document.getElementById('root');"
                        + "return [r ? r.childElementCount : -1, r ? (r.innerText || '').slice(0, 200) : '',"
                        + " (window.__monitorErrors || []).length];");
                List<?> values = (List<?>) state;
                children = ((Number) values.get(0)).intValue();
                text = String.valueOf(values.get(1));
                boolean erred = ((Number) values.get(2)).intValue() > 0;
                if ((children > 0 && System.nanoTime() > start + Duration.ofMillis(300).toNanos()) || erred
                        || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(100);
            }
            // a lazily loaded chunk fails after the first paint: give it a moment to say so
            Thread.sleep(Math.min(700, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
            Object seen = ((JavascriptExecutor) driver).executeScript("return window.__monitorErrors || [];");
            if (seen instanceof List<?> l) {
                l.forEach(e -> errors.add(firstLine(String.valueOf(e))));
            }
            Object after = ((JavascriptExecutor) driver).executeScript(
                    "var r = document.getElementById('root'); return r ? r.childElementCount : -1;");
            children = ((Number) after).intValue();
            for (LogEntry entry : browserLog(driver)) {
                String message = firstLine(entry.getMessage());
                if (errors.stream().noneMatch(e -> message.contains(e) || e.contains(message))) {
                    errors.add("browser log: " + message);
                }
            }
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            return new Rendering(url, null, null, children, text, List.copyOf(errors), png, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            reusable = false;
            Thread.currentThread().interrupt();
            return new Rendering(url, null, null, 0, "", List.of("interrupted"), null, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            reusable = false;
            return new Rendering(url, null, null, 0, "", List.of("the browser failed: " + firstLine(e.getMessage())), null,
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            if (!(keep && reusable && driver != null && keepFor(idle, driver, service, watch))) {
                if (driver != null) {
                    quit(driver);
                }
                service.stop();
            }
        }
    }

    /** The idle kept browsers of this driver and trust. */
    private static java.util.Deque<Kept> kept(Path driver, boolean acceptPrivateCa) {
        return KEPT.computeIfAbsent(driver + " " + acceptPrivateCa, k -> new java.util.concurrent.ConcurrentLinkedDeque<>());
    }

    /** How many kept browsers of this driver and trust sit idle now. */
    static int keptIdle(Path driver, boolean acceptPrivateCa) {
        return kept(driver, acceptPrivateCa).size();
    }

    /** A browser kept for the next render in this JVM (browser.keep), with the driver service it runs under. */
    private record Kept(ChromeDriver driver, ChromeDriverService service) {
    }

    /** Leaves the page and its watch behind and keeps the browser; false when it cannot be cleaned (then it is quit). */
    private static boolean keepFor(java.util.Deque<Kept> idle, ChromeDriver driver, ChromeDriverService service, Object watch) {
        try {
            if (watch != null) {
                driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", watch));
            }
            driver.get("about:blank");
            driver.manage().deleteAllCookies();
            idle.offerFirst(new Kept(driver, service));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Rendering unreachable(String url, String why, ChromeDriver driver, long start) {
        byte[] png = null;
        try {
            png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        } catch (RuntimeException e) {
            // no screenshot of an error page is no loss
        }
        return new Rendering(url, null, why, 0, "", List.of(), png, Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<LogEntry> browserLog(ChromeDriver driver) {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll();
        } catch (RuntimeException e) {
            return List.of(); // not every driver keeps a browser log
        }
    }

    /**
     * Where each system keeps Chromium or Google Chrome: Debian and Ubuntu packages, Google's own package, a snap, and
     * the application folders of a Mac. None found: chromedriver looks in its own default places.
     */
    static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable", "/opt/google/chrome/chrome", "/snap/bin/chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium",
            System.getProperty("user.home") + "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");

    private static Optional<Path> browserBinary() {
        return BROWSERS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private static void quit(ChromeDriver driver) {
        RUNNING.remove(driver);
        try {
            driver.quit();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }

    /** A screenshot scaled to {@code width} pixels wide: what a passed check keeps. */
    public static byte[] thumbnail(byte[] png, int width) {
        try {
            BufferedImage full = ImageIO.read(new ByteArrayInputStream(png));
            int height = Math.max(1, full.getHeight() * width / full.getWidth());
            BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(full, 0, 0, width, height, null);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(small, "png", out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            return png;
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
