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
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            byte[] page = (exchange.getRequestURI().getPath().equals("/broken") ? BROKEN : HEALTHY).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        site.start();
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
}
