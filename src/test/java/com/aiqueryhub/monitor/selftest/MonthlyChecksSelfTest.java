package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.monthly.MonthlyChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves every monthly check: green on the healthy sandbox, red on exactly the fault it exists for. */
class MonthlyChecksSelfTest {

    private static final Set<String> PITR = Set.of("backup.pitr"); // skipped unless backup.expect-pitr=true
    /** The monthly checks by id: a new one is added here by name, with what it proves. */
    private static final Set<String> ALL = Set.of("capacity.database-size", "backup.no-failures", "backup.pitr",
            "backup.recent", "backup.retention", "security-review.frontend-certificate",
            "security-review.key-rotation", "security-review.supabase-certificate");

    @Test
    void healthySandboxTurnsEveryMonthlyCheckGreen() {
        CheckRun.Result result = CheckRun.run(Map.of(), MonthlyChecks.CLASSES);

        assertThat(result.byId().keySet()).isEqualTo(ALL);
        assertThat(result.withStatus("skipped")).isEqualTo(PITR);
        assertThat(result.get("backup.pitr").message()).isEqualTo("skipped: backup.expect-pitr=false: this environment "
                + "does not require point-in-time recovery");
        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).hasSize(7);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("db-near-quota", Set.of("capacity.database-size"),
                        "share of the disk's 8 GB (no autoscaling) at most 0.85; observed 7534.0 MB used on the disk = 92 %"),
                Arguments.of("backup-stale", Set.of("backup.recent"), "h ago"),
                Arguments.of("backup-short-retention", Set.of("backup.retention"), "a 30-day retention, from the organization's "
                        + "plan (entitlement backup.retention_days)); observed oldest daily backups point"),
                // point-in-time recovery on, and its WAL window stopped a day and more ago
                Arguments.of("pitr-stale", Set.of("backup.recent"), "observed newest point-in-time recovery (WAL) point"),
                Arguments.of("backup-failed", Set.of("backup.no-failures"), "1 FAILED"),
                Arguments.of("cert-expiring", Set.of("security-review.frontend-certificate"),
                        "expected at least 14 days before expiry (a third of its lifetime, or threshold.cert-days if smaller)"),
                // a six-day certificate nobody renewed: 1 day left, under a third of its lifetime
                Arguments.of("cert-renewal-stopped", Set.of("security-review.frontend-certificate"),
                        "expected at least 2.2 days before expiry"),
                Arguments.of("cert-wrong-host", Set.of("security-review.supabase-certificate"), "wrong-host.example"));
    }

    @ParameterizedTest(name = "{0} turns only {1} red")
    @MethodSource("faults")
    void eachFaultTurnsOnlyItsChecksRed(String fault, Set<String> expectedRed, String observedText) {
        CheckRun.assertOnlyRed(CheckRun.run(Map.of("sandbox.faults", fault), MonthlyChecks.CLASSES), expectedRed, PITR,
                observedText);
    }

    /** A quota set in db.quota is judged against the database's own size (the sandbox's is a few MB). */
    @Test
    void aConfiguredQuotaIsJudgedAgainstTheDatabaseSize() {
        CheckRun.assertOnlyRed(CheckRun.run(Map.of("db.quota", "1MB"), MonthlyChecks.CLASSES),
                Set.of("capacity.database-size"), PITR, "share of the 1MB quota at most 0.85");
    }

    @Test
    void pitrIsCheckedWhereTheEnvironmentExpectsIt() {
        CheckRun.assertOnlyRed(CheckRun.run(Map.of("backup.expect-pitr", "true"), MonthlyChecks.CLASSES), PITR, Set.of(),
                "pitr_enabled = false");
    }

    @Test
    void keysOlderThanTheRotationPeriodFail() {
        CheckRun.assertOnlyRed(CheckRun.run(Map.of("threshold.key-age", "7d"), MonthlyChecks.CLASSES),
                Set.of("security-review.key-rotation"), PITR, "21 days ago");
    }

    /** Renewal is due with a third of the lifetime left: later than that is degraded, not yet failed. */
    @Test
    void aCertificateWhoseRenewalIsLateIsDegraded() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "cert-renewal-due"), MonthlyChecks.CLASSES);

        assertThat(result.withStatus("degraded")).containsExactly("security-review.frontend-certificate");
        assertThat(result.get("security-review.frontend-certificate").message())
                .contains("expected renewal before 30 days are left", "observed 19 days left of 90 days");
        assertThat(result.withStatus("failed")).isEmpty();
    }

    /** A WAL window that stopped hours ago, inside the RPO: archiving stalled, worth a look, not a page. */
    @Test
    void aWalWindowThatStoppedHoursAgoIsDegraded() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "pitr-lagging"), MonthlyChecks.CLASSES);

        assertThat(result.withStatus("degraded")).containsExactly("backup.recent");
        assertThat(result.withStatus("failed")).isEmpty();
    }

    @Test
    void pitrEnabledMeetsTheExpectationOfIt() {
        CheckRun.Result result = CheckRun.run(Map.of("sandbox.faults", "pitr-enabled", "backup.expect-pitr", "true"),
                MonthlyChecks.CLASSES);

        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).isEqualTo(ALL);
    }
}
