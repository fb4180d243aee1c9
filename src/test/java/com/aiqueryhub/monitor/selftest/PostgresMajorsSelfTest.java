package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.checks.emergency.EmergencyChecks;
import com.aiqueryhub.monitor.checks.monthly.MonthlyChecks;
import com.aiqueryhub.monitor.checks.preflight.PreflightChecks;
import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supabase runs projects on PostgreSQL 15 and 17 and upgrades them in place. Every cadence that reads the database is
 * green on a healthy 17 as on 15, and its database faults are caught the same way: pg_stat_statements 1.11 and the
 * statistics views PG 17 moved must not turn a check red or blind.
 */
// among the first started (see pom.xml, surefire's class order): its longest runs must not be the build's last
@org.junit.jupiter.api.Order(3)
class PostgresMajorsSelfTest {

    /** Fewer samples than the defaults; the latency limits stay the sandbox's roomy ones (local.properties). */
    private static final Map<String, String> PG17 = Map.of("sandbox.postgres-version", "17",
            "performance.samples", "3", "metrics.sample-interval", "300ms");

    static Stream<Arguments> cadences() {
        return Stream.of(
                Arguments.of("daily", DailyChecks.CLASSES, DailyChecksSelfTest.NOT_RUN),
                Arguments.of("weekly", WeeklyChecks.CLASSES, Set.of()),
                Arguments.of("monthly", MonthlyChecks.CLASSES, Set.of("backup.pitr")),
                Arguments.of("emergency", EmergencyChecks.CLASSES, Set.of()),
                Arguments.of("preflight", PreflightChecks.CLASSES, Set.of()));
    }

    @ParameterizedTest(name = "PostgreSQL 17: every {0} check green")
    @MethodSource("cadences")
    void everyCadenceIsGreenOnPostgres17(String cadence, Class<?>[] classes, Set<String> skippedByDesign) {
        CheckRun.Result result = CheckRun.run(PG17, classes);

        Set<String> expected = new TreeSet<>(result.byId().keySet());
        expected.removeAll(skippedByDesign);
        assertThat(result.withStatus("passed")).as("outcomes: %s", result.byId()).isEqualTo(expected);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("slow-query", Set.of("db-performance.slow-statements"), "pg_sleep"),
                Arguments.of("connections-saturated", Set.of("db-performance.connections"), "of 120 ("));
    }

    /** The role's grant on PostgreSQL 17 too: the monitor's setup, not observed, never a clean zero. */
    @org.junit.jupiter.api.Test
    void rowLevelSecurityHidingRowsIsNotObservedOnPostgres17() {
        Map<String, String> settings = new HashMap<>(PG17);
        settings.put("sandbox.faults", "rls-hidden");

        CheckRun.assertOnlyNotObserved(CheckRun.run(settings, WeeklyChecks.CLASSES), Set.of("security-audit.events"),
                "row-level security hides rows");
    }

    @ParameterizedTest(name = "PostgreSQL 17: {0} turns only {1} red")
    @MethodSource("faults")
    void databaseFaultsAreCaughtOnPostgres17(String fault, Set<String> expectedRed, String observedText) {
        Map<String, String> settings = new HashMap<>(PG17);
        settings.put("sandbox.faults", fault);

        CheckRun.assertOnlyRed(CheckRun.run(settings, WeeklyChecks.CLASSES), expectedRed, Set.of(), observedText);
    }

    /** After an upgrade or a restore the monitoring role's password may be gone: the finding says so. */
    @org.junit.jupiter.api.Test
    void aLoginRefusedAfterAnUpgradeNamesTheLikelyCause() {
        Map<String, String> settings = new HashMap<>(PG17);
        settings.put("sandbox.faults", "db-login-rejected");

        CheckRun.Result result = CheckRun.run(settings, DailyChecks.CLASSES);

        assertThat(result.withStatus("failed")).as("outcomes: %s", result.byId()).isEmpty();
        assertThat(result.get("database.sql").message()).contains("login rejected",
                "a Postgres upgrade or a restore from a daily backup leaves custom roles without a usable password");
    }
}
