package com.aiqueryhub.monitor.probe;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
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
     * HTTP error status the page answered), which is never a white page. {@code errors} keep the app from starting (an
     * uncaught error, an app script or stylesheet that failed); {@code degraded} are requests it does not need to start
     * that failed (an image, a font, media, a third party's resource).
     */
    public record Rendering(String url, String unavailable, String unreachable, int rootChildren, String rootText,
                            List<String> errors, List<String> degraded, byte[] screenshot, Duration elapsed) {
        public boolean loaded() {
            return unavailable == null;
        }

        public boolean reached() {
            return unreachable == null;
        }
    }

    /** How long a page stays idle before its render is judged: an error the app raises on a failed load is said within
     *  a few milliseconds of it. */
    private static final Duration SETTLED = Duration.ofMillis(200);
    /** The longest wait for a page to become idle after its first paint (one that never does: a polling loop). */
    private static final Duration SETTLE_AT_MOST = Duration.ofMillis(700);

    private static final java.util.regex.Pattern NET_ERROR = java.util.regex.Pattern.compile("net::(ERR_[A-Z_]+)");
    /** Chromium's log line for a request that failed: "URL - Failed to load resource: why". */
    /** Chromium's words when a service worker's script could not be fetched or registered. */
    private static final java.util.regex.Pattern SERVICE_WORKER = java.util.regex.Pattern.compile(
            "was received when fetching the script|Failed to register a ServiceWorker|ServiceWorker script");
    /** Chromium's words for a websocket that could not connect (the realtime channel, another origin). */
    private static final java.util.regex.Pattern WEBSOCKET_FAILED = java.util.regex.Pattern.compile("WebSocket connection to '([^']+)' failed");
    private static final java.util.regex.Pattern FAILED_RESOURCE = java.util.regex.Pattern.compile(
            "^(\\S+) (?:\\d+:\\d+ )?-? ?Failed to load resource: (.*)$");

    /**
     * Installed before any page script runs, on every document of the look. It records the page's errors in the order
     * they happen, telling a resource the app needs to start (its own scripts and stylesheets) from one it does not (an
     * image, a font, media, another origin's file). It watches the app's local storage too: a production build strips its
     * console calls, so what signs a user out is seen only here, by who called {@code localStorage.clear()} or removed a
     * Supabase session key ({@code sb-*-auth-token}), with the caller's stack. Those records, and the errors, are kept
     * in {@code window.name}, which outlives the reload an app does right after clearing its storage.
     */
    static final String WATCH = """
            (function () {
              var KEY = '__monitor:';
              var kept = {storage: [], errors: []};
              try {
                if (window.name && window.name.indexOf(KEY) === 0) { kept = JSON.parse(window.name.slice(KEY.length)); }
              } catch (e) { /* another page's name: start afresh */ }
              window.__monitorKept = kept;
              window.__monitorErrors = [];
              window.__monitorDegraded = [];
              function save() {
                try {
                  kept.storage = kept.storage.slice(-20); kept.errors = kept.errors.slice(-20);
                  window.name = KEY + JSON.stringify(kept);
                } catch (e) { /* nothing to keep it in */ }
              }
              function error(text) { window.__monitorErrors.push(text); kept.errors.push(location.pathname + ': ' + text); save(); }
              function sameOrigin(url) { try { return new URL(url, location.href).origin === location.origin; } catch (e) { return false; } }
              window.addEventListener('error', function (e) {
                var t = e.target;
                if (t && t !== window && (t.src || t.href)) {
                  var url = t.src || t.href, tag = (t.tagName || '').toLowerCase();
                  var needed = (tag === 'script' || (tag === 'link' && /stylesheet|modulepreload/.test(t.rel || ''))) && sameOrigin(url);
                  if (needed) { error('failed to load ' + url); }
                  else { window.__monitorDegraded.push((tag === 'img' ? 'an image' : tag === 'link' ? 'a ' + (t.rel || 'linked') + ' file'
                      : tag === 'video' || tag === 'audio' || tag === 'source' ? 'media' : 'a ' + tag) + ' failed to load: ' + url
                      + (sameOrigin(url) ? '' : ' (from ' + new URL(url, location.href).origin + ', another origin than the app)')); }
                } else {
                  error('uncaught ' + (e.error ? String(e.error) : e.message) + (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
                }
              }, true);
              window.addEventListener('unhandledrejection', function (e) {
                var r = e.reason;
                error('unhandled rejection: ' + (r && r.message ? r.message : String(r)));
              });
              (function () {
                var original = console.error;
                console.error = function () {
                  error('console error: ' + Array.prototype.map.call(arguments, String).join(' '));
                  return original.apply(console, arguments);
                };
              })();
              // the app's own waits at start-up (its auth state settling, a redirect): a timeout due within a second is work
              // still to come, counted until it runs or is cleared, as Angular's zone counts it before a page is stable
              var timers = {}, timerCount = 0, timersChanged = performance.now(), setT = window.setTimeout, clearT = window.clearTimeout;
              function untrack(id) { if (timers[id]) { delete timers[id]; timerCount--; timersChanged = performance.now(); } }
              window.setTimeout = function (fn, ms) {
                var delay = Number(ms) || 0;
                if (typeof fn !== 'function' || delay > 1000) { return setT.apply(window, arguments); }
                var args = Array.prototype.slice.call(arguments, 2), id;
                id = setT.call(window, function () { untrack(id); return fn.apply(this, args); }, delay);
                timers[id] = true; timerCount++; timersChanged = performance.now();
                return id;
              };
              window.clearTimeout = function (id) { untrack(id); return clearT.apply(window, arguments); };
              window.__monitorTimers = function () { return [timerCount, performance.now() - timersChanged]; };
              // what else may still change the page: its own calls in flight, a change to its document, a file it loaded
              var calls = 0, changed = performance.now(), files = 0;
              function touch() { changed = performance.now(); }
              new MutationObserver(touch).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
              var fetch0 = window.fetch;
              if (fetch0) {
                window.fetch = function () {
                  calls++; touch();
                  var p = fetch0.apply(this, arguments);
                  p.then(function () { calls--; touch(); }, function () { calls--; touch(); });
                  return p;
                };
              }
              var send0 = XMLHttpRequest.prototype.send;
              XMLHttpRequest.prototype.send = function () {
                calls++; touch();
                this.addEventListener('loadend', function () { calls--; touch(); });
                return send0.apply(this, arguments);
              };
              // how long nothing was pending and nothing changed, in ms (0 while something is pending)
              window.__monitorStill = function () {
                var n = performance.getEntriesByType('resource').length;
                if (n !== files) { files = n; touch(); }
                return timerCount > 0 || calls > 0 ? 0 : performance.now() - Math.max(changed, timersChanged);
              };
              var clear = Storage.prototype.clear, removeItem = Storage.prototype.removeItem;
              function note(what) {
                kept.storage.push({what: what, page: location.pathname, stack: String(new Error().stack || '')});
                save();
              }
              Storage.prototype.clear = function () {
                if (this === window.localStorage) { note('localStorage.clear()'); }
                return clear.apply(this, arguments);
              };
              Storage.prototype.removeItem = function (key) {
                if (this === window.localStorage && /^sb-.+-auth-token$/.test(String(key))) { note('localStorage.removeItem("' + key + '")'); }
                return removeItem.apply(this, arguments);
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
        return render(url, timeout, acceptPrivateCa, configuredDriver, keep, true);
    }

    /** The same; without {@code screenshots} (monitor.evidence=false) the rendering has none. */
    public static Rendering render(String url, Duration timeout, boolean acceptPrivateCa, Optional<String> configuredDriver,
                                   boolean keep, boolean screenshots) {
        long start = System.nanoTime();
        Optional<Browser> opened;
        try {
            opened = Browser.open(timeout, acceptPrivateCa, configuredDriver, keep, WATCH, screenshots);
        } catch (RuntimeException e) {
            return new Rendering(url, null, null, 0, "", List.of("the browser failed: " + firstLine(e.getMessage())), List.of(), null,
                    Duration.ofNanos(System.nanoTime() - start));
        }
        if (opened.isEmpty()) {
            return new Rendering(url, Browser.NO_DRIVER, null, 0, "", List.of(), List.of(), null, Duration.ZERO);
        }
        try (Browser browser = opened.get(); NetworkQuiet network = NetworkQuiet.watch(browser.driver()).orElse(null)) {
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
                    List<?> values = (List<?>) ((JavascriptExecutor) driver).executeScript("var r = document.getElementById('root');"
                            + "return [r ? r.childElementCount : -1, (window.__monitorErrors || []).length];");
                    children = ((Number) values.get(0)).intValue();
                    if (children > 0 || ((Number) values.get(1)).intValue() > 0 || System.nanoTime() > deadline) {
                        break;
                    }
                    Thread.sleep(25);
                }
                // a lazily loaded chunk fails after the first paint, once the app's start-up waits are over
                settle(driver, network, Math.min(SETTLE_AT_MOST.toMillis(), Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
                Object seen = ((JavascriptExecutor) driver).executeScript("return [window.__monitorErrors || [], window.__monitorDegraded || []];");
                List<String> degraded = new ArrayList<>();
                if (seen instanceof List<?> both && both.size() == 2) {
                    ((List<?>) both.get(0)).forEach(e -> errors.add(firstLine(String.valueOf(e))));
                    ((List<?>) both.get(1)).forEach(e -> degraded.add(firstLine(String.valueOf(e))));
                }
                List<?> after = (List<?>) ((JavascriptExecutor) driver).executeScript("var r = document.getElementById('root');"
                        + "return [r ? r.childElementCount : -1, r ? (r.innerText || '').slice(0, 200) : ''];");
                children = ((Number) after.get(0)).intValue();
                text = String.valueOf(after.get(1));
                String origin = String.valueOf(((JavascriptExecutor) driver).executeScript("return location.origin;"));
                for (LogEntry entry : browser.log()) {
                    classify(firstLine(entry.getMessage()), origin, errors, degraded);
                }
                byte[] png = browser.screenshot();
                return new Rendering(url, null, null, children, text, List.copyOf(errors), degraded.stream().distinct().toList(), png,
                        Duration.ofNanos(System.nanoTime() - start));
            } catch (InterruptedException e) {
                browser.reusable(false);
                Thread.currentThread().interrupt();
                return new Rendering(url, null, null, 0, "", List.of("interrupted"), List.of(), null, Duration.ofNanos(System.nanoTime() - start));
            } catch (RuntimeException e) {
                browser.reusable(false);
                return new Rendering(url, null, null, 0, "", List.of("the browser failed: " + firstLine(e.getMessage())), List.of(), null,
                        Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    /**
     * Waits until the page is idle, at most {@code atMostMs}: no request in flight (the browser's own Network events), no
     * timeout due within a second pending (the watch's count), neither for {@link #SETTLED}. A lazily loaded chunk is
     * asked for after such a wait and seen until it arrives or fails; the app then says so within the quiet window.
     * Without the browser's Network events, all of {@code atMostMs}.
     */
    private static void settle(ChromeDriver driver, NetworkQuiet network, long atMostMs) throws InterruptedException {
        long end = System.nanoTime() + atMostMs * 1_000_000;
        if (network == null) {
            Thread.sleep(atMostMs);
            return;
        }
        while (System.nanoTime() < end) {
            Object timers = driver.executeScript("return window.__monitorTimers ? window.__monitorTimers() : [0, 1e9];");
            List<?> pending = timers instanceof List<?> l && l.size() == 2 ? l : List.of(0, 1e9);
            boolean noTimers = ((Number) pending.get(0)).intValue() == 0 && ((Number) pending.get(1)).doubleValue() >= SETTLED.toMillis();
            if (noTimers && network.quietFor(SETTLED)) {
                return;
            }
            Thread.sleep(25);
        }
    }

    /**
     * A line of the browser's own log, among the errors or the degraded: a request that failed is the app's trouble when
     * it was one of the app's own scripts or stylesheets, else (an image, a font, a call to another origin) a degraded
     * page; a failure the watch already recorded is not said twice; any other severe line is an error.
     */
    static void classify(String message, String origin, List<String> errors, List<String> degraded) {
        java.util.regex.Matcher failed = FAILED_RESOURCE.matcher(message);
        java.util.regex.Matcher socket = WEBSOCKET_FAILED.matcher(message);
        if (SERVICE_WORKER.matcher(message).find()) {
            // the worker caches chunks for later visits; the app starts without it (ServiceWorkerManager catches it)
            degraded.add("the service worker could not be registered: " + message.replaceFirst("^network - ", ""));
            return;
        }
        if (socket.find()) {
            degraded.add("a websocket failed: " + socket.group(1) + (socket.group(1).startsWith(origin.replaceFirst("^http", "ws"))
                    ? "" : " (not the app's origin)"));
            return;
        }
        if (!failed.matches()) {
            if (errors.stream().noneMatch(e -> message.contains(e) || e.contains(message))) {
                errors.add("browser log: " + message);
            }
            return;
        }
        String url = failed.group(1);
        if (errors.stream().anyMatch(e -> e.contains(url)) || degraded.stream().anyMatch(d -> d.contains(url))) {
            return;
        }
        boolean own = url.startsWith(origin + "/");
        String path = url.replaceFirst("[?#].*$", "");
        if (own && (path.endsWith(".js") || path.endsWith(".mjs") || path.endsWith(".css"))) {
            errors.add("failed to load " + url + ": " + failed.group(2));
        } else {
            degraded.add("a request failed: " + url + " (" + failed.group(2) + ")" + (own ? "" : " (not the app's origin)"));
        }
    }

    private static Rendering unreachable(String url, String why, Browser browser, long start) {
        return new Rendering(url, null, why, 0, "", List.of(), List.of(), browser.screenshot(), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * A screenshot as the report keeps it: at the browser's own size, so its text can be read, as a JPEG (a tenth of the
     * PNG's bytes for a page of text and flat colours); the PNG itself when it cannot be re-encoded.
     */
    public static byte[] compressed(byte[] png) {
        try {
            BufferedImage full = ImageIO.read(new ByteArrayInputStream(png));
            BufferedImage rgb = new BufferedImage(full.getWidth(), full.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(full, 0, 0, java.awt.Color.WHITE, null);
            g.dispose();
            javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            javax.imageio.ImageWriteParam quality = writer.getDefaultWriteParam();
            quality.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            quality.setCompressionQuality(0.8f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (javax.imageio.stream.ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new javax.imageio.IIOImage(rgb, null, null), quality);
            } finally {
                writer.dispose();
            }
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
