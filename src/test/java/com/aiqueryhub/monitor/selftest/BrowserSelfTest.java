package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.probe.Browser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front end in a real browser (the system's Chromium and chromedriver; these tests skip where none is
 * installed): green on the healthy sandbox's app with a screenshot, red on each way a bundle that loads can still
 * leave a white page, while the HTTP checks of the same page stay green; skipped with an install hint without a driver.
 */
// among the first started (see pom.xml, surefire's class order): its longest runs must not be the build's last
@org.junit.jupiter.api.Order(2)
class BrowserSelfTest {

    /** The render limit of a healthy app: far above the seconds it needs on a busy machine. */
    private static final Map<String, String> BROWSER = Map.of("browser.enabled", "true", "browser.timeout", "30s",
            "monitor.evidence", "true"); // the screenshot is evidence
    /**
     * The render limit of a white page: it never renders, so any limit proves it, and the check waits the whole limit
     * for #root before it calls the page blank; 10 s leaves the page's own load room on a busy machine.
     */
    private static final String WHITE_PAGE_TIMEOUT = "10s";

    @Test
    void theHealthyAppRendersAndLeavesAScreenshot() throws IOException {
        assumeBrowser();
        Instant start = Instant.now().minusSeconds(1);

        CheckRun.Result result = CheckRun.run(BROWSER, DailyChecks.CLASSES);

        assertThat(result.get("frontend.renders").status()).as("outcomes: %s", result.byId()).isEqualTo("passed");
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("allure.results.directory")))) {
            // other runs write here at the same time: any new screenshot since this one started is enough
            List<Path> shots = files.filter(f -> f.toString().endsWith("-attachment.jpg")).filter(f -> newer(f, start)).toList();
            assertThat(shots).as("a JPEG screenshot in the results").isNotEmpty();
            // readable: at the browser's own size (1280 wide), compressed
            java.awt.image.BufferedImage shot = javax.imageio.ImageIO.read(shots.get(0).toFile());
            assertThat(shot.getWidth()).isEqualTo(1280);
            assertThat(Files.size(shots.get(0))).isLessThan(400_000);
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("frontend-runtime-error", "Cannot read properties of undefined (reading 'map')"),
                Arguments.of("frontend-missing-config", "supabaseUrl is required: VITE_SUPABASE_URL was not set"),
                Arguments.of("frontend-chunk-404", "Failed to fetch dynamically imported module: https://localhost:"),
                Arguments.of("frontend-console-error", "console error: Failed to load user settings"));
    }

    @ParameterizedTest(name = "{0}: only frontend.renders is red")
    @MethodSource("faults")
    void aBundleThatLoadsAndBreaksIsCaughtOnlyByTheBrowser(String fault, String firstError) {
        assumeBrowser();
        Map<String, String> settings = new HashMap<>(BROWSER);
        settings.put("sandbox.faults", fault);
        settings.put("browser.timeout", WHITE_PAGE_TIMEOUT);

        CheckRun.Result result = CheckRun.run(settings, DailyChecks.CLASSES);

        // the journey, in the same browser, may meet the same broken app (at its sign-in, or at the chat a missing chunk
        // holds): then it points at frontend.renders' finding, never a second one
        java.util.Set<String> notRun = new java.util.HashSet<>(java.util.Set.of("ai-answer.answers"));
        java.util.stream.Stream.of("journey.sign-in", "journey.answer", "journey.session-kept", "journey.sign-out", "auth.signing-keys")
                .filter(id -> result.get(id).status().equals("skipped")).forEach(notRun::add);
        CheckRun.assertOnlyRed(result, java.util.Set.of("frontend.renders"), notRun, firstError);
        notRun.stream().filter(id -> !id.equals("ai-answer.answers")).forEach(id -> assertThat(result.get(id).message())
                .containsAnyOf("frontend.renders reports it", "no signed-in user"));
        assertThat(result.get("frontend.status").status()).isEqualTo("passed");
        assertThat(result.get("frontend.bundle").status()).isEqualTo("passed");
        assertThat(result.get("frontend.renders").message()).contains("first error: ", "— browser GET https://localhost:");
    }

    /** A site whose name does not resolve is unreachable, said at once in the network's words, never "a white page". */
    @Test
    void anUnresolvableSiteIsUnreachableAtOnceNotAWhitePage() {
        assumeBrowser();
        Map<String, String> settings = new HashMap<>(BROWSER);
        settings.put("sandbox.faults", "frontend-name-unresolved");
        settings.put("browser.timeout", "60s"); // the run must end far sooner: the browser said "unreachable" at once

        CheckRun.Result daily = CheckRun.run(settings, DailyChecks.CLASSES);
        assertThat(daily.get("frontend.renders").status()).isEqualTo("skipped");
        assertThat(daily.get("frontend.renders").message())
                .contains("the front end is unreachable (name not resolved: www.aiqueryhub.invalid", "reported by frontend.status");

        // the smoke run has no frontend.status: its own front-end check owns the cause, the browser check points at it
        CheckRun.Result smoke = CheckRun.runTagged(settings, "smoke", com.aiqueryhub.monitor.checks.smoke.SmokeChecks.CLASSES[0],
                DailyChecks.CLASSES[0]);
        assertThat(smoke.get("quick-health.frontend").status()).isEqualTo("failed");
        assertThat(smoke.get("quick-health.frontend").message()).contains("name not resolved: www.aiqueryhub.invalid");
        assertThat(smoke.get("frontend.renders").status()).isEqualTo("skipped");
        assertThat(smoke.get("frontend.renders").message()).contains("reported by quick-health.frontend");

        // run alone, the browser check says it itself, in the network's words, never "a white page", and at once
        CheckRun.Result alone = CheckRun.runOnly(settings, java.util.Set.of("frontend.renders"), DailyChecks.CLASSES[0]);
        assertThat(alone.get("frontend.renders").status()).isEqualTo("failed");
        assertThat(alone.get("frontend.renders").message()).startsWith("expected the site to load in the browser; observed the site "
                + "is unreachable: name not resolved: www.aiqueryhub.invalid");
        assertThat(alone.get("frontend.renders").message().lines().findFirst().orElseThrow()).doesNotContain("blank", "white");
        assertThat(alone.took()).as("not the browser's 60 s timeout").isLessThan(java.time.Duration.ofSeconds(30));
    }

    /**
     * A picture the landing page shows, gone from public storage (Supabase Storage's 400 not_found): the app started,
     * users see a missing picture. Degraded, naming what failed and from where; never a Critical render failure.
     */
    @Test
    void aMissingImageIsDegradedNotARenderFailure() {
        assumeBrowser();
        Map<String, String> settings = new HashMap<>(BROWSER);
        settings.put("sandbox.faults", "frontend-image-missing");

        CheckRun.Result result = CheckRun.runOnly(settings, java.util.Set.of("frontend.renders", "frontend.status"), DailyChecks.CLASSES[0]);

        assertThat(result.get("frontend.renders").status()).as("outcomes: %s", result.byId()).isEqualTo("degraded");
        assertThat(result.get("frontend.renders").message()).contains("an image failed to load: https://localhost:",
                "/storage/v1/object/public/assets/wheels.jpg", "another origin than the app");
        assertThat(result.summary().path("verdict").asText()).isEqualTo("DEGRADED");
    }

    @Test
    void withoutAChromedriverTheCheckIsSkippedWithTheInstallHint() {
        Map<String, String> noDriver = new HashMap<>(BROWSER);
        noDriver.put("browser.driver", "/nonexistent/chromedriver");

        CheckRun.Result result = CheckRun.run(noDriver, DailyChecks.CLASSES);
        assertThat(result.get("frontend.renders").status()).isEqualTo("skipped");
        assertThat(result.get("frontend.renders").message()).contains("apt-get install chromium chromium-driver");
        // the journey runs through the APIs instead, saying so
        assertThat(result.withStatus("passed")).as("the run is otherwise unchanged").hasSize(17);

        noDriver.put("monitor.strict", "true");
        assertThat(CheckRun.run(noDriver, DailyChecks.CLASSES).get("frontend.renders").status()).isEqualTo("broken");
    }

    /** Selenium Manager, offline, finds the same system driver the PATH gives: the opt-in route a laptop can take. */
    @Test
    void seleniumManagerFindsTheSystemsDriverWithoutADownload() {
        assumeBrowser();

        assertThat(Browser.driver(java.util.Optional.of(Browser.SELENIUM_MANAGER_OFFLINE)))
                .as("offline: no download, the driver on the PATH").isPresent();
    }

    private static void assumeBrowser() {
        Assumptions.assumeTrue(Browser.driver(java.util.Optional.empty()).isPresent(),
                "no chromedriver on the PATH: apt-get install chromium chromium-driver to run the browser self-tests");
    }

    private static boolean newer(Path f, Instant start) {
        try {
            return Files.getLastModifiedTime(f).compareTo(FileTime.from(start)) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
