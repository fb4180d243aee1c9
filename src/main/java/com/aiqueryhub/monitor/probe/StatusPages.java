package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.config.Settings;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads the providers' status pages for context: Atlassian Statuspage's {@code /api/v2/summary.json}, or a Datadog
 * status page's {@code /config.json} (OpenRouter's since September 2026), as {@code statuspage.NAME.format} says. Only a
 * reported incident counts against a provider; a page that cannot be read, is not Statuspage JSON or shows an
 * indicator the suite does not know says nothing about AI Query Hub and is reported as "status unknown".
 * A provider whose {@code statuspage.NAME.url} is empty is not read at all.
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
            return components.stream().map(c -> c.toLowerCase(java.util.Locale.ROOT))
                    .anyMatch(c -> keywords.stream().anyMatch(k -> c.contains(k.toLowerCase(java.util.Locale.ROOT))));
        }
    }

    private StatusPages() {
    }

    /** Providers whose status page is configured (an empty URL switches a page off). */
    public static List<String> configured(Settings settings) {
        return PROVIDERS.stream().filter(p -> settings.find("statuspage." + p + ".url").isPresent()).toList();
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
        Object indicator = page.json().map(j -> j.<Object>get("status.indicator")).orElse(null);
        if (!(indicator instanceof String)) {
            return new Reading(provider, Condition.UNKNOWN, "upstream status unknown at " + name
                    + ": not Statuspage JSON (no status.indicator; " + page.summary() + ")");
        }
        String description = page.json().map(j -> j.getString("status.description")).orElse("");
        return switch ((String) indicator) {
            // a maintenance in progress need not move the indicator, which follows the components
            case "none" -> inProgress(page).isEmpty() ? new Reading(provider, Condition.OPERATIONAL, null)
                    : new Reading(provider, Condition.MAINTENANCE, "scheduled maintenance at " + name + ": " + inProgress(page),
                    maintainedComponents(page));
            case "minor", "major", "critical" -> new Reading(provider, Condition.INCIDENT, "incident at " + name + " ("
                    + indicator + "): " + titles(page, "incidents", description));
            // undocumented but real: Statuspage reports it during a scheduled maintenance
            case "maintenance" -> new Reading(provider, Condition.MAINTENANCE, "scheduled maintenance at " + name + ": "
                    + titles(page, "scheduled_maintenances", description), maintainedComponents(page));
            default -> new Reading(provider, Condition.UNKNOWN, "upstream status unknown at " + name
                    + ": indicator '" + indicator + "' is not one the suite knows (" + description + ")");
        };
    }

    /**
     * The components a maintenance in progress names: each in_progress or verifying item's components[] and its updates'
     * affected_components[] (shape: contracts/ext/statuspage/summary-maintenance-components.http), and the page's
     * components whose status is under_maintenance.
     */
    private static List<String> maintainedComponents(HttpObservation page) {
        com.fasterxml.jackson.databind.JsonNode root = com.aiqueryhub.monitor.json.Json.parse(page.body()).orElse(null);
        if (root == null) {
            return List.of();
        }
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode m : root.path("scheduled_maintenances")) {
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

    private static String inProgress(HttpObservation page) {
        List<Map<String, Object>> items = page.json().map(j -> j.<Map<String, Object>>getList("scheduled_maintenances")).orElse(null);
        return items == null ? "" : items.stream().filter(i -> "in_progress".equals(i.get("status")))
                .map(i -> String.valueOf(i.get("name"))).collect(Collectors.joining(" | "));
    }

    private static String titles(HttpObservation page, String list, String fallback) {
        List<Map<String, Object>> items = page.json().map(j -> j.<Map<String, Object>>getList(list)).orElse(null);
        String joined = items == null ? "" : items.stream().map(i -> String.valueOf(i.get("name"))).collect(Collectors.joining(" | "));
        return joined.isEmpty() ? fallback : joined;
    }

    /** Every configured provider's reading, for the current run. */
    public static List<Reading> readAll() {
        Monitor m = Monitor.get();
        return configured(m.settings()).stream().map(p -> interpret(p, format(m, p), AiQueryHub.statusPage(m, p))).toList();
    }

    public static List<String> texts(List<Reading> readings, Condition condition) {
        return readings.stream().filter(r -> r.condition() == condition).map(Reading::text).toList();
    }

    /**
     * The upstream notes a failing check carries: "upstream incident at Supabase (major): ..." for each provider in
     * {@code providers} whose page reports one, and "upstream scheduled maintenance at ..." only where the maintenance
     * names one of {@code components} (a maintenance of the dashboard says nothing about a failing database query).
     * Unreadable pages say nothing here.
     */
    public static List<String> notesFor(Collection<String> providers, Collection<String> components) {
        Monitor m = Monitor.get();
        return configured(m.settings()).stream().filter(providers::contains)
                .map(p -> interpret(p, format(m, p), AiQueryHub.statusPage(m, p)))
                .filter(r -> r.condition() == Condition.INCIDENT || (r.condition() == Condition.MAINTENANCE && r.names(components)))
                .map(r -> "upstream " + r.text()).filter(Objects::nonNull).toList();
    }

    public static String format(Monitor m, String provider) {
        return m.settings().find("statuspage." + provider + ".format").orElse("statuspage");
    }

    public static String endpoints() {
        Monitor m = Monitor.get();
        List<String> pages = configured(m.settings());
        return pages.isEmpty() ? "no status page configured (statuspage.*.url)"
                : "GET " + pages.stream().map(p -> AiQueryHub.statusPage(m, p).call().url()).collect(Collectors.joining(", "));
    }
}
