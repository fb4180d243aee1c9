package com.aiqueryhub.monitor.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the providers' Atlassian Statuspage summaries and says which report an incident. */
public final class StatusPages {

    public static final List<String> PROVIDERS = List.of("supabase", "anthropic", "netlify", "openrouter");
    private static final Set<String> KNOWN_INDICATORS = Set.of("none", "minor", "major", "critical");

    private StatusPages() {
    }

    /** "incident at Supabase (major): Elevated error rates ..." for every provider not reporting "none". */
    public static List<String> incidents() {
        List<String> found = new ArrayList<>();
        for (String provider : PROVIDERS) {
            HttpObservation page = AiQueryHub.statusPage(provider);
            String name = Character.toUpperCase(provider.charAt(0)) + provider.substring(1);
            if (!page.answered() || page.status() != 200) {
                found.add("status page of " + name + " unreadable (" + page.summary() + ")");
                continue;
            }
            Object indicator = page.json().map(j -> (Object) j.get("status.indicator")).orElse(null);
            if (indicator == null || !KNOWN_INDICATORS.contains(indicator.toString())) {
                found.add("status page of " + name + " has no known indicator (" + indicator + ")");
            } else if (!"none".equals(indicator)) {
                List<Map<String, Object>> open = page.json().map(j -> j.<Map<String, Object>>getList("incidents")).orElse(List.of());
                String titles = open.stream().map(i -> String.valueOf(i.get("name"))).collect(Collectors.joining(" | "));
                found.add("incident at " + name + " (" + indicator + "): "
                        + (titles.isEmpty() ? page.json().get().getString("status.description") : titles));
            }
        }
        return found;
    }

    /**
     * "upstream incident at Supabase (major): ..." for each of {@code providers} whose page reports an incident
     * right now; unreadable pages say nothing here (they are the outage check's business).
     */
    public static List<String> incidentsAt(java.util.Collection<String> providers) {
        List<String> found = new ArrayList<>();
        for (String provider : providers) {
            if (!PROVIDERS.contains(provider)) {
                continue;
            }
            HttpObservation page = AiQueryHub.statusPage(provider);
            if (!page.answered() || page.status() != 200 || page.json().isEmpty()) {
                continue;
            }
            Object indicator = page.json().get().get("status.indicator");
            if (indicator != null && KNOWN_INDICATORS.contains(indicator.toString()) && !"none".equals(indicator)) {
                List<Map<String, Object>> open = page.json().get().getList("incidents");
                String titles = open == null ? "" : open.stream().map(i -> String.valueOf(i.get("name"))).collect(Collectors.joining(" | "));
                found.add("upstream incident at " + title(provider) + " (" + indicator + "): "
                        + (titles.isEmpty() ? page.json().get().getString("status.description") : titles));
            }
        }
        return found;
    }

    private static String title(String provider) {
        return Character.toUpperCase(provider.charAt(0)) + provider.substring(1);
    }

    public static String endpoints() {
        return "GET " + PROVIDERS.stream().map(p -> AiQueryHub.statusPage(p).call().url()).collect(Collectors.joining(", "));
    }
}
