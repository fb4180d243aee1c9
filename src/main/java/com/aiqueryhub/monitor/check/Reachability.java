package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.report.Figures;
import org.opentest4j.TestAbortedException;

/**
 * One cause, one finding: while the front end cannot be reached at all, {@code frontend.status} reports why (in the
 * network's words: name not resolved, connection refused, timed out...), and every check that stands on the same home
 * page says "reported by frontend.status" instead of repeating it as its own failure, or misreading it as a white page.
 * Without frontend.status in the run, each check judges the unreachable page itself, in the same words.
 */
public final class Reachability {

    public static final String FRONTEND_STATUS = "frontend.status";

    private Reachability() {
    }

    public static void expectFrontEndReached(HttpObservation home) {
        if (home.answered()) {
            return;
        }
        if (Monitor.get().selectedChecks().contains(FRONTEND_STATUS) && !FRONTEND_STATUS.equals(Figures.currentCheck())) {
            throw new TestAbortedException("the front end is unreachable (" + home.noAnswerReason().orElse("no answer") + " — "
                    + home.endpoint() + "): reported by " + FRONTEND_STATUS);
        }
    }
}
