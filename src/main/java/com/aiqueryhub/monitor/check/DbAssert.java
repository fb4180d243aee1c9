package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.probe.DatabaseProbe;
import com.aiqueryhub.monitor.probe.DbObservation;
import org.assertj.core.api.AbstractAssert;

import java.time.Duration;
import java.util.Objects;

/** Conditions on a database observation, in the same message shape as {@link HttpAssert}. */
public final class DbAssert extends AbstractAssert<DbAssert, DbObservation> {

    private final CheckContext check;

    private DbAssert(CheckContext check, DbObservation actual) {
        super(actual, DbAssert.class);
        this.check = check;
    }

    static DbAssert of(CheckContext check, DbObservation observation) {
        check.attach("SQL " + observation.endpoint(), observation.evidence());
        return new DbAssert(check, observation);
    }

    /** The query ran: no connection, permission or SQL error. */
    public DbAssert answered() {
        expectAnswer("the query to run");
        return this;
    }

    public DbAssert answeredWithin(Duration limit) {
        String wanted = "an answer within " + limit.toMillis() + " ms";
        expectAnswer(wanted);
        check.figure("round-trip-ms", actual.elapsed().toMillis(), "ms", (double) limit.toMillis(), null);
        check.expect(actual.elapsed().compareTo(limit) <= 0, wanted, "answer after " + actual.elapsed().toMillis() + " ms",
                actual.endpoint());
        return this;
    }

    public DbAssert firstValueIs(Object expected) {
        String wanted = actual.sql() + " = " + expected;
        expectAnswer(wanted);
        Object observed = actual.firstValue().orElse(null);
        check.expect(Objects.equals(String.valueOf(expected), String.valueOf(observed)), wanted, String.valueOf(observed),
                actual.endpoint());
        return this;
    }

    private void expectAnswer(String wanted) {
        if (!actual.answered() && actual.error().startsWith(DatabaseProbe.LOGIN_REJECTED)) {
            throw check.misconfigured(Keys.DB_PASSWORD.key(), "the database refused the monitoring login ("
                    + actual.error() + " at " + actual.endpoint() + "): set DB_PASSWORD (db.password) and db.user to the "
                    + "monitoring role's login (README step 1, docs/deployment.md); on Supabase's pooler the user is "
                    + "ROLE.PROJECT_REF. If it worked before: a Postgres upgrade or a restore from a daily backup leaves custom "
                    + "roles without a usable password (Supabase's upgrading and backups guides): set it again with alter "
                    + "role ... password");
        }
        if (!actual.answered() && actual.error().startsWith(DatabaseProbe.NO_IPV6_ROUTE)) {
            throw check.misconfigured(Keys.DB_URL.key(), actual.error() + " at " + actual.endpoint() + ": the runner's network, "
                    + "not the database. Supabase's direct host (db.REF.supabase.co) is IPv6-only; most CI runners have no IPv6. "
                    + "Set db.url to the session pooler (IPv4): jdbc:postgresql://aws-0-REGION.pooler.supabase.com:5432/postgres, "
                    + "db.user ROLE.PROJECT_REF (the preflight suggests both; docs/deployment.md)");
        }
        if (!actual.answered()) {
            throw Verdict.failure(wanted, actual.summary(), actual.endpoint());
        }
    }
}
