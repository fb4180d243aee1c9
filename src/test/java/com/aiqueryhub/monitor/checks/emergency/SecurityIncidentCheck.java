package com.aiqueryhub.monitor.checks.emergency;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.DbAssert;
import com.aiqueryhub.monitor.check.Emergency;
import com.aiqueryhub.monitor.check.Evidence;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.TableAccess;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.probe.DatabaseProbe;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.report.Figures;

import java.util.stream.Collectors;

import static com.aiqueryhub.monitor.probe.DatabaseProbe.identifier;

@Emergency
@RunbookStep(id = "security-incident", title = "Security Incident", section = "Emergency Procedures",
        anchor = "2-security-incident", severity = Severity.CRITICAL,
        differsFromRunbook = "The runbook's step 1 (immediate assessment) as data: security events of the last hour and "
                + "the incidents the system itself has opened, counted by type. Containment stays with people.")
class SecurityIncidentCheck {

    private static final String REMEDY = "Runbook 'Security Incident' (respond within 2 min): disable the affected "
            + "accounts or tokens, capture the logs before any cleanup, block the source addresses, notify the security "
            + "stakeholders.";

    @Check(id = "events", name = "Security events of the last hour stay under the limit", remedy = REMEDY)
    void recentEvents() {
        var s = Monitor.get().settings();
        DatabaseProbe db = Monitor.get().database();
        String table = s.require("audit.table");
        TableAccess.expectReadable(db, table, "audit.table");
        String action = identifier(s.require("audit.action-column"));
        DbObservation byType = db.query("select " + action + " as action, count(*) as events from " + identifier(table)
                + " where " + identifier(s.require("audit.time-column")) + " > now() - interval '1 hour' and " + action
                + "::text = any (?) group by 1 order by 2 desc", (Object) s.list("audit.action-types").toArray(String[]::new));
        DbAssert.assertThat(byType).answered();
        long total = byType.rows().stream().mapToLong(r -> ((Number) r.get("events")).longValue()).sum();
        String counts = byType.rows().stream().map(r -> r.get("action") + " " + r.get("events")).collect(Collectors.joining(", "));
        Evidence.attach("security events in the last hour by type", counts.isEmpty() ? "none\n" : counts + "\n");
        Figures.record("events-1h", total, "events");
        int limit = s.integer("threshold.security-events-1h");
        Verdict.expect(total <= limit, "at most " + limit + " security events in the last hour",
                total + " events (" + (counts.isEmpty() ? "none" : counts) + ")", byType.endpoint());
    }

    @Check(id = "active", name = "No active security incident", remedy = REMEDY)
    void activeIncidents() {
        var s = Monitor.get().settings();
        DatabaseProbe db = Monitor.get().database();
        String table = s.require("incidents.table");
        TableAccess.expectReadable(db, table, "incidents.table");
        DbObservation active = db.query("select type, severity, count(*) as incidents, min(detected_at) as first_seen from "
                + identifier(table) + " where status = 'ACTIVE' group by 1, 2 order by 3 desc");
        DbAssert.assertThat(active).answered();
        long total = active.rows().stream().mapToLong(r -> ((Number) r.get("incidents")).longValue()).sum();
        String counts = active.rows().stream().map(r -> r.get("type") + " (" + r.get("severity") + ") " + r.get("incidents")
                + " since " + r.get("first_seen")).collect(Collectors.joining(", "));
        Figures.record("active-incidents", total, "incidents");
        int limit = s.integer("threshold.active-incidents");
        Verdict.expect(total <= limit, "at most " + limit + " ACTIVE incidents in " + table,
                total + " active: " + (counts.isEmpty() ? "none" : counts), active.endpoint());
    }
}
