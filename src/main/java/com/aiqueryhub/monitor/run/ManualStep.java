package com.aiqueryhub.monitor.run;

import org.opentest4j.TestAbortedException;

/** A manual step's entry in the report: aborted, never a verdict (summary.json: status manual). */
public final class ManualStep extends TestAbortedException {
    public ManualStep(String message) {
        super(message);
    }
}
