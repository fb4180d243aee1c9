package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.run.RunOutcome;
import com.aiqueryhub.monitor.run.RunVerdict;
import com.aiqueryhub.monitor.secret.Masker;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Allure report shows besides the checks: the overview's environment (the verdict first), the executor (the
 * CI job, with a link back), the categories; and the build's properties: the report's title (its verdict), whether
 * the run joins the history, and the reason a run that checked nothing fails.
 */
public final class AllureFiles {

    private AllureFiles() {
    }

    public static void write(Path resultsDir, RunOutcome outcome, Optional<Settings> settings, Masker masker) throws IOException {
        Files.createDirectories(resultsDir);
        // Allure keeps this order: the verdict first, what was checked after
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Verdict", outcome.verdict().line());
        env.put("Environment", outcome.environment());
        env.put("Tag expression", outcome.tagExpression().isBlank() ? "(all checks)" : outcome.tagExpression());
        env.put("Trends", "trends.html beside this report (each check links it under Links): every check's pass shares over 24 h, "
                + "7 d, 30 d, its runs over time and its figures against their limits");
        if (settings.isPresent()) {
            Settings s = settings.get();
            for (Setting<?> key : List.of(Keys.FRONTEND_URL, Keys.SUPABASE_URL, Keys.SUPABASE_PROJECT_REF, Keys.SUPABASE_MANAGEMENT_URL,
                    Keys.MONITOR_STRICT, Keys.SANDBOX_FAULTS, Keys.MAINTENANCE_WINDOWS, Keys.HTTP_CONNECT_TIMEOUT, Keys.HTTP_READ_TIMEOUT)) {
                if (s.isSet(key)) {
                    env.put(key.key(), String.valueOf(s.find(key).orElse(null)));
                }
            }
            s.find(Keys.DB_URL).ifPresent(v -> env.put("db.url", v.contains("?") ? v.substring(0, v.indexOf('?')) : v));
            env.put("Secrets set", String.join(", ", s.secretsSet()));
        } else {
            env.put("Settings", "could not be loaded: " + outcome.verdict().line());
        }
        StringBuilder props = new StringBuilder();
        env.forEach((k, v) -> props.append(k.replace(" ", "\\ ")).append('=').append(propertyValue(v)).append('\n'));
        replace(resultsDir.resolve("environment.properties"), masker.mask(props.toString()));
        Map<String, Object> executor = executor();
        if (!executor.containsKey("buildUrl")) {
            // a run off CI has no job to link: the overview's executor links the page beside the report instead
            executor.put("buildName", "trends.html: every check over time (" + executor.get("buildName") + ")");
            executor.put("buildUrl", "trends.html");
        }
        replace(resultsDir.resolve("executor.json"), masker.maskValues(Json.compact(executor)));
        replace(resultsDir.resolve("categories.json"), Json.pretty(Categories.all()));

        // the report carries its verdict as its name (the build passes it to allure generate --name), and a run whose
        // verdict does not pass without a failed check (nothing checked, blind, misconfigured, checks not observed) fails
        // the build with its verdict line (the build reads run.fails; failed checks fail it through failsafe)
        StringBuilder build = new StringBuilder("report.title=" + escape(masker.mask("AI Query Hub monitor: "
                + outcome.environment() + ": " + outcome.verdict().kind().word())) + "\n");
        if (outcome.loaded()) {
            build.append("run.loaded=true\n");
        }
        // Allure's trend panel per environment and cadence, as trends.html: kept under history/allure/ENV/GROUPS
        String groups = outcome.tagExpression().isBlank() ? "all" : outcome.tagExpression();
        String historyDir = "allure/" + outcome.environment().replaceAll("[^A-Za-z0-9._-]", "_") + "/"
                + groups.replaceAll("[^A-Za-z0-9._-]+", "_");
        carryHistory(resultsDir.resolve("history"), historyDir);
        build.append("run.history-dir=").append(escape(historyDir)).append('\n');
        // the cadence's own copy of the report, which trends.html links from each check's latest run
        build.append("run.report-file=").append(escape(TrendsPage.reportFile(outcome.tagExpression()))).append('\n');
        if (!outcome.verdict().passes() && outcome.verdict().kind() != RunVerdict.Kind.UNHEALTHY) {
            build.append("run.fails=").append(escape(masker.mask(outcome.verdict().line()))).append('\n');
        }
        Path parent = resultsDir.toAbsolutePath().getParent();
        replace(parent.resolve("monitor-report.properties"), build.toString());
    }

    /** Allure's own history files: the trend panel and each test's history. */
    static final List<String> ALLURE_HISTORY = List.of("history.json", "history-trend.json", "duration-trend.json",
            "categories-trend.json", "retry-trend.json");

    /**
     * The history Allure reads is this environment's ({@code history/allure/ENV}, carried in from reports/history), never
     * another environment's or cadence's left at the top of the folder by an earlier run or release.
     */
    private static void carryHistory(Path history, String environmentDir) throws IOException {
        if (!Files.isDirectory(history)) {
            return;
        }
        Path own = history.resolve(environmentDir);
        for (String name : ALLURE_HISTORY) {
            Files.deleteIfExists(history.resolve(name));
            if (Files.isRegularFile(own.resolve(name))) {
                Files.copy(own.resolve(name), history.resolve(name));
            }
        }
    }

    /** Writes a whole new file in one step: runs that share a results folder (the self-tests) never mix their files. */
    private static void replace(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Who ran the checks: the CI job with a link back to it, or the engineer's machine. */
    public static Map<String, Object> executor() {
        Map<String, String> env = System.getenv();
        Map<String, Object> m = new LinkedHashMap<>();
        if (env.containsKey("GITHUB_RUN_ID")) {
            String url = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/"
                    + env.getOrDefault("GITHUB_REPOSITORY", "") + "/actions/runs/" + env.get("GITHUB_RUN_ID");
            m.put("name", "GitHub Actions");
            m.put("type", "github");
            m.put("buildName", env.getOrDefault("GITHUB_WORKFLOW", "workflow") + " #" + env.getOrDefault("GITHUB_RUN_NUMBER", ""));
            m.put("buildUrl", url);
        } else if (env.containsKey("GITLAB_CI")) {
            m.put("name", "GitLab CI");
            m.put("type", "gitlab");
            m.put("buildName", "pipeline " + env.getOrDefault("CI_PIPELINE_ID", ""));
            m.put("buildUrl", env.getOrDefault("CI_JOB_URL", ""));
        } else {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown host";
            }
            m.put("name", (env.containsKey("CI") ? "CI" : "local run") + " on " + host);
            m.put("type", "local");
            m.put("buildName", System.getProperty("user.name", "") + "@" + host + " " + Instant.now());
        }
        Optional.ofNullable(System.getProperty("report.url", env.get("REPORT_URL"))).ifPresent(u -> m.put("reportUrl", u));
        return m;
    }

    /** Where a notification's reader finds the report: report.url, else the CI run's page, else the machine. */
    public static String reportUrl(Settings settings) {
        return settings.find(Keys.REPORT_URL).map(Object::toString).orElseGet(() -> {
            Object build = executor().get("buildUrl");
            return build != null ? build.toString() : "reports/index.html on the machine that ran the checks";
        });
    }

    /** A properties value as the build reads it back. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", " ");
    }

    /** A value as java.util.Properties reads it back: backslashes kept, one line. */
    static String propertyValue(String value) {
        return value.replace("\\", "\\\\").replace("\n", " ").replace("\r", " ");
    }
}
