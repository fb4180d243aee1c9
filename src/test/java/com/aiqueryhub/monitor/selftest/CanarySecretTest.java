package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.checks.emergency.EmergencyChecks;
import com.aiqueryhub.monitor.checks.smoke.SmokeChecks;
import com.aiqueryhub.monitor.checks.monthly.MonthlyChecks;
import com.aiqueryhub.monitor.checks.preflight.PreflightChecks;
import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plants a canary as every secret setting, runs every daily check healthy and broken, builds the HTML
 * report, and searches everything the runs wrote (results, attachments, summary, report, console) for it.
 */
// runs beside other self-tests: their console lines and files are searched too, and none may hold the canary either
// among the first started (see pom.xml, surefire's class order): its longest runs must not be the build's last
@org.junit.jupiter.api.Order(1)
class CanarySecretTest {

    private static final List<String> SECRET_KEYS = List.of("supabase.access-token", "supabase.anon-key", "db.password",
            "telegram.secret-token", "slack.signing-secret", "supabase.service-role-key", "cost.openrouter.api-key",
            "cost.anthropic.admin-key", "cost.openai.admin-key", "journey.user-password");
    private static final Class<?>[] ALL = Stream.of(DailyChecks.CLASSES, WeeklyChecks.CLASSES, MonthlyChecks.CLASSES,
                    EmergencyChecks.CLASSES, SmokeChecks.CLASSES, PreflightChecks.CLASSES).flatMap(Arrays::stream).distinct()
            .toArray(Class<?>[]::new);

    /** The canary's runs, each on a thread of its own (CheckRun waits on the launcher). */
    private static final java.util.concurrent.ExecutorService RUNS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "canary-run");
        t.setDaemon(true);
        return t;
    });

    @Test
    void noSecretReachesAnyFileOrTheConsole() throws Exception {
        String marker = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < SECRET_KEYS.size(); i++) {
            settings.put(SECRET_KEYS.get(i), "canary" + marker + i);
        }
        Path resultsDir = Path.of(System.getProperty("allure.results.directory"));
        Path reportDir = CheckRun.freshReportDir();
        settings.put("monitor.report.dir", reportDir.toString());
        settings.put("monitor.console", "true"); // the table and notes a monitoring run prints, searched too
        settings.put("monitor.evidence", "true"); // every attachment a monitoring run writes, searched too
        Instant start = Instant.now().minusSeconds(1);

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        // captured, not shown: the runs' intended failures must not read as the build's in its log
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            // notifications on, to a receiver that is down: the URLs and the bot token are secrets too
            String nowhere = "http://127.0.0.1:9/";
            settings.put("notify.slack.webhook-url", nowhere + "services/" + "canary" + marker + "S");
            settings.put("notify.webhook.url", nowhere + "hook/" + "canary" + marker + "W");
            settings.put("notify.telegram.bot-token", "123456:canary" + marker + "T");
            settings.put("notify.telegram.chat-id", "-100");
            settings.put("notify.telegram.api-url", nowhere);
            settings.put("notify.timeout", "300ms");
            settings.put("performance.samples", "2");
            settings.put("metrics.sample-interval", "200ms");
            // the healthy run and three broken ones side by side, each writing its own folder under the searched one
            List<String> faultSets = List.of("", "frontend-down,auth-open,cors-broken,project-unhealthy,db-down,error-spike,"
                    + "error-rate,cpu-high,over-budget,audit-events,backup-failed,cert-expiring,telegram-secret-off,"
                    + "slack-unsigned-accepted,upstream-incident,security-burst,signing-keys-verify-jwt-on",
                    "frontend-blank-page,frontend-slow,slow-functions,rls-hidden,cert-wrong-host,telegram-jwt-on,jwks-key-missing",
                    // refused credentials: the requests that carried them are attached as evidence
                    "token-rejected,db-login-rejected,logs-query-refused,frontend-empty-bundle,statuspages-down,"
                            + "journey-sign-in-refused");
            List<java.util.concurrent.CompletableFuture<CheckRun.Result>> runs = new ArrayList<>();
            for (int i = 0; i < faultSets.size(); i++) {
                Map<String, String> run = new HashMap<>(settings);
                run.put("monitor.report.dir", Files.createDirectories(reportDir.resolve("run-" + i)).toString());
                if (!faultSets.get(i).isEmpty()) {
                    run.put("sandbox.faults", faultSets.get(i));
                    run.put("threshold.frontend.response-time", "300ms");
                    run.put("threshold.p95", "300ms");
                }
                runs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> CheckRun.run(run, ALL), RUNS));
            }
            for (int i = 1; i < runs.size(); i++) {
                assertThat(runs.get(i).join().withStatus("failed")).as("the canary run exercises failing checks").isNotEmpty();
            }
            assertThat(runs.get(0).join().withStatus("failed")).as("the healthy run").isEmpty();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        // the report is built from what was written while the canary ran (its runs and any beside them), not from
        // the thousands of results every earlier self-test left in the shared folder: same proof, a fraction of the work
        Path ownResults = Files.createDirectories(reportDir.resolve("allure-results"));
        try (Stream<Path> files = Files.list(resultsDir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> modifiedSince(f, start)).toList()) {
                Files.copy(f, ownResults.resolve(f.getFileName()));
            }
        }
        Path html = generateHtmlReport(ownResults, reportDir.resolve("html"));

        List<Path> written = new ArrayList<>();
        try (Stream<Path> files = Files.walk(reportDir)) {
            files.filter(Files::isRegularFile).forEach(written::add);
        }
        assertThat(written).as("files the runs wrote").anyMatch(p -> p.getFileName().toString().endsWith("-attachment.txt"))
                .anyMatch(p -> p.getFileName().toString().equals("summary.json")).contains(html);
        List<String> forms = new ArrayList<>(List.of(marker));
        settings.values().forEach(v -> forms.add(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        // the signed-in user's tokens are made during the run, never planted: no JWT of any kind may be written
        // possessive: a long run of base64 (the report embeds its data so) is passed over once, not backtracked through
        java.util.regex.Pattern jwt = java.util.regex.Pattern.compile("eyJ[A-Za-z0-9_-]{10,}+\\.eyJ[A-Za-z0-9_-]{10,}+\\.[A-Za-z0-9_-]{10,}+");
        for (Path file : written) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            List<String> found = forms.stream().filter(text::contains).toList();
            assertThat(found).as("%s must not contain a secret", file).isEmpty();
            assertThat(hasToken(jwt, text)).as("%s must not contain a token", file).isFalse();
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).as("console output").doesNotContain(marker)
                .contains("UNHEALTHY");
        assertThat(hasToken(jwt, console.toString(StandardCharsets.UTF_8))).as("a token in the console output").isFalse();
        // the masking really ran: the Management API token was sent and shows masked in the evidence
        assertThat(written.stream().filter(p -> p.toString().endsWith("-attachment.txt")).map(CanarySecretTest::read))
                .anyMatch(text -> text.contains("Authorization: ****"))
                .anyMatch(text -> text.contains("X-Telegram-Bot-Api-Secret-Token: ****"))
                .anyMatch(text -> text.contains("X-Slack-Signature: ****"));
    }

    private static Path generateHtmlReport(Path results, Path out) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("allure.home"));
        assertThat(home.resolve("lib")).as("the Allure command line unpacked by the build").isDirectory();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", home.resolve("lib") + "/*" + File.pathSeparator
                + home.resolve("lib/config"), "io.qameta.allure.CommandLine", "generate", "--clean", "--single-file",
                "-o", out.toString(), results.toString());
        pb.environment().put("APP_HOME", home.toString());
        pb.environment().put("ALLURE_NO_ANALYTICS", "true");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("allure generate finished").isTrue();
        assertThat(p.exitValue()).as("allure generate exit code").isZero();
        return out.resolve("index.html");
    }

    /**
     * Whether the text holds a JWT. Every token has ".eyJ" (a dot, then its JSON payload in base64url) and base64 has no
     * dot, so the pattern is tried only on text that has one: the report's megabytes of base64 are passed over in one scan.
     */
    private static boolean hasToken(java.util.regex.Pattern jwt, String text) {
        return text.contains(".eyJ") && jwt.matcher(text).find();
    }

    private static boolean modifiedSince(Path file, Instant start) {
        try {
            return Files.getLastModifiedTime(file).compareTo(FileTime.from(start)) >= 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
