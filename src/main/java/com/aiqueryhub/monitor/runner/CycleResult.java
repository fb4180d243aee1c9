package com.aiqueryhub.monitor.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One cycle as the runner saw it: when it started, how long it took, the run's verdict word (HEALTHY, UNHEALTHY, BLIND,
 * ...; ERROR when the cycle itself could not run) and line, and the metrics.prom it wrote (empty when it wrote none).
 */
record CycleResult(Instant started, Duration took, String verdict, String line, Optional<String> metrics) {

    /** A cycle that could not run at all, and why. */
    static CycleResult error(Instant started, Duration took, Exception why) {
        return new CycleResult(started, took, "ERROR", "the cycle could not run: " + why.getClass().getSimpleName() + ": "
                + why.getMessage(), Optional.empty());
    }

    /** The cycle itself broke (not a check: the launcher, the report folder): the runner goes on to the next. */
    boolean error() {
        return verdict.equals("ERROR");
    }
}
