package com.aiqueryhub.monitor.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Datadog status page's {@code /config.json}: no page-level indicator, so the state is derived from the leaf
 * components ({@code operational | degraded | partial_outage | major_outage | maintenance}) and the unresolved
 * incidents (shape: contracts/ext/statuspage/datadog-config.http).
 */
final class DatadogStatusPage {

    private static final List<String> WORST_FIRST = List.of("major_outage", "partial_outage", "degraded");

    private DatadogStatusPage() {
    }

    static StatusPages.Reading interpret(String provider, String name, HttpObservation page) {
        Object components = page.json().filter(j -> j.get() instanceof Map).map(j -> j.<Object>get("components")).orElse(null);
        if (!(components instanceof List<?> list)) {
            return new StatusPages.Reading(provider, StatusPages.Condition.UNKNOWN, "upstream status unknown at " + name
                    + ": not a Datadog status page config (no components; " + page.summary() + ")");
        }
        List<String> leaves = new ArrayList<>();
        List<String> maintained = new ArrayList<>();
        collect(list, leaves, maintained);
        List<Map<String, Object>> incidents = page.json().get().getList("incidents");
        String open = incidents == null ? "" : incidents.stream().filter(i -> Boolean.FALSE.equals(i.get("resolved")))
                .map(i -> String.valueOf(i.get("title"))).collect(Collectors.joining(" | "));
        String worst = WORST_FIRST.stream().filter(leaves::contains).findFirst().orElse(null);
        if (!open.isEmpty() || worst != null) {
            return new StatusPages.Reading(provider, StatusPages.Condition.INCIDENT, "incident at " + name + " ("
                    + (worst == null ? "open incident" : worst) + "): " + (open.isEmpty() ? "components " + worst : open));
        }
        if (leaves.contains("maintenance")) {
            return new StatusPages.Reading(provider, StatusPages.Condition.MAINTENANCE, "scheduled maintenance at " + name
                    + ": " + String.join(", ", maintained) + " under maintenance", List.copyOf(maintained));
        }
        return new StatusPages.Reading(provider, StatusPages.Condition.OPERATIONAL, null);
    }

    private static void collect(List<?> components, List<String> leaves, List<String> maintained) {
        for (Object c : components) {
            if (c instanceof Map<?, ?> component) {
                if (component.get("components") instanceof List<?> children) {
                    collect(children, leaves, maintained);
                } else if (component.get("status") != null) {
                    leaves.add(String.valueOf(component.get("status")));
                    if ("maintenance".equals(String.valueOf(component.get("status"))) && component.get("name") != null) {
                        maintained.add(String.valueOf(component.get("name")));
                    }
                }
            }
        }
    }
}
