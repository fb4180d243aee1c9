package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Who ran the checks: {@code monitor.location}, else the CI runner's name, else this host's name. */
public final class RunLocation {

    private RunLocation() {
    }

    public static String of(Optional<Settings> settings) {
        Optional<String> set = settings.flatMap(s -> s.find(Keys.MONITOR_LOCATION));
        if (set.isPresent()) {
            return set.get();
        }
        for (String variable : List.of("RUNNER_NAME", "CI_RUNNER_DESCRIPTION")) {
            String v = System.getenv(variable);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
