package com.aiqueryhub.monitor.run;

import org.opentest4j.TestAbortedException;

/**
 * Over the warning band but under the failure limit. The run does not fail; the check ends aborted,
 * which Allure shows as skipped under the category "Degraded", and summary.json as "degraded".
 */
public final class Degraded extends TestAbortedException {
    public Degraded(String message) {
        super(message.startsWith("degraded: ") ? message : "degraded: " + message);
    }
}
