package com.aiqueryhub.monitor.checks.weekly;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.DbAssert;
import com.aiqueryhub.monitor.check.Evidence;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.TableAccess;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.check.Weekly;
import com.aiqueryhub.monitor.probe.DatabaseProbe;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.report.Figures;

import java.util.stream.Collectors;

import static com.aiqueryhub.monitor.probe.DatabaseProbe.identifier;

@Weekly
@RunbookStep(id = "security-audit", title = "Security Audit", section = "Weekly Operations",
        anchor = "weekly-operations-30-minutes", severity = Severity.HIGH,
        differsFromRunbook = "The runbook's SELECT * reads a table (audit_logs) that AI Query Hub's migrations never create, "
                + "and no code writes auth_failure or security_violation events. The app records security events as "
                + "incidents (security_incidents: BRUTE_FORCE_ATTEMPT, SUSPICIOUS_ACCESS, RATE_LIMIT_EXCEEDED, by "
                + "detected_at), so that is the default; table, columns and types are settings. The check first proves "
                + "the table exists and that row-level security does not hide rows from the monitoring role, so a zero "
                + "is a real zero. Only time and type are read: no details that could hold personal data.")
class SecurityAuditCheck {

    @Check(id = "events", name = "No security events recorded in the last 7 days",
            remedy = "Runbook 'Security Incident': read the attached events; disable affected accounts or tokens, "
                    + "preserve the logs, and escalate to the security stakeholders.")
    void noSecurityEvents() {
        var s = Monitor.get().settings();
        DatabaseProbe db = Monitor.get().database();
        String table = s.require("audit.table");

        TableAccess.expectReadable(db, table, "audit.table");

        String[] types = s.list("audit.action-types").toArray(String[]::new);
        String time = identifier(s.require("audit.time-column"));
        String action = identifier(s.require("audit.action-column"));
        DbObservation events = db.query("select " + time + " as at, " + action + " as action, count(*) over () as total from "
                + identifier(table) + " where " + time + " > now() - interval '7 days' and " + action + "::text = any (?) "
                + "order by " + time + " desc limit " + s.integer("audit.max-rows"), (Object) types);
        DbAssert.assertThat(events).answered();
        long total = events.rows().isEmpty() ? 0 : ((Number) events.rows().get(0).get("total")).longValue();
        Figures.record("events-7d", total, "events");
        Evidence.attach("security events (newest first, at most " + s.integer("audit.max-rows") + ")", events.rows().stream()
                .map(r -> r.get("at") + "  " + r.get("action")).collect(Collectors.joining("\n", "", "\n")));
        int limit = s.integer("threshold.audit-events");
        Verdict.expect(total <= limit, "at most " + limit + " events of " + String.join(", ", types) + " in 7 days",
                total + " events, newest: " + (events.rows().isEmpty() ? "-" : events.rows().get(0).get("action") + " at "
                        + events.rows().get(0).get("at")), events.endpoint());
    }
}
