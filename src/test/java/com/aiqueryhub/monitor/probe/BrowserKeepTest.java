package com.aiqueryhub.monitor.probe;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A kept browser (browser.keep) serves the next render, which sees only its own page: its errors, its content. */
class BrowserKeepTest {

    private static final String BROKEN = "<html><body><div id='root'></div><script>"
            + "throw new Error('broken on purpose')</script></body></html>";
    private static final String HEALTHY = "<html><body><div id='root'></div><script>"
            + "document.getElementById('root').innerHTML = '<p>answered</p>'</script></body></html>";

    @Test
    void theNextRenderReusesTheBrowserAndSeesOnlyItsOwnPage() throws IOException {
        Optional<Path> driver = Browser.driver(Optional.empty());
        assumeTrue(driver.isPresent(), "no chromedriver on the PATH");
        HttpServer site = site(path -> new Page(path.equals("/broken") ? BROKEN : HEALTHY, "text/html; charset=utf-8", null));
        String base = "http://127.0.0.1:" + site.getAddress().getPort();
        try {
            int before = Browser.keptIdle(driver.get(), false);

            BrowserProbe.Rendering broken = BrowserProbe.render(base + "/broken", Duration.ofSeconds(30), false, Optional.empty(), true);
            assertThat(broken.errors()).as("the broken page's own error").anyMatch(e -> e.contains("broken on purpose"));
            assertThat(Browser.keptIdle(driver.get(), false)).as("kept after the render").isEqualTo(before + 1);

            BrowserProbe.Rendering healthy = BrowserProbe.render(base + "/", Duration.ofSeconds(30), false, Optional.empty(), true);
            assertThat(healthy.errors()).as("nothing of the page before").isEmpty();
            assertThat(healthy.rootChildren()).isPositive();
            assertThat(healthy.rootText()).contains("answered");
            // the same browser served it: started anew, the kept one would still be idle beside it
            assertThat(Browser.keptIdle(driver.get(), false)).isEqualTo(before + 1);
        } finally {
            site.stop(0);
        }
    }

    /**
     * A chunk the app loads lazily, served as Netlify serves a Vite build's assets (immutable, a year), then gone after a
     * deploy (the SPA rewrite answers index.html in its place): the kept browser's next look fails as a first-time
     * visitor's does, never served the chunk from its own cache. Without screenshots (no evidence kept), none is taken.
     */
    @Test
    void aChunkGoneSinceTheLastLookIsNotServedFromTheKeptBrowsersCache(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Optional<String> driver = Optional.of(ownDriver(dir).toString());
        java.util.concurrent.atomic.AtomicBoolean deployed = new java.util.concurrent.atomic.AtomicBoolean();
        String page = "<html><body><div id='root'></div><script type=module>"
                + "document.getElementById('root').innerHTML = '<p>loading</p>';"
                + "setTimeout(() => import('/assets/Chat-Bq3xT9kL.js').then(c => c.mount()), 100)</script></body></html>";
        String chunk = "export function mount() { document.getElementById('root').innerHTML = '<p>chat</p>'; }";
        HttpServer site = site(path -> path.equals("/assets/Chat-Bq3xT9kL.js") && !deployed.get()
                ? new Page(chunk, "application/javascript", "public, max-age=31536000, immutable")
                : new Page(page, "text/html; charset=utf-8", "no-cache"));
        String base = "http://127.0.0.1:" + site.getAddress().getPort();
        try {
            BrowserProbe.Rendering before = BrowserProbe.render(base + "/", Duration.ofSeconds(30), false, driver, true, false);
            assertThat(before.errors()).as("the chunk loads before the deploy").isEmpty();
            assertThat(before.rootText()).as("rendered once the chunk loaded (after the page's own wait)").contains("chat");
            assertThat(before.screenshot()).as("no evidence kept, no screenshot taken").isNull();

            deployed.set(true);
            BrowserProbe.Rendering after = BrowserProbe.render(base + "/", Duration.ofSeconds(30), false, driver, true, false);
            assertThat(after.errors()).as("the chunk gone, as a first-time visitor meets it")
                    .anyMatch(e -> e.contains("Chat-Bq3xT9kL.js") || e.contains("dynamically imported module"));
        } finally {
            site.stop(0);
            Browser.quitKept(Path.of(driver.get()), false);
        }
    }

    /** A browser started ahead of its look (while a run's sandbox starts) is the next look's, or quit when none takes it. */
    @Test
    void aBrowserStartedAheadIsTakenByTheNextLookOrQuit(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path driver = ownDriver(dir);
        Optional<String> configured = Optional.of(driver.toString());

        assertThat(SpareBrowsers.start(Duration.ofSeconds(30), true, configured, 1)).isPresent();
        org.openqa.selenium.chrome.ChromeDriver ahead = SpareBrowsers.peek(driver, true).orElseThrow();
        try (Browser taken = Browser.open(Duration.ofSeconds(30), true, configured, false, "", false).orElseThrow()) {
            assertThat(taken.driver()).as("the look took the browser started ahead").isSameAs(ahead);
            assertThat(SpareBrowsers.peek(driver, true)).as("taken once").isEmpty();
        }
        assertThat(ahead.getSessionId()).as("quit with its look (not kept)").isNull();

        SpareBrowsers.Spare mine = SpareBrowsers.start(Duration.ofSeconds(30), true, configured, 1).orElseThrow();
        assertThat(SpareBrowsers.start(Duration.ofSeconds(30), true, configured, 1)).as("one started ahead at a time").isEmpty();
        org.openqa.selenium.chrome.ChromeDriver untaken = SpareBrowsers.peek(driver, true).orElseThrow();
        mine.drop();
        assertThat(SpareBrowsers.peek(driver, true)).isEmpty();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> untaken.getSessionId() == null);
    }

    /** A run with two looks at once (the render and the journey) starts two; each look takes its own, the rest are quit. */
    @Test
    void twoLooksAtOnceTakeTwoBrowsersStartedAhead(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path driver = ownDriver(dir);
        Optional<String> configured = Optional.of(driver.toString());

        SpareBrowsers.Spare mine = SpareBrowsers.start(Duration.ofSeconds(30), true, configured, 2).orElseThrow();
        assertThat(SpareBrowsers.waiting(driver, true)).isEqualTo(2);
        try (Browser render = Browser.open(Duration.ofSeconds(30), true, configured, false, "", false).orElseThrow();
             Browser journey = Browser.open(Duration.ofSeconds(30), true, configured, false, "", false).orElseThrow()) {
            assertThat(render.driver()).as("each look its own browser").isNotSameAs(journey.driver());
            assertThat(SpareBrowsers.waiting(driver, true)).as("both taken").isZero();
            mine.drop(); // taken ones are their looks' to quit, not the run's
            assertThat(render.driver().getSessionId()).isNotNull();
            assertThat(journey.driver().getSessionId()).isNotNull();
        }

        SpareBrowsers.Spare two = SpareBrowsers.start(Duration.ofSeconds(30), true, configured, 2).orElseThrow();
        org.openqa.selenium.chrome.ChromeDriver taken;
        try (Browser only = Browser.open(Duration.ofSeconds(30), true, configured, false, "", false).orElseThrow()) {
            taken = only.driver();
            org.openqa.selenium.chrome.ChromeDriver left = SpareBrowsers.peek(driver, true).orElseThrow();
            two.drop(); // the look that never came: its browser is quit, the one taken is not
            assertThat(SpareBrowsers.waiting(driver, true)).isZero();
            assertThat(taken.getSessionId()).isNotNull();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> left.getSessionId() == null);
        }
        assertThat(taken.getSessionId()).as("quit with its look").isNull();
    }

    /**
     * The installed chromedriver under a name of its own (a link in the test's folder): its kept and started-ahead
     * browsers are this test's alone, never taken by another test's look beside it in the JVM.
     */
    private static Path ownDriver(Path dir) throws IOException {
        Optional<Path> installed = Browser.driver(Optional.empty());
        assumeTrue(installed.isPresent(), "no chromedriver on the PATH");
        return java.nio.file.Files.createSymbolicLink(dir.resolve("chromedriver"), installed.get());
    }

    /** What the test site answers for a path; {@code cacheControl} null for none. */
    private record Page(String body, String contentType, String cacheControl) {
    }

    /** A site on loopback, started, answering each path with its page (200). */
    private static HttpServer site(java.util.function.Function<String, Page> pages) throws IOException {
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            Page page = pages.apply(exchange.getRequestURI().getPath());
            byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", page.contentType());
            if (page.cacheControl() != null) {
                exchange.getResponseHeaders().add("Cache-Control", page.cacheControl());
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        return site;
    }
}
