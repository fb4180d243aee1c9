package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Who ran the checks, the {@code location} label of every series: {@code monitor.location}, else a stable name per CI
 * provider ({@code github-hosted}, {@code gitlab-shared}), else this host's name. Never a runner's own name on a CI
 * service: GitHub-hosted runners are called "GitHub Actions 17" one run and "GitHub Actions 4" the next, and each name
 * would open a Pushgateway group no later run replaces.
 */
public final class RunLocation {

    private RunLocation() {
    }

    public static String of(Optional<Settings> settings) {
        return of(settings, System.getenv());
    }

    static String of(Optional<Settings> settings, Map<String, String> environment) {
        Optional<String> set = settings.flatMap(s -> s.find(Keys.MONITOR_LOCATION));
        if (set.isPresent()) {
            return set.get();
        }
        if ("true".equals(environment.get("GITHUB_ACTIONS"))) {
            // a self-hosted runner keeps its name from run to run; the hosted ones share one stable location
            return "self-hosted".equals(environment.get("RUNNER_ENVIRONMENT")) && environment.get("RUNNER_NAME") != null
                    ? environment.get("RUNNER_NAME") : "github-hosted";
        }
        if ("true".equals(environment.get("GITLAB_CI"))) {
            return "gitlab-shared";
        }
        if (environment.containsKey("CI")) {
            return "ci";
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
