package com.aiqueryhub.monitor.selftest;

import com.aiqueryhub.monitor.checks.preflight.PreflightChecks;
import com.aiqueryhub.monitor.checks.weekly.WeeklyChecks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A settings file that worked with the previous release (src/test/resources/upgrade/settings-2025.properties) keeps
 * working, or gets one message naming the new setting: the monitor's setting, not observed, never a production failure.
 */
class UpgradeSelfTest {

    @Test
    void anAuditTableWithoutTriageNamesTheSettingToAdd() throws IOException {
        CheckRun.Result result = CheckRun.run(previousRelease(), WeeklyChecks.CLASSES[2]); // the security audit

        CheckRun.assertOnlyNotObserved(result, java.util.Set.of("security-audit.events"), "set audit.status-column=none: "
                + "security_audit_log has no column status");
        assertThat(result.get("security-audit.events").message()).startsWith("not observed: set audit.status-column=none");
    }

    @Test
    void withTheSettingAddedTheFileWorksAgain() throws IOException {
        Map<String, String> fixed = previousRelease();
        fixed.put("audit.status-column", "none");

        CheckRun.Result result = CheckRun.run(fixed, WeeklyChecks.CLASSES[2]);

        assertThat(result.get("security-audit.events").status()).as("outcomes: %s", result.byId()).isEqualTo("passed");
    }

    @SuppressWarnings("unchecked")
    @Test
    void thePreflightNamesTheSameSettingAndFix() throws IOException {
        CheckRun.Result result = CheckRun.run(previousRelease(), PreflightChecks.CLASSES);

        List<Map<String, Object>> items = JsonMaps.parseList(result.file("preflight.json")).stream()
                .map(i -> (Map<String, Object>) i).toList();
        assertThat(items).filteredOn(i -> "tables.audit".equals(i.get("id"))).singleElement().satisfies(i -> {
            assertThat(i).containsEntry("status", "problem").containsEntry("setting", "audit.status-column")
                    .containsEntry("suggestion", "none");
            assertThat((String) i.get("message")).startsWith("set audit.status-column=none: security_audit_log has no column status");
        });
    }

    private static Map<String, String> previousRelease() throws IOException {
        Properties file = new Properties();
        try (InputStream in = UpgradeSelfTest.class.getClassLoader().getResourceAsStream("upgrade/settings-2025.properties")) {
            file.load(in);
        }
        Map<String, String> settings = new HashMap<>();
        file.stringPropertyNames().forEach(k -> settings.put(k, file.getProperty(k)));
        return settings;
    }
}
