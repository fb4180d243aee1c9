package com.aiqueryhub.monitor.probe;

import java.util.Collection;
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

    /** What one provider's page says: nothing wrong (text null), an incident, or that it cannot be read. */
    private record Reading(boolean incident, String text) {
    }

    private static Reading read(String provider) {
        HttpObservation page = AiQueryHub.statusPage(provider);
        String name = Character.toUpperCase(provider.charAt(0)) + provider.substring(1);
        if (!page.answered() || page.status() != 200) {
            return new Reading(false, "status page of " + name + " unreadable (" + page.summary() + ")");
        }
        Object indicator = page.json().map(j -> (Object) j.get("status.indicator")).orElse(null);
        if (indicator == null || !KNOWN_INDICATORS.contains(indicator.toString())) {
            return new Reading(false, "status page of " + name + " has no known indicator (" + indicator + ")");
        }
        if ("none".equals(indicator)) {
            return new Reading(false, null);
        }
        List<Map<String, Object>> open = page.json().map(j -> j.<Map<String, Object>>getList("incidents")).orElse(List.of());
        String titles = open == null ? "" : open.stream().map(i -> String.valueOf(i.get("name"))).collect(Collectors.joining(" | "));
        return new Reading(true, "incident at " + name + " (" + indicator + "): "
                + (titles.isEmpty() ? page.json().get().getString("status.description") : titles));
    }

    /** "incident at Supabase (major): Elevated error rates ...", and unreadable pages, for every provider. */
    public static List<String> incidents() {
        return PROVIDERS.stream().map(StatusPages::read).map(Reading::text).filter(t -> t != null).toList();
    }

    /**
     * "upstream incident at Supabase (major): ..." for each of {@code providers} whose page reports an incident
     * right now; unreadable pages say nothing here (they are the outage check's business).
     */
    public static List<String> incidentsAt(Collection<String> providers) {
        return providers.stream().filter(PROVIDERS::contains).map(StatusPages::read)
                .filter(Reading::incident).map(r -> "upstream " + r.text()).toList();
    }

    public static String endpoints() {
        return "GET " + PROVIDERS.stream().map(p -> AiQueryHub.statusPage(p).call().url()).collect(Collectors.joining(", "));
    }
}
