package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.Database;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.probe.HttpObservation;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The layer verdicts the runbook repeats (the morning check, the quick health script, the outage triage): is the front
 * end up, do the functions refuse a bad token before any work, does the database answer. One method each, one message,
 * one reachability guard, whichever check asks.
 */
public final class LayerVerdicts {

    private LayerVerdicts() {
    }

    /**
     * The front end answers its page with 200. Unreachable, the run's first check to meet it reports why; later ones
     * say "reported by" it ({@link Reachability}).
     */
    public static void expectFrontEndUp(CheckContext check, FrontEnd site) {
        HttpObservation home = site.homePage();
        Reachability.expectFrontEndReached(check, home);
        check.that(home).hasStatus(200);
    }

    /** The same verdict as a predicate, for a check that lists every layer that is down (the outage triage). */
    public static boolean frontEndUp(HttpObservation home) {
        return home.answered() && home.status() == 200;
    }

    /**
     * ai-query refuses an invalid token (401 or 403) before it does any work; {@code verifyJwt} names the door, read once
     * the call has its answer (Supabase#verifyJwtAhead asks for it meanwhile).
     */
    public static void expectFunctionsUp(CheckContext check, EdgeFunctions functions, Supplier<Optional<Boolean>> verifyJwt) {
        HttpObservation call = functions.aiQueryWithInvalidJwt();
        GatewayVerdicts.expectRefusedBeforeWork(check, call, "ai-query", verifyJwt.get());
    }

    /** The database answers {@code select 1} in a read-only session. */
    public static void expectDatabaseUp(CheckContext check, Database db) {
        check.that(db.ping()).firstValueIs(1);
    }

    /** Down as users see it: a refused login is the monitor's setting, not the database (DbObservation.down). */
    public static boolean databaseDown(DbObservation ping) {
        return ping.down();
    }
}
