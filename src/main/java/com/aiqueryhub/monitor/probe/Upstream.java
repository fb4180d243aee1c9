package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The providers' status pages, read once per run and in the background from its start: context for triage, never a
 * verdict by themselves. A provider whose {@code statuspage.NAME.url} is empty is not read at all.
 */
public final class Upstream {

    private static final Map<String, Setting<URI>> URLS = Map.of("supabase", Keys.STATUSPAGE_SUPABASE_URL,
            "anthropic", Keys.STATUSPAGE_ANTHROPIC_URL, "netlify", Keys.STATUSPAGE_NETLIFY_URL,
            "openrouter", Keys.STATUSPAGE_OPENROUTER_URL);
    private static final Map<String, Setting<String>> FORMATS = Map.of("supabase", Keys.STATUSPAGE_SUPABASE_FORMAT,
            "anthropic", Keys.STATUSPAGE_ANTHROPIC_FORMAT, "netlify", Keys.STATUSPAGE_NETLIFY_FORMAT,
            "openrouter", Keys.STATUSPAGE_OPENROUTER_FORMAT);

    private static final Map<String, Setting<List<String>>> COMPONENTS = Map.of("supabase", Keys.STATUSPAGE_SUPABASE_COMPONENTS,
            "anthropic", Keys.STATUSPAGE_ANTHROPIC_COMPONENTS, "netlify", Keys.STATUSPAGE_NETLIFY_COMPONENTS,
            "openrouter", Keys.STATUSPAGE_OPENROUTER_COMPONENTS);

    private final Settings settings;
    private final HttpProbe http;
    private final SharedCalls shared;
    /** The Supabase project's region (the Management API's project), asked only when an incident needs it. */
    private final java.util.function.Supplier<java.util.Optional<String>> supabaseRegion;

    public Upstream(Settings settings, HttpProbe http, SharedCalls shared,
                    java.util.function.Supplier<java.util.Optional<String>> supabaseRegion) {
        this.settings = settings;
        this.http = http;
        this.shared = shared;
        this.supabaseRegion = supabaseRegion;
    }

    /**
     * Whether a reading concerns this project: an incident only when it names a component the checks use (and, at
     * Supabase, the project's region); anything else a page says is taken as it is.
     */
    public boolean concernsUs(StatusPages.Reading reading) {
        if (reading.condition() != StatusPages.Condition.INCIDENT) {
            return true;
        }
        java.util.Optional<String> region = reading.provider().equals("supabase") ? supabaseRegion.get() : java.util.Optional.empty();
        return reading.concerns(settings.get(COMPONENTS.get(reading.provider())), region);
    }

    /** The incidents that concern this project, as the report words them. */
    public List<String> incidentsConcerningUs(List<StatusPages.Reading> readings) {
        return incidents(readings, true);
    }

    /** The incidents elsewhere (another region, a service the checks do not use): listed, never red. */
    public List<String> incidentsElsewhere(List<StatusPages.Reading> readings) {
        return incidents(readings, false);
    }

    private List<String> incidents(List<StatusPages.Reading> readings, boolean ours) {
        return readings.stream().filter(r -> r.condition() == StatusPages.Condition.INCIDENT && concernsUs(r) == ours)
                .map(StatusPages.Reading::text).toList();
    }

    /** Providers whose status page is configured (an empty URL switches a page off). */
    public List<String> configured() {
        return StatusPages.PROVIDERS.stream().filter(p -> settings.find(URLS.get(p)).isPresent()).toList();
    }

    public Setting<URI> urlSetting(String provider) {
        return URLS.get(provider);
    }

    public String format(String provider) {
        return settings.get(FORMATS.get(provider));
    }

    /** A provider's page as JSON (Statuspage summary or Datadog config, per statuspage.NAME.format). */
    public HttpObservation page(String provider) {
        return shared.once("statuspage." + provider, () -> http.send(HttpCall.get(base(provider)
                + StatusPages.jsonPath(format(provider)))));
    }

    /** The same page in the other format's place, for the preflight to suggest it. */
    public HttpObservation pageAs(String provider, String format) {
        return http.send(HttpCall.get(base(provider) + StatusPages.jsonPath(format)));
    }

    /** Reads every configured page in the background now: a failure's upstream note must not wait on them. */
    public void readInBackground() {
        configured().forEach(p -> shared.prefetch("statuspage-" + p, () -> page(p)));
    }

    /** Every configured provider's reading. */
    public List<StatusPages.Reading> readAll() {
        return configured().stream().map(p -> StatusPages.interpret(p, format(p), page(p))).toList();
    }

    /**
     * The upstream notes a failing check carries: "upstream incident at Supabase (major): ..." for each provider in
     * {@code providers} whose page reports one that concerns this project ({@link #concernsUs}), and "upstream scheduled maintenance at ..." only where the maintenance
     * names one of {@code components} (a maintenance of the dashboard says nothing about a failing database query).
     * Unreadable pages say nothing here.
     */
    public List<String> notesFor(Collection<String> providers, Collection<String> components) {
        return configured().stream().filter(providers::contains)
                .map(p -> StatusPages.interpret(p, format(p), page(p)))
                .filter(r -> (r.condition() == StatusPages.Condition.INCIDENT && concernsUs(r))
                        || (r.condition() == StatusPages.Condition.MAINTENANCE && r.names(components)))
                .map(r -> "upstream " + r.text()).filter(Objects::nonNull).toList();
    }

    /** "GET url, url, ..." of the configured pages, for a check's endpoint. */
    public String endpoints() {
        List<String> pages = configured();
        return pages.isEmpty() ? "no status page configured (statuspage.*.url)"
                : "GET " + pages.stream().map(p -> page(p).call().url()).collect(Collectors.joining(", "));
    }

    private String base(String provider) {
        return settings.get(URLS.get(provider)).toString().replaceAll("/+$", "");
    }
}
