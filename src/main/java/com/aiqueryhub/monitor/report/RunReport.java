package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.preflight.PreflightReport;
import com.aiqueryhub.monitor.check.CheckExtension;
import com.aiqueryhub.monitor.check.CheckInfo;
import com.aiqueryhub.monitor.check.Degraded;
import com.aiqueryhub.monitor.check.ManualStep;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.AiQueryHub;
import com.aiqueryhub.monitor.probe.StatusPages;
import com.aiqueryhub.monitor.secret.Masker;
import groovy.json.JsonOutput;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Watches a run of checks and, at its end, writes {@code summary.json}, the Allure overview's environment,
 * executor and categories, and prints a short table for the console. Registered through the JUnit
 * Platform's service loader, so every run of checks gets it; a run without checks (unit tests) is ignored.
 */
public final class RunReport implements TestExecutionListener {

    /** Set in the checks' JVM only: a check run that selected nothing is an error, not a quiet success. */
    public static final String CHECK_RUN = "monitor.check-run";
    /** Prints the table in other runs too (the self-tests' nested runs are quiet unless asked). */
    public static final String CONSOLE_TABLE = "monitor.console-table";

    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final Map<String, Instant> finished = new ConcurrentHashMap<>();
    private final Map<String, CheckResult> results = new ConcurrentHashMap<>();
    private final Map<String, Integer> order = new ConcurrentHashMap<>();
    private volatile Instant planStarted = Instant.now();
    private volatile boolean hasChecks;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        planStarted = Instant.now();
        hasChecks = plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .anyMatch(id -> info(id).isPresent());
        boolean preflight = plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .anyMatch(id -> info(id).map(i -> i.cadence().equals("preflight")).orElse(false));
        if (preflight) {
            // a preflight rewrites its own files: an earlier preflight's must not outlive a run that could not write them
            PreflightReport.forget(Path.of(System.getProperty("monitor.report.dir", "reports")));
        }
        if (hasChecks) {
            try {
                // start the sandbox and probes before the first check, so the check phase measures checks only,
                // and read the status pages meanwhile: a failure's upstream note must not wait on them
                Monitor monitor = Monitor.get();
                monitor.selectedChecks(plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                        .map(RunReport::info).flatMap(Optional::stream).map(CheckInfo::id).collect(Collectors.toSet()));
                StatusPages.configured(monitor.settings()).forEach(p -> monitor.prefetch(() -> AiQueryHub.statusPage(monitor, p)));
                // the browser takes a second or two to start: let it load the page while the other checks run
                boolean browser = plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                        .anyMatch(id -> info(id).map(i -> i.id().equals("frontend.renders")).orElse(false));
                if (browser && monitor.settings().flag("browser.enabled")) {
                    monitor.prefetch(() -> AiQueryHub.rendering(monitor));
                }
            } catch (RuntimeException e) {
                // the checks report why the run cannot start
            }
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            started.put(id.getUniqueId(), Instant.now());
            order.putIfAbsent(id.getUniqueId(), order.size());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            info(id).ifPresent(info -> results.put(id.getUniqueId(),
                    new CheckResult(info, CheckResult.Status.SKIPPED, 0, mask("skipped: " + reason), Map.of(), List.of())));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        finished.put(id.getUniqueId(), Instant.now());
        info(id).ifPresent(info -> {
            long ms = Duration.between(started.getOrDefault(id.getUniqueId(), Instant.now()), Instant.now()).toMillis();
            Throwable t = result.getThrowable().orElse(null);
            CheckResult.Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> CheckResult.Status.PASSED;
                case ABORTED -> t instanceof Degraded ? CheckResult.Status.DEGRADED
                        : t instanceof ManualStep ? CheckResult.Status.MANUAL : CheckResult.Status.SKIPPED;
                case FAILED -> t instanceof AssertionError ? CheckResult.Status.FAILED : CheckResult.Status.BROKEN;
            };
            String message = t == null ? "" : mask(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            results.put(id.getUniqueId(), new CheckResult(info, status, ms, message, Figures.of(info.id()),
                    RetryNotes.of(info.id())));
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        boolean checkRun = Boolean.getBoolean(CHECK_RUN);
        if (!hasChecks && !checkRun) {
            return;
        }
        List<CheckResult> all = new ArrayList<>(results.values());
        all.sort(CheckResult.WORST_FIRST);
        Path reportDir = Path.of(System.getProperty("monitor.report.dir", "reports"));
        String tags = System.getProperty("monitor.tag-expression", "");
        // the console is the monitoring run's; the project's own self-tests run checks quietly (their failures are meant)
        PrintStream out = checkRun || Boolean.getBoolean(CONSOLE_TABLE) ? System.out : new PrintStream(OutputStream.nullOutputStream());
        RunVerdict verdict = RunVerdict.of(all);
        if (all.isEmpty()) {
            out.println("[monitor] ERROR: no check was selected" + (tags.isBlank() ? "" : " by the tag expression '" + tags + "'")
                    + ": use -Dgroups=daily, weekly, monthly, emergency, smoke or preflight (JUnit tag expressions such as 'weekly | monthly' work too)");
        }
        // only a loaded environment joins the history: a mistyped -Denv or an unreadable setting leaves it untouched
        Optional<Monitor> run = loaded();
        // a preflight fits the suite to a deployment, and a manual step is for people: neither pages anyone nor joins
        // the time series
        List<CheckResult> health = all.stream().filter(r -> !r.info().cadence().equals("preflight"))
                .filter(r -> r.status() != CheckResult.Status.MANUAL).toList();
        List<Notifier.Delivery> deliveries = run.map(m -> notifyPeople(m, health, verdict, reportDir, out)).orElse(List.of());
        try {
            Map<String, Object> metrics = run.isPresent() && !health.isEmpty() ? timeSeries(run.get(), health, verdict, reportDir, out)
                    : Map.of();
            writeSummary(reportDir.resolve("summary.json"), all, tags, verdict, deliveries, metrics);
            PreflightReport.writeIfAny(reportDir, Monitor.currentMasker(), environmentName(),
                    run.map(m -> m.settings().environmentValues()).orElse(Map.of()), run.map(m -> m.settings().isSandbox()).orElse(true), out);
            if (run.isPresent()) {
                Map<String, Map<String, Object>> figures = new LinkedHashMap<>();
                all.forEach(r -> figures.put(r.info().id(), r.figures()));
                Figures.save(environmentName(), planStarted, figures);
            }
            String resultsDir = System.getProperty("allure.results.directory");
            if (resultsDir != null) {
                writeAllureOverview(Path.of(resultsDir), tags, verdict);
                // the report carries its verdict as its name (the build passes it to allure generate --name), and a run
                // that checked nothing fails the build with its reason (the build reads run.nothing-checked)
                String title = "AI Query Hub monitor: " + environmentName() + ": " + verdict.kind().word();
                StringBuilder props = new StringBuilder("report.title=" + escape(Monitor.currentMasker().mask(title)) + "\n");
                if (run.isPresent()) {
                    props.append("run.loaded=true\n");
                }
                if (verdict.kind() == RunVerdict.Kind.NOTHING_CHECKED) {
                    props.append("run.nothing-checked=").append(escape(Monitor.currentMasker().mask(verdict.line()))).append('\n');
                }
                Path parent = Path.of(resultsDir).toAbsolutePath().getParent();
                Files.writeString(parent.resolve("monitor-report.properties"), props.toString(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            out.println("[monitor] ERROR: cannot write the report files: " + e.getMessage());
        }
        out.print(ConsoleTable.render(environmentName(), all, verdict, Duration.between(planStarted, Instant.now()),
                reportDir.resolve("index.html")));
        out.flush();
    }

    /** A properties value as the build reads it back. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", " ");
    }

    /** The run's context, when its settings loaded; empty for a mistyped environment or a malformed setting. */
    private static Optional<Monitor> loaded() {
        try {
            return Optional.of(Monitor.get());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Keeps this run in the history (pass shares, last successes), writes reports/metrics.prom and pushes it when
     * pushgateway.url is set. A failed push is printed and listed in summary.json; it never changes the exit status.
     */
    private Map<String, Object> timeSeries(Monitor m, List<CheckResult> health, RunVerdict verdict, Path reportDir, PrintStream out)
            throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        String environment = m.settings().environment();
        String location = RunLocation.of(Optional.of(m.settings()));
        Duration took = Duration.between(planStarted, Instant.now());
        boolean healthy = verdict.kind() == RunVerdict.Kind.HEALTHY;
        RunHistory history = RunHistory.load(RunHistory.defaultFile());
        Map<String, String> statuses = new LinkedHashMap<>();
        health.forEach(r -> statuses.put(r.info().id(), r.status().label()));
        history.record(environment, location, planStarted, healthy, took.toMillis(), statuses);
        RunMetrics metrics = RunMetrics.of(environment, location, health, planStarted, took, healthy, history);
        metrics.write(reportDir.resolve("metrics.prom"));
        result.put("file", reportDir.resolve("metrics.prom").toString());
        result.put("location", location);
        Optional<String> gateway = m.settings().find("pushgateway.url");
        if (gateway.isPresent()) {
            String where = m.masker().mask(gateway.get());
            try {
                metrics.push(m.settings().url("pushgateway.url"), environment, location, m.settings().duration("pushgateway.timeout"));
                result.put("pushed", true);
                result.put("pushDetail", "pushed to " + where);
                out.println("[monitor] metrics pushed to " + where + " (job " + RunMetrics.JOB + ", environment " + environment
                        + ", location " + location + ")");
            } catch (IOException | RuntimeException e) {
                String why = m.masker().mask(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                result.put("pushed", false);
                result.put("pushDetail", "NOT pushed to " + where + ": " + why);
                out.println("[monitor] metrics NOT pushed to " + where + ": " + why + " (the run's outcome is unchanged)");
            }
        }
        TrendsPage.write(reportDir.resolve("trends.html"), environment, location, history, health, m.masker());
        return result;
    }

    /** Notifications never change the run's outcome: a failure to deliver is printed and written to summary.json. */
    private static List<Notifier.Delivery> notifyPeople(Monitor monitor, List<CheckResult> all, RunVerdict verdict, Path reportDir,
                                                        PrintStream out) {
        try {
            Notifier notifier = new Notifier(monitor.settings(), monitor.masker(),
                    reportDir.resolve("history").resolve("monitor-notify-state.json"));
            List<Notifier.Delivery> deliveries = notifier.notify(all, verdict, Instant.now());
            for (Notifier.Delivery d : deliveries) {
                out.println("[monitor] notification " + d.event() + " via " + d.channel() + ": " + d.detail());
            }
            return deliveries;
        } catch (IOException | RuntimeException e) {
            String why = mask(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            out.println("[monitor] notifications skipped: " + why);
            return List.of(new Notifier.Delivery("all", "error", false, why));
        }
    }

    private void writeSummary(Path file, List<CheckResult> all, String tags, RunVerdict verdict, List<Notifier.Delivery> deliveries,
                              Map<String, Object> metrics) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("environment", environmentName());
        summary.put("tagExpression", tags);
        summary.put("startedAt", planStarted.toString());
        summary.put("finishedAt", Instant.now().toString());
        summary.put("durationMs", Duration.between(planStarted, Instant.now()).toMillis());
        Map<String, Long> totals = new LinkedHashMap<>();
        for (CheckResult.Status s : CheckResult.Status.values()) {
            totals.put(s.label(), all.stream().filter(r -> r.status() == s).count());
        }
        summary.put("checksRun", all.stream().filter(r -> r.status() != CheckResult.Status.MANUAL).count());
        summary.put("timing", timing());
        summary.put("totals", totals);
        summary.put("verdict", verdict.kind().word());
        summary.put("verdictLine", verdict.line());
        if (verdict.reason() != null) {
            summary.put("reason", verdict.reason());
        }
        summary.put("healthy", verdict.kind() == RunVerdict.Kind.HEALTHY);
        summary.put("checks", all.stream().map(CheckResult::toJson).toList());
        summary.put("notifications", deliveries.stream().map(Notifier.Delivery::toJson).toList());
        summary.put("calls", calls());
        summary.put("metrics", metrics);
        Files.createDirectories(file.getParent());
        // every free text in it (messages, notification details) is masked fully already
        Files.writeString(file, Monitor.currentMasker().maskValues(com.aiqueryhub.monitor.json.Json.pretty(summary)) + "\n",
                StandardCharsets.UTF_8);
    }

    private void writeAllureOverview(Path dir, String tags, RunVerdict verdict) throws IOException {
        Files.createDirectories(dir);
        // Allure keeps this order: the verdict first, what was checked after
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Verdict", verdict.line());
        env.put("Environment", environmentName());
        env.put("Tag expression", tags.isBlank() ? "(all checks)" : tags);
        env.put("Trends", "trends.html beside this report: pass shares over 24 h, 7 d, 30 d and figures over time");
        try {
            Settings s = Monitor.get().settings();
            for (String key : List.of("frontend.url", "supabase.url", "supabase.project-ref", "supabase.management-url",
                    "monitor.strict", "sandbox.faults", "maintenance.windows", "http.connect-timeout", "http.read-timeout")) {
                s.find(key).ifPresent(v -> env.put(key, v));
            }
            s.find("db.url").ifPresent(v -> env.put("db.url", v.contains("?") ? v.substring(0, v.indexOf('?')) : v));
            env.put("Secrets set", s.knownKeys().stream().filter(Settings::isSecret).filter(k -> s.find(k).isPresent())
                    .collect(Collectors.joining(", ")));
        } catch (RuntimeException e) {
            env.put("Settings", "could not be loaded: " + e.getMessage());
        }
        StringBuilder props = new StringBuilder();
        env.forEach((k, v) -> props.append(k.replace(" ", "\\ ")).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve("environment.properties"), mask(props.toString()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("executor.json"), Monitor.currentMasker().maskValues(JsonOutput.toJson(executor())),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("categories.json"), JsonOutput.prettyPrint(JsonOutput.toJson(Categories.all())),
                StandardCharsets.UTF_8);
    }

    /**
     * The HTTP calls this run made, by endpoint (query strings and ids left out), with how many carried a
     * JWT credential (the anon or service-role key, a user token): Supabase's Management API allows 120
     * calls a minute, and some functions must never see a valid token.
     */
    private static Map<String, Object> calls() {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Monitor m = Monitor.get();
            Set<String> credentials = new java.util.HashSet<>();
            for (String key : List.of("supabase.anon-key", "supabase.service-role-key", "probe.ai-query.user-token")) {
                m.settings().find(key).ifPresent(credentials::add);
            }
            String management = m.settings().find("supabase.management-url").orElse("-").replaceAll("/+$", "");
            Map<String, Map<String, Integer>> byEndpoint = new java.util.TreeMap<>();
            int managementCalls = 0;
            for (var call : m.http().sentCalls()) {
                String url = call.url().contains("?") ? call.url().substring(0, call.url().indexOf('?')) : call.url();
                if (url.startsWith(management + "/v1/")) {
                    managementCalls++;
                }
                String path = url.replaceFirst("^https?://[^/]+", "");
                Map<String, Integer> e = byEndpoint.computeIfAbsent(call.method() + " " + path, k -> new LinkedHashMap<>());
                e.merge("calls", 1, Integer::sum);
                boolean credentialed = call.headers().entrySet().stream()
                        .filter(h -> h.getKey().equalsIgnoreCase("Authorization") || h.getKey().equalsIgnoreCase("apikey"))
                        .anyMatch(h -> credentials.stream().anyMatch(c -> h.getValue().contains(c)));
                e.merge("withJwtCredential", credentialed ? 1 : 0, Integer::sum);
            }
            out.put("total", m.http().sentCalls().size());
            out.put("managementApi", managementCalls);
            out.put("byEndpoint", byEndpoint);
        } catch (RuntimeException e) {
            out.put("total", 0);
        }
        return out;
    }

    /** Start-up, and the check phase: first check start to last check end. */
    private Map<String, Object> timing() {
        Map<String, Object> t = new LinkedHashMap<>();
        try {
            t.put("monitorStartMs", Monitor.get().startMillis());
            t.put("sandboxStartMs", Monitor.get().sandboxStartMillis());
        } catch (RuntimeException e) {
            t.put("monitorStartMs", 0);
        }
        Optional<Instant> first = started.values().stream().min(Instant::compareTo);
        Optional<Instant> last = finished.values().stream().max(Instant::compareTo);
        t.put("checkPhaseMs", first.isPresent() && last.isPresent() ? Duration.between(first.get(), last.get()).toMillis() : 0);
        return t;
    }

    /** Who ran the checks: the CI job with a link back to it, or the engineer's machine. */
    static Map<String, Object> executor() {
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

    private static String environmentName() {
        try {
            return Monitor.get().settings().environment();
        } catch (RuntimeException e) {
            return System.getProperty("env.file", System.getProperty("env", "local")) + " (not loaded)";
        }
    }

    private static String mask(String text) {
        Masker masker = Monitor.currentMasker();
        return masker.mask(text);
    }

    private static Optional<CheckInfo> info(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isEmpty() || !(source.get() instanceof MethodSource method)) {
            return Optional.empty();
        }
        Set<String> tags = id.getTags().stream().map(TestTag::getName).collect(Collectors.toSet());
        try {
            Class<?> type = Class.forName(method.getClassName(), false, Thread.currentThread().getContextClassLoader());
            return CheckInfo.of(type, method.getMethodName(), tags, CheckExtension::runbookBase);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
