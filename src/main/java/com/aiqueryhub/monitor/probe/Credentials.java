package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which setting holds the credential a call to an API carries, for the endpoints whose 401, 403 or 429 speaks about the
 * suite's own credential (the Management API, the Metrics API, the billing APIs), never about the system's health. The
 * edge functions are not among them: their 401s are the gateway's verdicts on purpose.
 */
public final class Credentials {

    private final Settings settings;

    public Credentials(Settings settings) {
        this.settings = settings;
    }

    public Optional<Setting<String>> of(String url) {
        Map<Setting<URI>, Setting<String>> apis = new java.util.LinkedHashMap<>();
        apis.put(Keys.SUPABASE_MANAGEMENT_URL, Keys.SUPABASE_ACCESS_TOKEN);
        apis.put(Keys.METRICS_URL, Keys.SUPABASE_SERVICE_ROLE_KEY);
        apis.put(Keys.COST_OPENROUTER_URL, Keys.COST_OPENROUTER_API_KEY);
        apis.put(Keys.COST_ANTHROPIC_URL, Keys.COST_ANTHROPIC_ADMIN_KEY);
        apis.put(Keys.COST_OPENAI_URL, Keys.COST_OPENAI_ADMIN_KEY);
        apis.put(Keys.NETLIFY_API_URL, Keys.NETLIFY_AUTH_TOKEN);
        // the longest base that the URL starts with: one host may serve several APIs under their own paths
        Optional<Setting<String>> best = Optional.empty();
        int bestLength = -1;
        for (var api : apis.entrySet()) {
            Optional<String> base = settings.find(api.getKey()).map(b -> b.toString().replaceAll("/+$", ""));
            if (base.isPresent() && url.startsWith(base.get()) && base.get().length() > bestLength) {
                best = Optional.of(api.getValue());
                bestLength = base.get().length();
            }
        }
        if (best.isPresent()) {
            return best;
        }
        return settings.find(Keys.SUPABASE_URL).map(b -> b.toString().replaceAll("/+$", "") + MetricsApi.PATH)
                .filter(url::startsWith).map(m -> Keys.SUPABASE_SERVICE_ROLE_KEY);
    }

    /**
     * The configured secrets that make a call to a function carry a valid JWT (the safety tests count them); a signed-in
     * user's token, made during the run, is counted by its shape.
     */
    public List<String> jwtCredentials() {
        return List.of(Keys.SUPABASE_ANON_KEY, Keys.SUPABASE_SERVICE_ROLE_KEY).stream()
                .map(settings::find).flatMap(Optional::stream).toList();
    }
}
