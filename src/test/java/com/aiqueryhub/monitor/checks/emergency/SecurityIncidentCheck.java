package com.aiqueryhub.monitor.checks.emergency;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Emergency;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.SecurityEvents;
import com.aiqueryhub.monitor.check.TableAccess;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.Database;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.run.Severity;

import java.time.Duration;
import java.util.stream.Collectors;

import static com.aiqueryhub.monitor.probe.DatabaseProbe.identifier;

@Emergency
@RunbookStep(id = "security-incident", title = "Security Incident", section = "Emergency Procedures",
        anchor = "2-security-incident", severity = Severity.CRITICAL, components = {"database", "supavisor", "pooler"},
        differsFromRunbook = "The runbook's step 1 (immediate assessment) as data: security events of the last hour and "
                + "the incidents the system itself has opened, counted by type. Events already triaged (RESOLVED, FALSE_POSITIVE) are "
                + "listed and never counted. Containment stays with people.",
        needs = {"db.user", "db.password"})
class SecurityIncidentCheck {

    private static final String REMEDY = "Runbook 'Security Incident' (respond within 2 min): disable the affected "
            + "accounts or tokens, capture the logs before any cleanup, block the source addresses, notify the security "
            + "stakeholders.";

    @Check(id = "events", name = "Untriaged security events of the last hour stay under the limit", remedy = REMEDY)
    void recentEvents(Database db, Settings settings, CheckContext check) {
        SecurityEvents events = SecurityEvents.read(check, db.probe(), Duration.ofHours(1));
        check.attach("security events in the last hour (newest first)", events.listing());
        check.figure("events-1h", events.total(), "events");
        check.figure("untriaged-1h", events.untriaged(), "events");
        int limit = settings.get(Keys.THRESHOLD_SECURITY_EVENTS_1H);
        check.expect(events.untriaged() <= limit, "at most " + limit + " untriaged security events (" + events.openDescription()
                + ") in the last hour", events.describe(), events.endpoint());
    }

    @Check(id = "active", name = "No active security incident", remedy = REMEDY)
    void activeIncidents(Database db, Settings settings, CheckContext check) {
        String table = settings.get(Keys.INCIDENTS_TABLE);
        TableAccess.expectReadable(check, db.probe(), table, Keys.INCIDENTS_TABLE.key());
        DbObservation active = db.query("select type, severity, count(*) as incidents, min(detected_at) as first_seen from "
                + identifier(table) + " where status::text = any (?) group by 1, 2 order by 3 desc",
                (Object) settings.get(Keys.INCIDENTS_OPEN_STATUSES).toArray(String[]::new));
        check.that(active).answered();
        long total = active.rows().stream().mapToLong(r -> ((Number) r.get("incidents")).longValue()).sum();
        String counts = active.rows().stream().map(r -> r.get("type") + " (" + r.get("severity") + ") " + r.get("incidents")
                + " since " + r.get("first_seen")).collect(Collectors.joining(", "));
        check.figure("active-incidents", total, "incidents");
        int limit = settings.get(Keys.THRESHOLD_ACTIVE_INCIDENTS);
        check.expect(total <= limit, "at most " + limit + " open incidents (status " + String.join(" or ",
                        settings.get(Keys.INCIDENTS_OPEN_STATUSES)) + ") in " + table,
                total + " active: " + (counts.isEmpty() ? "none" : counts), active.endpoint());
    }
}
