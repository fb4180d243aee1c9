package com.aiqueryhub.monitor.probe;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
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
        JsonNode root = page.jsonObject().orElse(null);
        if (root == null || !root.path("components").isArray()) {
            return new StatusPages.Reading(provider, StatusPages.Condition.UNKNOWN, "upstream status unknown at " + name
                    + ": not a Datadog status page config (no components; " + page.summary() + ")");
        }
        List<String> leaves = new ArrayList<>();
        List<String> maintained = new ArrayList<>();
        collect(root.path("components"), leaves, maintained);
        String open = StatusPages.stream(root.path("incidents")).filter(i -> i.path("resolved").isBoolean() && !i.path("resolved").asBoolean())
                .map(i -> i.path("title").asText()).collect(Collectors.joining(" | "));
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

    private static void collect(JsonNode components, List<String> leaves, List<String> maintained) {
        for (JsonNode component : components) {
            if (component.path("components").isArray()) {
                collect(component.path("components"), leaves, maintained);
            } else if (component.path("status").isTextual()) {
                leaves.add(component.get("status").asText());
                if ("maintenance".equals(component.get("status").asText()) && component.path("name").isTextual()) {
                    maintained.add(component.get("name").asText());
                }
            }
        }
    }
}
