package com.aiqueryhub.monitor.sandbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A database one run's fault has changed is never handed to the next run: every fault the database code acts on says so. */
class DatabaseFaultsTest {

    @Test
    void everyFaultTheDatabaseCodeActsOnKeepsItsDatabaseFromTheNextRun() throws IOException {
        Set<String> actedOn = new TreeSet<>();
        for (String file : new String[]{"SandboxDatabase.java", "DatabaseFaults.java"}) {
            String source = Files.readString(Path.of("src/sandbox/java/com/aiqueryhub/monitor/sandbox", file));
            Matcher m = Pattern.compile("faults\\.contains\\(Fault\\.([A-Z_]+)\\)").matcher(source);
            while (m.find()) {
                actedOn.add(m.group(1));
            }
        }

        assertThat(actedOn).as("faults the database code reads").isNotEmpty();
        Set<String> changing = new TreeSet<>();
        DatabaseFaults.CHANGING.forEach(f -> changing.add(f.name()));
        assertThat(changing).containsAll(actedOn);
    }

    private static String databaseOf(String faults) {
        com.aiqueryhub.monitor.config.Settings settings = com.aiqueryhub.monitor.config.Settings.load(java.util.Map.of("env",
                "local", "sandbox.faults", faults, "db.user", "reuse_probe"), java.util.Map.of());
        try (Sandbox sandbox = Sandbox.start(settings)) {
            String url = sandbox.settings().get("db.url");
            return url.substring(url.lastIndexOf('/') + 1);
        }
    }

    /** A database no fault touched serves the next run of its role; one a fault changed never does. */
    @Test
    void onlyAnUntouchedDatabaseIsHandedOn() {
        String first = databaseOf("");
        assertThat(databaseOf("frontend-down")).as("a fault elsewhere leaves the database as it was").isEqualTo(first);

        String changed = databaseOf("rows-dropped");
        assertThat(changed).isNotEqualTo(first);
        assertThat(databaseOf("")).as("the changed one is not handed on").isEqualTo(first).isNotEqualTo(changed);
    }
}
