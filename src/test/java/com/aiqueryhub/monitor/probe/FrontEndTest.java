package com.aiqueryhub.monitor.probe;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main bundle is found by what the page loads, not by its bytes. Today's page is the one Vite writes for the app
 * (vite.config.ts of Thabonel/drive-flow-ai-know: default entry name, manualChunks preloaded); the others are the
 * same app built or served otherwise (Vite's base and entryFileNames options, hand-written tags, injected snippets).
 */
class FrontEndTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            today's page | <script type="module" crossorigin src="/assets/index-Dq7sBx2k.js"></script><link rel="modulepreload" crossorigin href="/assets/react-vendor-C1x.js"> | /assets/index-Dq7sBx2k.js
            relative base, other entry name, reordered, single quotes | <script src='./assets/main.B4r9XkQz.js' type=module crossorigin></script> | ./assets/main.B4r9XkQz.js
            unquoted, upper case, a base path | <SCRIPT TYPE=module SRC=/app/assets/index-X1.js></SCRIPT> | /app/assets/index-X1.js
            an injected classic script first | <script src="/.netlify/scripts/rum"></script><script>var x = "<script type=module";</script><script type="module" src="/assets/index-A.js"></script> | /assets/index-A.js
            several modules: Vite's index preferred | <script type="module" src="/assets/polyfills-P.js"></script><script type="module" src="/assets/index-B.js?v=2"></script> | /assets/index-B.js?v=2
            no module script | <script src="/assets/legacy.js"></script><link rel="modulepreload" href="/assets/index-C.js"> | (none)
            """)
    void theMainBundleIsWhatThePageLoadsAsItsModule(String shape, String head, String expected) {
        HttpObservation page = HttpObservation.answered(HttpCall.get("https://site.example/"), 200, "HTTP/2 200",
                Map.of(), "<!doctype html><html><head>" + head + "</head><body><div id=root></div></body></html>",
                Duration.ofMillis(5), HttpClient.Version.HTTP_2);

        assertThat(FrontEnd.mainBundlePath(page).orElse("(none)")).as(shape).isEqualTo(expected);
    }
}
