package com.aiqueryhub.monitor.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Allure's failure categories. Allure puts a result in every category that matches, so the patterns are
 * written to exclude each other: a result lands in exactly one.
 */
final class Categories {
    private Categories() {
    }

    static List<Map<String, Object>> all() {
        return List.of(
                category("Upstream incident: a provider's status page reports one", List.of("failed"),
                        "(?s)upstream incident at .*"),
                category("Outage: no answer (refused, reset, timed out)", List.of("failed"),
                        "(?s)(?!upstream incident at).*observed no answer.*"),
                category("Wrong answer: the service answered, but not as healthy", List.of("failed"),
                        "(?s)(?!upstream incident at)(?!.*observed no answer).*"),
                category("Degraded: over the warning band, under the failure limit", List.of("skipped"),
                        "(?s)degraded:.*"),
                category("Suite misconfigured: missing or invalid setting", List.of("broken", "skipped"),
                        "(?s)(suite misconfigured|skipped: setting).*"),
                category("Maintenance: inside a planned window", List.of("skipped"), "(?s)(skipped: )?maintenance: .*"),
                category("Not observable: an API kept answering 429 (rate limited)", List.of("broken", "skipped"),
                        "(?s)(skipped: )?rate limited.*"),
                category("Not observed: the monitor could not look (its network, credential or settings)",
                        List.of("broken", "skipped"), "(?s)(skipped: )?not observed.*"),
                category("Reported once: the same cause as another check", List.of("skipped"), "(?s)skipped: .*: reported by .*"),
                category("Check defect: the check itself failed", List.of("broken"),
                        "(?s)(?!suite misconfigured)(?!rate limited)(?!not observed).*"));
    }

    private static Map<String, Object> category(String name, List<String> statuses, String regex) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("matchedStatuses", statuses);
        m.put("messageRegex", regex);
        return m;
    }
}
