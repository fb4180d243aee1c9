package com.aiqueryhub.monitor.checks.weekly;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.LatencyVerdict;
import com.aiqueryhub.monitor.check.LogsQuery;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Weekly;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.probe.HttpCall;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.MetricsApi;
import com.aiqueryhub.monitor.probe.Prometheus;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.run.Severity;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Weekly
@RunbookStep(id = "performance", title = "Performance Review", section = "Weekly Operations",
        anchor = "weekly-operations-30-minutes", severity = Severity.HIGH, components = {"edge function", "database", "metrics", "logs"},
        differsFromRunbook = "The runbook reviews dashboards by eye. These checks measure: a few timed samples per "
                + "endpoint (p50/p95/max), the edge functions' 5xx share over 7 days from the logs endpoint, and the "
                + "database host's CPU and memory from Supabase's Metrics API. CPU is measured over a window of scrapes at "
                + "the pace the API documents (one a minute, metrics.sample-interval) until its counters move; counters that "
                + "have not moved yet are not a fault. Webhooks are sampled with "
                + "side-effect-free probes, never with a message the bot would act on.")
class PerformanceReviewCheck {

    private static final String SLOW = "Runbook 'High Response Times': look for slow queries and CPU on the database, "
            + "the AI provider's latency, and Supabase's status; scale compute if the database is the bottleneck.";

    @Check(id = "frontend-p95", dependsOn = "netlify", components = {"edge", "cdn"}, name = "Front end p95 response time under the limit", remedy = SLOW,
            needs = {"frontend.url"})
    void frontendP95(FrontEnd site, RunContext run, CheckContext check) {
        HttpCall home = site.homePageCall();
        LatencyVerdict.judgeP95(check, () -> run.http().send(home));
    }

    @Check(id = "ai-query-p95", name = "ai-query gateway p95 response time under the limit", remedy = SLOW,
            needs = {"supabase.url"})
    void aiQueryP95(EdgeFunctions functions, RunContext run, CheckContext check) {
        HttpCall invalidJwt = functions.aiQueryWithInvalidJwtCall();
        LatencyVerdict.judgeP95(check, () -> run.http().send(invalidJwt));
    }

    @Check(id = "telegram-p95", name = "Telegram webhook p95 response time under the limit", remedy = SLOW,
            needs = {"supabase.url", "telegram.secret-token"})
    void telegramP95(EdgeFunctions functions, CheckContext check) {
        LatencyVerdict.judgeP95(check, functions::telegramProbe);
    }

    @Check(id = "slack-p95", name = "Slack webhook p95 response time under the limit",
            remedy = SLOW + " Slack retries events that take over 3 s, so a slow webhook also duplicates work.",
            needs = {"supabase.url", "slack.signing-secret"})
    void slackP95(EdgeFunctions functions, CheckContext check) {
        LatencyVerdict.judgeP95(check, () -> functions.slackProbe(UUID.randomUUID().toString()));
    }

    @Check(id = "function-error-rate", name = "Edge function 5xx rate over 7 days under the limit",
            remedy = "Runbook 'High Error Rates': open the function logs for the days with errors; check AI provider keys "
                    + "and rate limits, the connection pool, and JWT handling.",
            needs = {"supabase.project-ref", "supabase.access-token"})
    void functionErrorRate(Supabase supabase, Settings settings, CheckContext check) {
        List<HttpObservation> days = supabase.functionTrafficByDay(7);
        long total = 0;
        long errors = 0;
        for (HttpObservation day : days) {
            for (JsonNode row : LogsQuery.rows(check, day, Keys.LOGS_ERROR_RATE_QUERY)) {
                total += LogsQuery.count(row, "total", Keys.LOGS_ERROR_RATE_QUERY, day);
                errors += LogsQuery.count(row, "errors", Keys.LOGS_ERROR_RATE_QUERY, day);
            }
        }
        double rate = total == 0 ? 0 : 100.0 * errors / total;
        check.figure("error-rate-percent", rate, "%", settings.get(Keys.THRESHOLD_FUNCTION_ERROR_RATE),
                settings.get(Keys.THRESHOLD_FUNCTION_ERROR_RATE_DEGRADED));
        check.figure("requests", total, "requests");
        check.band(rate, settings.get(Keys.THRESHOLD_FUNCTION_ERROR_RATE_DEGRADED),
                settings.get(Keys.THRESHOLD_FUNCTION_ERROR_RATE),
                "5xx share (%)", String.format("%.2f %% (%d of %d calls)", rate, errors, total), days.get(0).endpoint());
    }

    @Check(id = "db-cpu", name = "Database host CPU under the limit",
            remedy = "Find the statements burning CPU (pg_stat_statements, the emergency slow-query check); add indexes "
                    + "or upgrade the compute size.",
            needs = {"supabase.url", "supabase.service-role-key"})
    void databaseCpu(MetricsApi metrics, Settings settings, CheckContext check) {
        List<HttpObservation> scrapes = metrics.window();
        HttpObservation first = scrapes.get(0);
        HttpObservation last = scrapes.get(scrapes.size() - 1);
        check.that(first).hasStatus(200);
        check.that(last).hasStatus(200);
        List<Prometheus.Sample> before = Prometheus.parse(first.body());
        List<Prometheus.Sample> after = Prometheus.parse(last.body());
        double counted = Prometheus.sum(before, "node_cpu_seconds_total", Map.of());
        check.expect(counted > 0, "node_cpu_seconds_total in the metrics",
                counted > 0 ? String.format("%.0f CPU-seconds so far", counted) : "no such series", first.endpoint());
        // counted as Prometheus's increase(): a restart or a compute-size change between the scrapes resets the counters
        double idle = Prometheus.increase(before, after, "node_cpu_seconds_total", Map.of("mode", "idle"));
        double all = Prometheus.increase(before, after, "node_cpu_seconds_total", Map.of());
        if (all <= 0) {
            // the endpoint's pace, not the database's health: say so without paging anyone
            throw new Degraded("expected node_cpu_seconds_total to advance within metrics.max-wait ("
                    + settings.written(Keys.METRICS_MAX_WAIT) + "); observed " + (Prometheus.sum(after, "node_cpu_seconds_total", Map.of()) == counted
                    ? "the same counters in every scrape" : "no CPU series that went on from the first scrape to the last") + ": "
                    + "CPU could not be measured this run — " + first.endpoint());
        }
        double busy = 100 * (1 - idle / all);
        double limit = settings.get(Keys.THRESHOLD_DB_CPU);
        check.figure("cpu-percent", busy, "%", limit, null);
        check.expect(busy <= limit, "CPU busy at most " + limit + " %", String.format("%.1f %% over %.0f CPU-seconds", busy, all),
                first.endpoint());
    }

    @Check(id = "db-memory", name = "Database host memory under the limit",
            remedy = "Check for memory-hungry queries and connection counts; upgrade the compute size if usage stays high.",
            needs = {"supabase.url", "supabase.service-role-key"})
    void databaseMemory(MetricsApi metrics, Settings settings, CheckContext check) {
        HttpObservation scrape = metrics.scrape();
        check.that(scrape).hasStatus(200);
        List<Prometheus.Sample> samples = Prometheus.parse(scrape.body());
        double total = Prometheus.sum(samples, "node_memory_MemTotal_bytes", Map.of());
        double available = Prometheus.sum(samples, "node_memory_MemAvailable_bytes", Map.of());
        check.expect(total > 0, "node_memory_MemTotal_bytes in the metrics", "none", scrape.endpoint());
        double used = 100 * (1 - available / total);
        double limit = settings.get(Keys.THRESHOLD_DB_MEMORY);
        check.figure("memory-percent", used, "%", limit, null);
        check.expect(used <= limit, "memory used at most " + limit + " %", String.format("%.1f %%", used), scrape.endpoint());
    }
}
