package com.aiqueryhub.monitor.probe;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.json.JsonInput;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's requests in flight, as the browser itself reports them (the DevTools protocol's Network events: a request
 * sent, finished or failed). A page is settled once none is in flight for a short while: a chunk the app loads lazily
 * after its first paint is seen from the moment it is asked for until it arrives or fails, however long that takes,
 * instead of guessing a moment. The raw protocol names (no version's classes): they have not changed since 2017.
 */
final class NetworkQuiet implements AutoCloseable {

    private final DevTools tools;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile long lastChange = System.nanoTime();

    private NetworkQuiet(DevTools tools) {
        this.tools = tools;
    }

    /** Watches the requests of {@code driver}'s page from now on; empty when the browser offers no DevTools session. */
    static Optional<NetworkQuiet> watch(ChromeDriver driver) {
        try {
            DevTools tools = driver.getDevTools();
            tools.createSessionIfThereIsNotOne();
            tools.clearListeners(); // a kept browser's last look listened too
            NetworkQuiet quiet = new NetworkQuiet(tools);
            tools.addListener(event("Network.requestWillBeSent"), quiet::started);
            tools.addListener(event("Network.loadingFinished"), quiet::ended);
            tools.addListener(event("Network.loadingFailed"), quiet::ended);
            tools.send(new Command<Void>("Network.enable", Map.of()), Duration.ofSeconds(5));
            return Optional.of(quiet);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True once no request has been in flight, or started, for {@code window}. */
    boolean quietFor(Duration window) {
        return inFlight.isEmpty() && System.nanoTime() - lastChange >= window.toNanos();
    }

    private void started(String requestId) {
        inFlight.add(requestId);
        lastChange = System.nanoTime();
    }

    private void ended(String requestId) {
        inFlight.remove(requestId);
        lastChange = System.nanoTime();
    }

    /** An event's {@code requestId}, every other field skipped. */
    private static Event<String> event(String method) {
        return new Event<>(method, NetworkQuiet::requestId);
    }

    private static String requestId(JsonInput input) {
        String id = "";
        input.beginObject();
        while (input.hasNext()) {
            if (input.nextName().equals("requestId")) {
                id = input.nextString();
            } else {
                input.skipValue();
            }
        }
        input.endObject();
        return id;
    }

    @Override
    public void close() {
        try {
            tools.clearListeners();
            tools.send(new Command<Void>("Network.disable", Map.of()), Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            // the browser is going anyway, or kept with a listener less
        }
    }
}
