package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.Database;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.run.Severity;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

@Daily
@RunbookStep(id = "database", title = "Database Connection Check", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", severity = Severity.CRITICAL, components = {"database", "management api", "supavisor", "pooler", "auth", "storage", "realtime", "postgrest", "rest api"},
        differsFromRunbook = "The runbook reads the status off the dashboard; these checks ask the Management API for the "
                + "project status and each service's health, and open a read-only SQL session of their own.")
class DatabaseCheck {

    /**
     * A change the team started (a compute-size change, a restart, a Postgres upgrade) shows as a passing state for
     * minutes: worth seeing, not a page while the database answers (database.sql judges that).
     */
    private static final java.util.Set<String> CHANGING = java.util.Set.of("COMING_UP", "RESIZING", "RESTARTING", "UPGRADING");

    @Check(id = "project-status", name = "Supabase project status is ACTIVE_HEALTHY (or a change in progress)",
            remedy = "Open the Supabase dashboard and status.supabase.com. A paused or restoring project needs the owner; "
                    + "ACTIVE_UNHEALTHY with no Supabase incident: contact support@supabase.com with the project ref. "
                    + "RESIZING, RESTARTING or UPGRADING is a change someone started: degraded, not failed, while SQL answers.",
            needs = {"supabase.project-ref", "supabase.access-token"})
    void projectIsHealthy(Supabase supabase, Database db, CheckContext check) {
        HttpObservation project = supabase.project();
        String status = project.jsonObject().map(j -> j.path("status").asText("")).orElse("");
        // the database down during the change is red; the monitor's own login refused says nothing about the change
        if (CHANGING.contains(status) && !db.ping().down()) {
            throw new Degraded("expected status = ACTIVE_HEALTHY; observed status = " + status + ": a change in progress "
                    + "(compute size, restart or upgrade) while the database is not down — " + project.endpoint());
        }
        check.that(project).hasStatus(200).hasJsonValue("status", "ACTIVE_HEALTHY");
    }

    @Check(id = "services", name = "Every selected Supabase service is healthy",
            remedy = "The unhealthy service is named above: check status.supabase.com for it, then the project's logs for that "
                    + "service; restart the project from the dashboard only if Supabase support agrees.",
            needs = {"supabase.project-ref", "supabase.access-token"})
    void servicesAreHealthy(Supabase supabase, Settings settings, CheckContext check) {
        HttpObservation health = supabase.serviceHealth();
        check.that(health).hasStatus(200);
        List<JsonNode> services = health.json().filter(JsonNode::isArray)
                .map(j -> StreamSupport.stream(j.spliterator(), false).toList()).orElse(List.of());
        List<String> wanted = settings.get(Keys.SUPABASE_HEALTH_SERVICES);
        List<String> unhealthy = new ArrayList<>();
        for (String name : wanted) {
            JsonNode entry = services.stream().filter(s -> name.equals(text(s.get("name")))).findFirst().orElse(null);
            if (entry == null) {
                unhealthy.add(name + " (not reported)");
            } else if (!"ACTIVE_HEALTHY".equals(text(entry.get("status")))) {
                String error = text(entry.get("error"));
                unhealthy.add(name + " " + text(entry.get("status")) + (error == null ? "" : " (" + error + ")"));
            }
        }
        check.expect(unhealthy.isEmpty(), "every service in " + wanted + " ACTIVE_HEALTHY",
                unhealthy.isEmpty() ? "all ACTIVE_HEALTHY" : String.join(", ", unhealthy), health.endpoint());
    }

    @Check(id = "sql", name = "A read-only SQL session answers select 1 in time",
            remedy = "Runbook 'Database Connection Pool Exhaustion': check connections in the dashboard; if the project is "
                    + "healthy but SQL is refused, check network restrictions and the monitoring role's password.",
            needs = {"db.user", "db.password"})
    void answersSql(Database db, Settings settings, CheckContext check) {
        check.that(db.ping()).firstValueIs(1).answeredWithin(settings.get(Keys.DB_STATEMENT_TIMEOUT));
    }

    /** A field of the health answer as text; null when absent or JSON null. */
    private static String text(JsonNode field) {
        return field == null || field.isNull() ? null : field.isValueNode() ? field.asText() : field.toString();
    }
}
