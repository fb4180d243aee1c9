package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
import com.aiqueryhub.monitor.probe.Browser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * trends.html looked at as a person would, in the browser the suite already uses: after a daily and then a weekly run on
 * the sandbox, every check of both cadences has its row with its latest status, the front end's response time is charted
 * with its limit drawn inside the chart, and the journey's answer time is charted. The screenshot is kept beside the runs'
 * report (trends.png). Skipped, with the reason, on a machine without Chromium and its driver.
 */
class TrendsSelfTest {

    @Test
    void afterADailyAndAWeeklyRunThePageShowsBothCadencesAndALimitLine() throws Exception {
        Assumptions.assumeTrue(Browser.driver(Optional.empty()).isPresent(), "no chromedriver: apt-get install chromium "
                + "chromium-driver to look at trends.html in a browser");
        Path folder = CheckRun.freshReportDir();
        Map<String, String> here = Map.of("monitor.report.dir", folder.toString());
        CheckRun.Result daily = CheckRun.runTagged(here, "daily", DailyChecks.CLASSES);
        CheckRun.Result weekly = CheckRun.runTagged(Map.of("monitor.report.dir", folder.toString(), "performance.samples", "2",
                "metrics.sample-interval", "200ms"), "weekly", WeeklyChecks.CLASSES);
        Set<String> expected = new TreeSet<>(daily.byId().keySet());
        expected.addAll(weekly.byId().keySet());

        Browser browser = Browser.open(Duration.ofSeconds(20), false, Optional.empty(), false, "").orElseThrow();
        try (browser) {
            ChromeDriver page = browser.driver();
            page.get(folder.resolve("trends.html").toUri().toString());
            List<WebElement> rows = page.findElements(By.cssSelector("tr.check"));
            Set<String> shown = rows.stream().filter(WebElement::isDisplayed).map(r -> r.getAttribute("id").replaceFirst("^check-", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(shown).as("a row for every check of both runs").containsAll(expected);
            assertThat(page.findElement(By.id("cadence-daily")).isDisplayed()).isTrue();
            assertThat(page.findElement(By.id("cadence-weekly")).isDisplayed()).isTrue();
            assertThat(page.findElement(By.id("check-frontend.status")).getText()).as("latest status").contains("passed");
            assertThat(page.findElement(By.id("check-performance.frontend-p95")).getText()).contains("passed");

            // the front end's response-time chart: its limit line lies inside the chart, where a person sees it
            WebElement limit = page.findElement(By.id("check-frontend.response-time")).findElement(By.cssSelector("svg.chart line.limit"));
            WebElement chart = page.findElement(By.id("check-frontend.response-time")).findElement(By.cssSelector("svg.chart"));
            assertThat(limit.getRect().getY()).isBetween(chart.getRect().getY(), chart.getRect().getY() + chart.getRect().getHeight());
            assertThat(page.findElement(By.id("check-frontend.response-time")).getText()).contains("limit", "response-time-ms");
            assertThat(page.findElement(By.id("check-journey.answer")).getText()).as("the journey's answer time is charted")
                    .contains("answer-ms");
            // the whole page in one picture, as a person scrolls it
            long height = (Long) page.executeScript("return document.documentElement.scrollHeight;");
            page.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", height,
                    "deviceScaleFactor", 1, "mobile", false));
            Files.write(folder.resolve("trends.png"), browser.screenshot());
        }
        assertThat(folder.resolve("trends.png")).isNotEmptyFile();
    }
}
