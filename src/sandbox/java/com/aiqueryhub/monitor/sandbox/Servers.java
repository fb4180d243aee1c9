package com.aiqueryhub.monitor.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The sandbox's three WireMock servers: made and started for each sandbox, or, where the JVM asks for it
 * ({@code -Dsandbox.keep-servers=true}: the self-tests, a few hundred sandboxes a build), kept started when a sandbox
 * stops and handed to the next one that needs a server of the same kind: the same role, certificate and protocols. A
 * server handed on has its stubs and scenarios reset and its stand-ins (GoTrue, PostgREST, the Metrics API's counters,
 * the services' health) switched to the new sandbox's, so it answers as a new one would. Making, starting and stopping
 * three servers per sandbox was 8 % of the self-tests' Java CPU (profiled).
 */
final class Servers {

    /**
     * Kept servers waiting for a sandbox, per kind, the latest first; the longest-waiting ones stop past this many per kind,
     * and any that waited longer than {@link #IDLE_FOR}: each holds a dozen threads, and a kind's certificate is of its
     * minute (a waiting server of a minute past would wait for ever). Guarded by the class.
     */
    private static final int IDLE_PER_KIND = 4;
    private static final long IDLE_FOR = TimeUnit.SECONDS.toNanos(15);
    private static final Map<String, Deque<Waiting>> IDLE = new HashMap<>();
    /** The kind and the stand-ins' switches of every running server made here; guarded by the class. */
    private static final Map<WireMockServer, Made> MADE = new IdentityHashMap<>();

    private record Made(String kind, Switch[] switches) {
    }

    private record Waiting(WireMockServer server, long since) {
    }

    private Servers() {
    }

    /** The Management API, status pages and billing over plain HTTP, its services' health from {@code health}. */
    static WireMockServer platform(ServiceHealth health) {
        return take("platform", () -> WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort(),
                new Switch.Responses(ServiceHealth.NAME, health));
    }

    /** The Netlify front end over HTTPS, with the certificate in {@code keystore} (named {@code certificate}). */
    static WireMockServer frontend(Path keystore, String certificate, boolean http1Only) {
        return take("frontend " + certificate + (http1Only ? " http/1.1" : ""),
                () -> https(keystore).http2TlsDisabled(http1Only));
    }

    /** The Supabase project over HTTPS: its gateway, GoTrue, PostgREST and the Metrics API's counters. */
    static WireMockServer project(Path keystore, String certificate, AuthStandIn auth, PostgrestStandIn postgrest,
                                  CpuCounters counters) {
        return take("project " + certificate, () -> https(keystore), new Switch.Definitions(AuthStandIn.NAME, auth),
                new Switch.Definitions(PostgrestStandIn.NAME, postgrest), new Switch.Responses(CpuCounters.NAME, counters));
    }

    /** Stops the server, or keeps it for the next sandbox of its kind with nothing of this one's left in it. */
    static void giveBack(WireMockServer server) {
        if (server == null) {
            return;
        }
        if (!keep() || !server.isRunning()) {
            stop(server);
            return;
        }
        server.resetAll();
        List<WireMockServer> leaving = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (Servers.class) {
            Made made = MADE.get(server);
            for (Switch s : made.switches()) {
                s.to(null);
            }
            IDLE.computeIfAbsent(made.kind(), k -> new ArrayDeque<>()).push(new Waiting(server, now));
            for (Deque<Waiting> idle : IDLE.values()) {
                while (!idle.isEmpty() && (idle.size() > IDLE_PER_KIND || now - idle.peekLast().since() > IDLE_FOR)) {
                    leaving.add(idle.removeLast().server());
                }
            }
            IDLE.values().removeIf(Deque::isEmpty);
        }
        leaving.forEach(Servers::stop);
    }

    private static boolean keep() {
        return Boolean.getBoolean("sandbox.keep-servers");
    }

    /** A server of {@code kind}: a kept one with its switches pointed at {@code switches}' stand-ins, or a new one. */
    static WireMockServer take(String kind, Supplier<WireMockConfiguration> options, Switch... switches) {
        if (keep()) {
            synchronized (Servers.class) {
                Waiting waiting = IDLE.getOrDefault(kind, new ArrayDeque<>()).poll();
                WireMockServer kept = waiting == null ? null : waiting.server();
                if (kept != null) {
                    Switch[] held = MADE.get(kept).switches();
                    for (int i = 0; i < held.length; i++) {
                        held[i].to(switches[i].target);
                    }
                    return kept;
                }
            }
        }
        WireMockConfiguration config = options.get().extensions(new NoProxying())
                .notifier(new ConsoleNotifier(false)).disableRequestJournal().containerThreads(24);
        config.extensions(switches);
        WireMockServer server = new WireMockServer(config);
        synchronized (Servers.class) {
            MADE.put(server, new Made(kind, switches));
        }
        try {
            server.start();
        } catch (RuntimeException e) {
            stop(server);
            throw e;
        }
        return server;
    }

    private static WireMockConfiguration https(Path keystore) {
        return WireMockConfiguration.options()
                .bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(keystore.toString()).keystoreType(SandboxPki.KEYSTORE_TYPE)
                .keystorePassword(SandboxPki.KEYSTORE_PASSWORD).keyManagerPassword(SandboxPki.KEYSTORE_PASSWORD);
    }

    private static void stop(WireMockServer server) {
        if (server != null) {
            synchronized (Servers.class) {
                MADE.remove(server);
            }
            if (server.isRunning()) {
                server.stop();
            }
        }
    }

    /** A stand-in's place in a server: the server keeps it, the sandbox using the server decides what it points at. */
    abstract static class Switch implements com.github.tomakehurst.wiremock.extension.Extension {
        private final String name;
        volatile Object target;

        Switch(String name, Object target) {
            this.name = name;
            this.target = target;
        }

        void to(Object target) {
            this.target = target;
        }

        @Override
        public String getName() {
            return name;
        }

        public boolean applyGlobally() {
            return false;
        }

        static final class Definitions extends Switch implements ResponseDefinitionTransformerV2 {
            Definitions(String name, ResponseDefinitionTransformerV2 target) {
                super(name, target);
            }

            @Override
            public ResponseDefinition transform(ServeEvent event) {
                Object to = target;
                return to == null ? event.getResponseDefinition() : ((ResponseDefinitionTransformerV2) to).transform(event);
            }
        }

        static final class Responses extends Switch implements ResponseTransformerV2 {
            Responses(String name, ResponseTransformerV2 target) {
                super(name, target);
            }

            @Override
            public Response transform(Response response, ServeEvent event) {
                Object to = target;
                return to == null ? response : ((ResponseTransformerV2) to).transform(response, event);
            }
        }
    }
}
