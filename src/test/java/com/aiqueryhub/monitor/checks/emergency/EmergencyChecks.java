package com.aiqueryhub.monitor.checks.emergency;

import com.aiqueryhub.monitor.checks.troubleshooting.BotsCheck;
import com.aiqueryhub.monitor.checks.troubleshooting.DatabasePerformanceCheck;

/** Everything tagged emergency, in runbook order; the self-tests run exactly these. */
public final class EmergencyChecks {
    public static final Class<?>[] CLASSES = {CompleteOutageCheck.class, SecurityIncidentCheck.class, DataLossCheck.class,
            BotsCheck.class, DatabasePerformanceCheck.class};

    private EmergencyChecks() {
    }
}
