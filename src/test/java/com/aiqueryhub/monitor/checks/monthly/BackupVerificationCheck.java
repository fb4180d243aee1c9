package com.aiqueryhub.monitor.checks.monthly;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.Monthly;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.probe.AiQueryHub;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.report.Figures;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.aiqueryhub.monitor.check.HttpAssert.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Monthly
@RunbookStep(id = "backup", title = "Backup Verification", section = "Monthly Operations",
        anchor = "monthly-operations-2-hours", severity = Severity.HIGH,
        differsFromRunbook = "The runbook says to verify backups are running and to test a restore. The checks read the "
                + "backup list from the Management API (no restore is attempted: that stays a manual staging drill).")
class BackupVerificationCheck {

    private static final String REMEDY = "Open Database > Backups in the Supabase dashboard; if backups stopped or failed, "
            + "contact support@supabase.com with the project ref. Without a recent backup the RPO (24 h) cannot be met.";

    @Check(id = "recent", name = "Newest completed backup is younger than the RPO", remedy = REMEDY)
    void recentBackup() {
        Duration rpo = Monitor.get().settings().duration("threshold.backup-age");
        Optional<Instant> newest = backups("COMPLETED").stream().map(BackupVerificationCheck::at).max(Comparator.naturalOrder());
        Duration age = newest.map(t -> Duration.between(t, Instant.now())).orElse(null);
        if (age != null) {
            Figures.record("newest-age-hours", age.toMinutes() / 60.0, "hours");
        }
        Verdict.expect(age != null && age.compareTo(rpo) <= 0, "a COMPLETED backup at most " + rpo.toHours() + " h old",
                age == null ? "no completed backup at all" : "newest completed " + newest.get() + ", " + age.toHours() + " h ago",
                endpoint());
    }

    @Check(id = "no-failures", name = "No backup failed recently", remedy = REMEDY)
    void noFailedBackups() {
        Duration window = Monitor.get().settings().duration("threshold.backup-failed-window");
        List<Instant> failed = backups("FAILED").stream().map(BackupVerificationCheck::at)
                .filter(t -> t.isAfter(Instant.now().minus(window))).toList();
        Verdict.expect(failed.isEmpty(), "no FAILED backup in the last " + window.toDays() + " days",
                failed.size() + " FAILED: " + failed, endpoint());
    }

    @Check(id = "pitr", name = "Point-in-time recovery is enabled where expected", remedy = REMEDY
            + " PITR is an add-on: enable it under Database > Backups if the environment needs it.")
    void pitr() {
        assumeTrue(Monitor.get().settings().flag("backup.expect-pitr"),
                "backup.expect-pitr=false: this environment does not require point-in-time recovery");
        Object enabled = json().get("pitr_enabled");
        Verdict.expect(Boolean.TRUE.equals(enabled), "pitr_enabled = true", "pitr_enabled = " + enabled, endpoint());
    }

    @Check(id = "retention", name = "Kept backups reach back over the retention period", remedy = REMEDY
            + " Check the plan's retention (Pro keeps 7 days, Team 14, Enterprise 30) against backup.retention.")
    void retention() {
        Duration retention = Monitor.get().settings().duration("threshold.backup-retention");
        Optional<Instant> oldest = backups("COMPLETED").stream().map(BackupVerificationCheck::at).min(Comparator.naturalOrder());
        Duration reach = oldest.map(t -> Duration.between(t, Instant.now())).orElse(Duration.ZERO);
        Figures.record("oldest-age-days", reach.toHours() / 24.0, "days");
        Verdict.expect(reach.compareTo(retention) >= 0, "the oldest completed backup at least " + retention.toDays() + " days old",
                oldest.map(t -> "oldest " + t + ", " + reach.toDays() + " days ago").orElse("no completed backup"), endpoint());
    }

    private static Map<String, Object> json() {
        HttpObservation backups = AiQueryHub.backups();
        assertThat(backups).hasStatus(200);
        return backups.json().map(j -> j.<String, Object>getMap("$")).orElseThrow(() -> Verdict.failure(
                "a JSON backup list", backups.summary(), backups.endpoint()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> backups(String status) {
        Object list = json().get("backups");
        return list instanceof List<?> l ? ((List<Map<String, Object>>) l).stream()
                .filter(b -> status.equals(b.get("status"))).toList() : List.of();
    }

    private static Instant at(Map<String, Object> backup) {
        return Instant.parse(String.valueOf(backup.get("inserted_at")).replace(" ", "T").replaceAll("(\\d)$", "$1Z").replace("ZZ", "Z"));
    }

    private static String endpoint() {
        return AiQueryHub.backups().endpoint();
    }
}
