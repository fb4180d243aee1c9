package com.aiqueryhub.monitor.probe;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Reads the providers' status pages for context: Atlassian Statuspage's {@code /api/v2/summary.json}, or a Datadog
 * status page's {@code /config.json} (OpenRouter's since September 2026), as {@code statuspage.NAME.format} says. Only a
 * reported incident counts against a provider; a page that cannot be read, is not Statuspage JSON or shows an
 * indicator the suite does not know says nothing about AI Query Hub and is reported as "status unknown".
 */
public final class StatusPages {

    public static final List<String> PROVIDERS = List.of("supabase", "anthropic", "netlify", "openrouter");

    public enum Condition { OPERATIONAL, INCIDENT, MAINTENANCE, UNKNOWN }

    /**
     * What one provider's page says, the line the report shows for it (null when operational), and for a maintenance
     * the components it names (its own components[], its updates' affected_components[], components under_maintenance).
     */
    public record Reading(String provider, Condition condition, String text, List<String> components) {
        public Reading(String provider, Condition condition, String text) {
            this(provider, condition, text, List.of());
        }

        /** Whether one of these component names contains one of {@code keywords} (case-insensitive). */
        public boolean names(Collection<String> keywords) {
            return components.stream().map(c -> c.toLowerCase(Locale.ROOT))
                    .anyMatch(c -> keywords.stream().anyMatch(k -> c.contains(k.toLowerCase(Locale.ROOT))));
        }

        /**
         * Whether an incident concerns a project that uses {@code services} (empty: every one) in {@code region} (empty:
         * not known). It does when it names no component (nothing to tell it apart), or when one component it names is
         * a service the project uses and either names no region or names the project's. Each component is matched with
         * its group's name ("AWS eu-central-1 / Edge Functions"), since a page may group services by region or regions
         * by service.
         */
        public boolean concerns(Collection<String> services, java.util.Optional<String> region) {
            if (components.isEmpty()) {
                return true;
            }
            return components.stream().map(c -> c.toLowerCase(Locale.ROOT)).anyMatch(c ->
                    (services.isEmpty() || services.stream().anyMatch(k -> c.contains(k.toLowerCase(Locale.ROOT))))
                            && (!REGION.matcher(c).find() || region.isEmpty()
                            || c.contains(region.get().toLowerCase(Locale.ROOT))));
        }
    }

    /** A cloud region's code in a component's name: ap-southeast-2, eu-central-1, us-east-1, ... */
    private static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("\\b[a-z]{2}-[a-z]+-\\d\\b");

    private StatusPages() {
    }

    /** Where a provider's page answers in JSON: Statuspage's summary, or a Datadog status page's config. */
    public static String jsonPath(String format) {
        return switch (format) {
            case "statuspage" -> "/api/v2/summary.json";
            case "datadog" -> "/config.json";
            default -> throw new com.aiqueryhub.monitor.config.SettingsException("statuspage.*.format must be statuspage "
                    + "or datadog, not '" + format + "'");
        };
    }

    /** The readings' texts that are in {@code condition}. */
    public static List<String> texts(List<Reading> readings, Condition condition) {
        return readings.stream().filter(r -> r.condition() == condition).map(Reading::text).toList();
    }

    /** Interprets one page's JSON answer; public so the contract tests judge the real shapes the same way. */
    public static Reading interpret(String provider, String format, HttpObservation page) {
        String name = Character.toUpperCase(provider.charAt(0)) + provider.substring(1);
        if (!page.answered() || page.status() != 200) {
            return new Reading(provider, Condition.UNKNOWN, "upstream status unknown at " + name + ": page unreadable ("
                    + page.summary() + ")");
        }
        if (format.equals("datadog")) {
            return DatadogStatusPage.interpret(provider, name, page);
        }
        JsonNode root = page.jsonObject().orElse(null);
        JsonNode indicator = root == null ? null : root.path("status").path("indicator");
        if (indicator == null || !indicator.isTextual()) {
            return new Reading(provider, Condition.UNKNOWN, "upstream status unknown at " + name
                    + ": not Statuspage JSON (no status.indicator; " + page.summary() + ")");
        }
        String description = root.path("status").path("description").asText("");
        return switch (indicator.asText()) {
            // a maintenance in progress need not move the indicator, which follows the components
            case "none" -> inProgress(root).isEmpty() ? new Reading(provider, Condition.OPERATIONAL, null)
                    : new Reading(provider, Condition.MAINTENANCE, "scheduled maintenance at " + name + ": " + inProgress(root),
                    maintainedComponents(root));
            case "minor", "major", "critical" -> incident(provider, name, indicator.asText(), root, description);
            // undocumented but real: Statuspage reports it during a scheduled maintenance
            case "maintenance" -> new Reading(provider, Condition.MAINTENANCE, "scheduled maintenance at " + name + ": "
                    + titles(root, "scheduled_maintenances", description), maintainedComponents(root));
            default -> new Reading(provider, Condition.UNKNOWN, "upstream status unknown at " + name
                    + ": indicator '" + indicator.asText() + "' is not one the suite knows (" + description + ")");
        };
    }

    /**
     * The components a maintenance in progress names: each in_progress or verifying item's components[] and its updates'
     * affected_components[] (shape: contracts/ext/statuspage/summary-maintenance-components.http), and the page's
     * components whose status is under_maintenance.
     */
    private static List<String> maintainedComponents(JsonNode root) {
        Set<String> names = new TreeSet<>();
        for (JsonNode m : root.path("scheduled_maintenances")) {
            if (!List.of("in_progress", "verifying").contains(m.path("status").asText())) {
                continue;
            }
            m.path("components").forEach(c -> names.add(c.path("name").asText()));
            m.path("incident_updates").forEach(u -> u.path("affected_components").forEach(c -> names.add(c.path("name").asText())));
        }
        root.path("components").forEach(c -> {
            if ("under_maintenance".equals(c.path("status").asText())) {
                names.add(c.path("name").asText());
            }
        });
        names.remove("");
        return List.copyOf(names);
    }

    /**
     * The components an incident affects, each with its group's name before it ("AWS eu-central-1 / Edge Functions"):
     * the unresolved incidents' components[] and their updates' affected_components[] (Statuspage's summary shape:
     * contracts/ext/statuspage/summary-incident-regional.http); when they name none, the page's components that are not
     * operational.
     */
    private static List<String> affectedComponents(JsonNode root) {
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        root.path("components").forEach(c -> byId.put(c.path("id").asText(), c));
        Set<String> names = new TreeSet<>();
        for (JsonNode incident : root.path("incidents")) {
            incident.path("components").forEach(c -> names.add(withGroup(c, byId)));
            incident.path("incident_updates").forEach(u -> u.path("affected_components")
                    .forEach(c -> names.add(withGroup(c, byId))));
        }
        if (names.stream().allMatch(String::isBlank)) {
            root.path("components").forEach(c -> {
                if (List.of("degraded_performance", "partial_outage", "major_outage").contains(c.path("status").asText())
                        && !c.path("group").asBoolean(false)) {
                    names.add(withGroup(c, byId));
                }
            });
        }
        names.removeIf(String::isBlank);
        return List.copyOf(names);
    }

    private static String withGroup(JsonNode component, java.util.Map<String, JsonNode> byId) {
        String id = component.path("id").asText(component.path("code").asText(""));
        JsonNode known = byId.getOrDefault(id, component);
        String name = known.path("name").asText(component.path("name").asText(""));
        JsonNode group = byId.get(known.path("group_id").asText(""));
        return group == null ? name : group.path("name").asText() + " / " + name;
    }

    /** "incident at Supabase (minor): TITLE (Edge Functions / AWS eu-central-1)", with the components it affects. */
    private static Reading incident(String provider, String name, String indicator, JsonNode root, String description) {
        List<String> affected = affectedComponents(root);
        return new Reading(provider, Condition.INCIDENT, "incident at " + name + " (" + indicator + "): "
                + titles(root, "incidents", description) + (affected.isEmpty() ? "" : " (" + String.join(", ", affected) + ")"),
                affected);
    }

    private static String inProgress(JsonNode root) {
        return stream(root.path("scheduled_maintenances")).filter(i -> "in_progress".equals(i.path("status").asText()))
                .map(i -> i.path("name").asText()).collect(Collectors.joining(" | "));
    }

    private static String titles(JsonNode root, String list, String fallback) {
        String joined = stream(root.path(list)).map(i -> i.path("name").asText()).collect(Collectors.joining(" | "));
        return joined.isEmpty() ? fallback : joined;
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
