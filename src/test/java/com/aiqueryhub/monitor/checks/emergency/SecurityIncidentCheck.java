package com.aiqueryhub.monitor.checks.emergency;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.DbAssert;
import com.aiqueryhub.monitor.check.Emergency;
import com.aiqueryhub.monitor.check.Evidence;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.SecurityEvents;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.TableAccess;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.probe.DatabaseProbe;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.report.Figures;

import java.time.Duration;
import java.util.stream.Collectors;

import static com.aiqueryhub.monitor.probe.DatabaseProbe.identifier;

@Emergency
@RunbookStep(id = "security-incident", title = "Security Incident", section = "Emergency Procedures",
        anchor = "2-security-incident", severity = Severity.CRITICAL, components = {"database", "supavisor", "pooler"},
        differsFromRunbook = "The runbook's step 1 (immediate assessment) as data: security events of the last hour and "
                + "the incidents the system itself has opened, counted by type. Events already triaged (RESOLVED, FALSE_POSITIVE) are "
                + "listed and never counted. Containment stays with people.")
class SecurityIncidentCheck {

    private static final String REMEDY = "Runbook 'Security Incident' (respond within 2 min): disable the affected "
            + "accounts or tokens, capture the logs before any cleanup, block the source addresses, notify the security "
            + "stakeholders.";

    @Check(id = "events", name = "Untriaged security events of the last hour stay under the limit", remedy = REMEDY)
    void recentEvents() {
        var s = Monitor.get().settings();
        SecurityEvents events = SecurityEvents.read(Monitor.get().database(), s, Duration.ofHours(1), s.integer("audit.max-rows"));
        Evidence.attach("security events in the last hour (newest first)", events.listing());
        Figures.record("events-1h", events.total(), "events");
        Figures.record("untriaged-1h", events.untriaged(), "events");
        int limit = s.integer("threshold.security-events-1h");
        Verdict.expect(events.untriaged() <= limit, "at most " + limit + " untriaged security events (" + events.openDescription()
                + ") in the last hour", events.describe(), events.endpoint());
    }

    @Check(id = "active", name = "No active security incident", remedy = REMEDY)
    void activeIncidents() {
        var s = Monitor.get().settings();
        DatabaseProbe db = Monitor.get().database();
        String table = s.require("incidents.table");
        TableAccess.expectReadable(db, table, "incidents.table");
        DbObservation active = db.query("select type, severity, count(*) as incidents, min(detected_at) as first_seen from "
                + identifier(table) + " where status::text = any (?) group by 1, 2 order by 3 desc",
                (Object) s.list("incidents.open-statuses").toArray(String[]::new));
        DbAssert.assertThat(active).answered();
        long total = active.rows().stream().mapToLong(r -> ((Number) r.get("incidents")).longValue()).sum();
        String counts = active.rows().stream().map(r -> r.get("type") + " (" + r.get("severity") + ") " + r.get("incidents")
                + " since " + r.get("first_seen")).collect(Collectors.joining(", "));
        Figures.record("active-incidents", total, "incidents");
        int limit = s.integer("threshold.active-incidents");
        Verdict.expect(total <= limit, "at most " + limit + " open incidents (status " + String.join(" or ",
                        s.list("incidents.open-statuses")) + ") in " + table,
                total + " active: " + (counts.isEmpty() ? "none" : counts), active.endpoint());
    }
}
