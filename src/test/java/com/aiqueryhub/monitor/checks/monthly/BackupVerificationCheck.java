package com.aiqueryhub.monitor.checks.monthly;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Manual;
import com.aiqueryhub.monitor.check.Monthly;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.BackupRetention;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.RecoveryPoints;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.run.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Monthly
@RunbookStep(id = "backup", title = "Backup Verification", section = "Monthly Operations",
        anchor = "monthly-operations-2-hours", severity = Severity.HIGH, components = {"backup", "database", "management api"},
        differsFromRunbook = "The runbook says to verify backups are running and to test a restore. The checks read the "
                + "backups from the Management API and judge the recovery points: with point-in-time recovery on, Supabase "
                + "takes no daily backups and the database can be restored to any moment of its WAL window; without it, to "
                + "a completed daily backup. The retention expected follows the plan (the organization's entitlement) unless "
                + "threshold.backup-retention says otherwise. No restore is attempted: that stays a manual staging drill.",
        needs = {"supabase.project-ref", "supabase.access-token"})
class BackupVerificationCheck {

    private static final String REMEDY = "Open Database > Backups in the Supabase dashboard; if backups stopped or failed, "
            + "contact support@supabase.com with the project ref. Without a recent recovery point the RPO (24 h) cannot be met.";

    @Check(id = "recent", name = "Newest recovery point is younger than the RPO", remedy = REMEDY
            + " With point-in-time recovery, a WAL window that stopped advancing means archiving stopped.")
    void recentRecoveryPoint(Supabase supabase, Settings settings, CheckContext check) {
        RecoveryPoints points = points(supabase, check);
        Duration rpo = settings.get(Keys.THRESHOLD_BACKUP_AGE);
        Duration age = points.newest().map(t -> Duration.between(t, Instant.now())).orElse(null);
        if (age != null) {
            check.figure("newest-age-hours", age.toMinutes() / 60.0, "hours");
        }
        String observed = age == null ? "no recovery point at all (" + points.kind() + ")"
                : "newest " + points.kind() + " point " + points.newest().get() + ", " + human(age) + " ago";
        // today's backup still being taken is the schedule working: the newest completed one may be as old as completed
        // ones have landed apart (the schedule as it runs, at most threshold.backup-run-time past the RPO) plus the time
        // today's has been running; one running longer than a backup may take is stuck
        Duration runTime = settings.get(Keys.THRESHOLD_BACKUP_RUN_TIME);
        Duration running = points.inProgress().map(t -> Duration.between(t, Instant.now())).orElse(null);
        boolean onTheWay = running != null && !running.isNegative() && running.compareTo(runTime) <= 0;
        // (an hour more for a start that lands a little later than the day before's)
        Duration schedule = (points.longestGap().compareTo(rpo) > 0 ? points.longestGap() : rpo).plusHours(1);
        Duration limit = onTheWay ? (schedule.compareTo(rpo.plus(runTime)) < 0 ? schedule : rpo.plus(runTime)).plus(running) : rpo;
        if (onTheWay) {
            check.passed("a backup is in progress since " + points.inProgress().get() + " (" + human(running) + ")");
        }
        check.expect(age != null && age.compareTo(limit) <= 0, "a recovery point at most " + rpo.toHours() + " h old"
                        + (onTheWay ? " when today's backup started (it is in progress since " + points.inProgress().get() + ")" : ""),
                observed + (running != null && !onTheWay ? "; a backup in progress since " + points.inProgress().get() + ", "
                        + human(running) + " (longer than threshold.backup-run-time: stuck?)" : ""), endpoint(supabase));
        Duration walLag = settings.get(Keys.THRESHOLD_WAL_AGE);
        if (points.pitr() && age.compareTo(walLag) > 0) {
            // Supabase archives WAL every two minutes: an hour without is archiving that stalled, not yet past the RPO
            throw new Degraded("expected the WAL window to end at most " + human(walLag) + " ago (archived every two minutes); "
                    + "observed " + observed + " — " + endpoint(supabase));
        }
    }

    @Check(id = "no-failures", name = "No backup failed recently", remedy = REMEDY)
    void noFailedBackups(Supabase supabase, Settings settings, CheckContext check) {
        Duration window = settings.get(Keys.THRESHOLD_BACKUP_FAILED_WINDOW);
        List<Instant> failed = points(supabase, check).failed().stream().filter(t -> t.isAfter(Instant.now().minus(window)))
                .toList();
        check.expect(failed.isEmpty(), "no FAILED backup in the last " + window.toDays() + " days",
                failed.size() + " FAILED: " + failed, endpoint(supabase));
    }

    @Check(id = "pitr", name = "Point-in-time recovery is enabled where expected", remedy = REMEDY
            + " PITR is an add-on: enable it under Database > Backups if the environment needs it.")
    void pitr(Supabase supabase, Settings settings, CheckContext check) {
        assumeTrue(settings.get(Keys.BACKUP_EXPECT_PITR),
                "backup.expect-pitr=false: this environment does not require point-in-time recovery");
        RecoveryPoints points = points(supabase, check);
        check.expect(points.pitr(), "pitr_enabled = true", "pitr_enabled = false (" + points.kind() + ")", endpoint(supabase));
    }

    @Check(id = "retention", name = "Recovery reaches back over the retention period", remedy = REMEDY
            + " The retention expected is the plan's (Pro keeps 7 days, Team 14, Enterprise up to 30; PITR 7, 14 or 28): "
            + "if the project keeps less on purpose, set threshold.backup-retention to it.")
    void retention(Supabase supabase, Settings settings, CheckContext check) {
        RecoveryPoints points = points(supabase, check);
        BackupRetention expected = BackupRetention.expected(settings.find(Keys.THRESHOLD_BACKUP_RETENTION), points,
                supabase::entitlements);
        check.passed("retention expected: " + expected.days().toDays() + " days, from " + expected.source());
        Duration reach = points.oldest().map(t -> Duration.between(t, Instant.now())).orElse(Duration.ZERO);
        check.figure("oldest-age-days", reach.toHours() / 24.0, "days");
        // a daily schedule keeping N days holds backups between N-1 and N days old; a project younger than that has
        // kept everything it could
        Duration wanted = expected.days().minusDays(1);
        Duration projectAge = projectAge(supabase);
        if (projectAge != null && projectAge.compareTo(wanted) < 0) {
            wanted = projectAge.minusHours(1).isNegative() ? Duration.ZERO : projectAge.minusHours(1);
        }
        check.expect(reach.compareTo(wanted) >= 0, "recovery reaching back at least " + wanted.toDays() + " days (a "
                        + expected.days().toDays() + "-day retention, from " + expected.source() + ")",
                points.oldest().map(t -> "oldest " + points.kind() + " point " + t + ", " + reach.toDays() + " days ago")
                        .orElse("no recovery point (" + points.kind() + ")"), endpoint(supabase));
    }

    private static RecoveryPoints points(Supabase supabase, CheckContext check) {
        HttpObservation backups = supabase.backups();
        check.that(backups).hasStatus(200);
        return RecoveryPoints.of(backups).orElseThrow(() -> Verdict.failure("the backups object of the Management API",
                backups.summary(), backups.endpoint()));
    }

    /** How old the project is, when the project answer says (a new project cannot reach back further). */
    private static Duration projectAge(Supabase supabase) {
        HttpObservation project = supabase.project();
        return project.json().map(j -> j.path("created_at").asText(null)).flatMap(c -> {
            try {
                return Optional.of(Duration.between(Instant.parse(c), Instant.now()));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    private static String human(Duration d) {
        return d.toHours() >= 1 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    private static String endpoint(Supabase supabase) {
        return supabase.backups().endpoint();
    }

    @Manual(id = "restore-drill", name = "Test the restore procedure on staging (manual)",
            dashboard = "https://supabase.com/dashboard/project/{supabase.project-ref}/database/backups/scheduled",
            why = "a restore writes a whole database: the suite is read-only; restore a backup into staging and check the "
                    + "data, as the runbook says")
    void restoreDrill() {
    }
}
