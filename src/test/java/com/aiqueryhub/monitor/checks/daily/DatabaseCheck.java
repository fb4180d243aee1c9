package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.DbAssert;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.probe.AiQueryHub;
import com.aiqueryhub.monitor.probe.HttpObservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static com.aiqueryhub.monitor.check.HttpAssert.assertThat;

@Daily
@RunbookStep(id = "database", title = "Database Connection Check", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", severity = Severity.CRITICAL, components = {"database", "management api", "supavisor", "pooler", "auth", "storage", "realtime", "postgrest", "rest api"},
        differsFromRunbook = "The runbook reads the status off the dashboard; these checks ask the Management API for the "
                + "project status and each service's health, and open a read-only SQL session of their own.")
class DatabaseCheck {

    @Check(id = "project-status", name = "Supabase project status is ACTIVE_HEALTHY",
            remedy = "Open the Supabase dashboard and status.supabase.com. A paused or restoring project needs the owner; "
                    + "ACTIVE_UNHEALTHY with no Supabase incident: contact support@supabase.com with the project ref.")
    void projectIsHealthy() {
        assertThat(AiQueryHub.project()).hasStatus(200).hasJsonValue("status", "ACTIVE_HEALTHY");
    }

    @Check(id = "services", name = "Every selected Supabase service is healthy",
            remedy = "The unhealthy service is named above: check status.supabase.com for it, then the project's logs for that "
                    + "service; restart the project from the dashboard only if Supabase support agrees.")
    void servicesAreHealthy() {
        HttpObservation health = AiQueryHub.serviceHealth();
        assertThat(health).hasStatus(200);
        List<Map<String, Object>> services = health.json().map(j -> j.<Map<String, Object>>getList("$")).orElse(List.of());
        List<String> wanted = Monitor.get().settings().list("supabase.health-services");
        List<String> unhealthy = new ArrayList<>();
        for (String name : wanted) {
            Map<String, Object> entry = services.stream().filter(s -> name.equals(s.get("name"))).findFirst().orElse(null);
            if (entry == null) {
                unhealthy.add(name + " (not reported)");
            } else if (!Objects.equals("ACTIVE_HEALTHY", entry.get("status"))) {
                unhealthy.add(name + " " + entry.get("status") + (entry.get("error") == null ? "" : " (" + entry.get("error") + ")"));
            }
        }
        Verdict.expect(unhealthy.isEmpty(), "every service in " + wanted + " ACTIVE_HEALTHY",
                unhealthy.isEmpty() ? "all ACTIVE_HEALTHY" : String.join(", ", unhealthy), health.endpoint());
    }

    @Check(id = "sql", name = "A read-only SQL session answers select 1 in time",
            remedy = "Runbook 'Database Connection Pool Exhaustion': check connections in the dashboard; if the project is "
                    + "healthy but SQL is refused, check network restrictions and the monitoring role's password.")
    void answersSql() {
        DbAssert.assertThat(AiQueryHub.databasePing()).firstValueIs(1)
                .answeredWithin(Monitor.get().settings().duration("db.statement-timeout"));
    }
}
