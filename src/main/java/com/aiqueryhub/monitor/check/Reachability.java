package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.HttpObservation;
import org.opentest4j.TestAbortedException;

/**
 * One cause, one finding: while the front end cannot be reached at all, the first front-end check to meet it (in a
 * daily run always {@code frontend.status}, which runs first) reports why in the network's words (name not resolved,
 * connection refused, timed out...); every later check of the same page says "reported by" it instead of repeating the
 * finding, or misreading it as a white page.
 */
public final class Reachability {

    private Reachability() {
    }

    public static void expectFrontEndReached(CheckContext check, HttpObservation home) {
        if (home.answered()) {
            return;
        }
        String first = check.run().findings().claim("front end unreachable", check.info().id());
        if (!first.equals(check.info().id())) {
            throw new TestAbortedException("the front end is unreachable (" + home.noAnswerReason().orElse("no answer") + " — "
                    + home.endpoint() + "): reported by " + first);
        }
    }
}
