package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Is it production, or this runner? Asked once, when a check fails: production's hosts (the front end, the project, the
 * database) and independent references (monitor.reference-urls; by default the status pages and the Management API)
 * are each resolved and connected to. Production unreachable while a reference answers: production's trouble, judged
 * as usual. Nothing reachable at all: the runner is blind (its DNS or network), and no check may call production down.
 */
public final class RunnerNetwork {

    private final List<URI> production;
    private final List<URI> references;
    private final Duration connectTimeout;

    RunnerNetwork(List<URI> production, List<URI> references, Duration connectTimeout) {
        this.production = production;
        this.references = references;
        this.connectTimeout = connectTimeout;
    }

    public static RunnerNetwork of(Settings settings) {
        List<URI> production = new ArrayList<>();
        settings.find(Keys.FRONTEND_URL).ifPresent(production::add);
        settings.find(Keys.SUPABASE_URL).ifPresent(production::add);
        settings.find(Keys.DB_URL).map(url -> URI.create(url.replaceFirst("^jdbc:", ""))).filter(u -> u.getHost() != null)
                .ifPresent(production::add);
        Set<URI> references = new LinkedHashSet<>();
        List<String> configured = settings.find(Keys.MONITOR_REFERENCE_URLS).orElse(List.of());
        if (!configured.isEmpty()) {
            configured.forEach(u -> references.add(URI.create(u.strip())));
        } else {
            for (var page : List.of(Keys.STATUSPAGE_SUPABASE_URL, Keys.STATUSPAGE_ANTHROPIC_URL, Keys.STATUSPAGE_NETLIFY_URL,
                    Keys.STATUSPAGE_OPENROUTER_URL)) {
                settings.find(page).ifPresent(references::add);
            }
            settings.find(Keys.SUPABASE_MANAGEMENT_URL).ifPresent(references::add);
        }
        return new RunnerNetwork(production, List.copyOf(references), settings.get(Keys.HTTP_CONNECT_TIMEOUT));
    }

    /**
     * The blind run's one line ("this runner cannot resolve any name (production and 4 references): the runner's DNS or
     * network, not production"), or empty when any production host or reference can be reached.
     */
    public Optional<String> blindness() {
        if (production.isEmpty() || references.isEmpty()) {
            return Optional.empty(); // nothing to tell the runner's trouble from production's: judged as usual
        }
        List<Reach> all = new ArrayList<>();
        for (URI uri : production) {
            Reach reach = reach(uri);
            if (reach == Reach.REACHED) {
                return Optional.empty();
            }
            all.add(reach);
        }
        for (URI uri : references) {
            Reach reach = reach(uri);
            if (reach == Reach.REACHED) {
                return Optional.empty();
            }
            all.add(reach);
        }
        String what = all.stream().allMatch(r -> r == Reach.UNRESOLVED) ? "cannot resolve any name" : "reaches no host";
        return Optional.of("this runner " + what + " (production and " + references.size() + " reference"
                + (references.size() == 1 ? "" : "s") + "): the runner's DNS or network, not production");
    }

    /** The production hosts this runner is given (the front end's, the project's, the database's). */
    public List<String> productionHosts() {
        return production.stream().map(URI::getHost).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /**
     * Whether none of production's hosts answers this runner while a reference does: either production is down
     * everywhere at once, or its addresses are wrong (a typo in frontend.url, supabase.url, db.url). The run history
     * tells the two apart (addresses that have answered before).
     */
    public boolean productionUnreachedWhileReferencesAnswer() {
        if (production.isEmpty() || references.isEmpty()) {
            return false;
        }
        return production.stream().noneMatch(u -> reach(u) == Reach.REACHED) && references.stream().anyMatch(u -> reach(u) == Reach.REACHED);
    }

    enum Reach { REACHED, UNRESOLVED, UNREACHABLE }

    private Reach reach(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return Reach.UNREACHABLE;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return Reach.UNRESOLVED;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80
                : uri.getScheme() != null && uri.getScheme().startsWith("postgresql") ? 5432 : 443;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, connectTimeout.toMillis()));
            return Reach.REACHED;
        } catch (java.io.IOException e) {
            return Reach.UNREACHABLE;
        }
    }
}
