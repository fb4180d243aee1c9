package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.HttpObservation;
import org.opentest4j.TestAbortedException;

import java.util.List;

/**
 * One cause, one finding, owned by the check whose subject it is. A front end that cannot be reached, or answers a
 * server error, is the front end's status check's finding among the checks the run selected: {@code frontend.status} in
 * a daily run, {@code outage.frontend} in an emergency run, {@code quick-health.frontend} in a smoke run; it says why in
 * the network's words (name not resolved, connection refused, timed out...) or the status. Every other check of the same
 * page (the title, the bundle, the browser, the headers, the journey) points at that check instead of repeating the
 * finding or misreading it as a white page, whichever of them ran first. A run that selected none of them has the first
 * check to meet the cause report it.
 */
public final class Reachability {

    /** The checks whose subject is whether the front end answers, most specific first. */
    public static final List<String> FRONT_END_OWNERS = List.of("frontend.status", "outage.frontend", "quick-health.frontend");

    private Reachability() {
    }

    /**
     * Returns when the front end answered without a server error, or when this check owns the cause (it then judges the
     * answer itself); otherwise skips this check, pointing at the owner.
     */
    public static void expectFrontEndReached(CheckContext check, HttpObservation home) {
        if (home.answered() && home.status() < 500) {
            return;
        }
        String owner = check.run().findings().owner("front end down", FRONT_END_OWNERS, check.info().id());
        if (!owner.equals(check.info().id())) {
            String what = home.answered() ? "the front end answers HTTP " + home.status() + " (" + home.endpoint() + ")"
                    : "the front end is unreachable (" + home.noAnswerReason().orElse("no answer") + " — " + home.endpoint() + ")";
            throw new TestAbortedException(what + ": reported by " + owner);
        }
    }
}
