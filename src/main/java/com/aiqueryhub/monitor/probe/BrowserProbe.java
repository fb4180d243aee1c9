package com.aiqueryhub.monitor.probe;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The front end as a person sees it: the system's headless Chromium, driven through its chromedriver, loads the
 * page and waits (bounded) for the app to render into its root element, collecting every uncaught error, failed
 * script or module and console error on the way, in a {@link Browser} of its own. Where none is installed the probe
 * says what to install.
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
    static final String WATCH = """
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

    private BrowserProbe() {
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
        Optional<Browser> opened;
        try {
            opened = Browser.open(timeout, acceptPrivateCa, configuredDriver, keep, WATCH);
        } catch (RuntimeException e) {
            return new Rendering(url, null, null, 0, "", List.of("the browser failed: " + firstLine(e.getMessage())), null,
                    Duration.ofNanos(System.nanoTime() - start));
        }
        if (opened.isEmpty()) {
            return new Rendering(url, Browser.NO_DRIVER, null, 0, "", List.of(), null, Duration.ZERO);
        }
        try (Browser browser = opened.get()) {
            try {
                ChromeDriver driver = browser.driver();
                long deadline = start + timeout.toNanos();
                String host = java.net.URI.create(url).getHost();
                try {
                    driver.get(url);
                } catch (org.openqa.selenium.TimeoutException e) {
                    return unreachable(url, "timed out: the page did not load within " + timeout.toSeconds() + " s", browser, start);
                } catch (RuntimeException e) {
                    // a navigation that failed below HTTP (chromedriver reports net::ERR_...): unreachable, said at once
                    java.util.regex.Matcher code = NET_ERROR.matcher(String.valueOf(e.getMessage()));
                    if (code.find()) {
                        browser.reusable(true);
                        return unreachable(url, NetworkFailure.ofChromium(code.group(1), host).map(NetworkFailure::words)
                                .orElse(code.group(1)), browser, start);
                    }
                    throw e;
                }
                browser.reusable(true);
                Object navigation = ((JavascriptExecutor) driver).executeScript("var n = performance.getEntriesByType('navigation')[0];"
                        + "return [location.href, n && n.responseStatus ? n.responseStatus : 0];");
                List<?> nav = (List<?>) navigation;
                if (String.valueOf(nav.get(0)).startsWith("chrome-error://")) {
                    return unreachable(url, "the browser could not reach the site (its error page)", browser, start);
                }
                int status = ((Number) nav.get(1)).intValue();
                if (status >= 400) {
                    return unreachable(url, "HTTP " + status + " for the page itself", browser, start);
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
                for (LogEntry entry : browser.log()) {
                    String message = firstLine(entry.getMessage());
                    if (errors.stream().noneMatch(e -> message.contains(e) || e.contains(message))) {
                        errors.add("browser log: " + message);
                    }
                }
                byte[] png = browser.screenshot();
                return new Rendering(url, null, null, children, text, List.copyOf(errors), png, Duration.ofNanos(System.nanoTime() - start));
            } catch (InterruptedException e) {
                browser.reusable(false);
                Thread.currentThread().interrupt();
                return new Rendering(url, null, null, 0, "", List.of("interrupted"), null, Duration.ofNanos(System.nanoTime() - start));
            } catch (RuntimeException e) {
                browser.reusable(false);
                return new Rendering(url, null, null, 0, "", List.of("the browser failed: " + firstLine(e.getMessage())), null,
                        Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    private static Rendering unreachable(String url, String why, Browser browser, long start) {
        return new Rendering(url, null, why, 0, "", List.of(), browser.screenshot(), Duration.ofNanos(System.nanoTime() - start));
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
