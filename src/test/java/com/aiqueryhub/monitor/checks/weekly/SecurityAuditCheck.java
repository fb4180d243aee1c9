package com.aiqueryhub.monitor.checks.weekly;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.SecurityEvents;
import com.aiqueryhub.monitor.check.Weekly;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.Database;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.run.Severity;

import java.time.Duration;
import java.util.Locale;

@Weekly
@RunbookStep(id = "security-audit", title = "Security Audit", section = "Weekly Operations",
        anchor = "weekly-operations-30-minutes", severity = Severity.HIGH, components = {"database", "supavisor", "pooler"},
        differsFromRunbook = "The runbook's SELECT * reads a table (audit_logs) that AI Query Hub's migrations never create, "
                + "and no code writes auth_failure or security_violation events. The app records security events as "
                + "incidents (security_incidents: BRUTE_FORCE_ATTEMPT, SUSPICIOUS_ACCESS, RATE_LIMIT_EXCEEDED, by "
                + "detected_at), so that is the default; table, columns and types are settings. The check first proves "
                + "the table exists and that row-level security does not hide rows from the monitoring role, so a zero "
                + "is a real zero. Incidents carry a triage status (ACTIVE, RESOLVED, FALSE_POSITIVE): only untriaged ones "
                + "(audit.open-statuses) count against the limit; triaged ones are listed for review; a week far busier "
                + "than the four before it is degraded. Only time, type and status are read: no personal data.",
        needs = {"db.user", "db.password"})
class SecurityAuditCheck {

    @Check(id = "events", name = "No untriaged security events in the last 7 days",
            remedy = "Runbook 'Security Incident': read the attached events; disable affected accounts or tokens, "
                    + "preserve the logs, and escalate to the security stakeholders. Once an incident is handled, set its "
                    + "status to RESOLVED or FALSE_POSITIVE so the next audit counts it as triaged.")
    void noUntriagedSecurityEvents(Database db, Settings settings, CheckContext check) {
        SecurityEvents events = SecurityEvents.read(check, db.probe(), Duration.ofDays(7));
        check.figure("events-7d", events.total(), "events");
        check.figure("untriaged-7d", events.untriaged(), "events");
        check.attach("security events of the last 7 days (newest first, at most " + settings.get(Keys.AUDIT_MAX_ROWS) + ")",
                events.listing());
        int limit = settings.get(Keys.THRESHOLD_AUDIT_EVENTS);
        check.expect(events.untriaged() <= limit, "at most " + limit + " untriaged events (" + events.openDescription()
                + ") of " + events.types() + " in 7 days", events.describe(), events.endpoint());
        // triaged events never page anyone, but a week far busier than usual deserves a look
        SecurityEvents.Trend trend = events.weeklyTrend();
        double factor = settings.get(Keys.THRESHOLD_AUDIT_VOLUME_FACTOR);
        if (trend.thisWeek() > factor * Math.max(1.0, trend.trailingWeeklyMean())) {
            throw new Degraded(String.format(Locale.ROOT, "expected at most %.1f times the weekly mean of the 4 weeks "
                    + "before (%.1f events) this week; observed %d events (%s) — %s", factor, trend.trailingWeeklyMean(),
                    trend.thisWeek(), events.describe(), events.endpoint()));
        }
    }
}
