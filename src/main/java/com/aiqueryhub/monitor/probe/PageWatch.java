package com.aiqueryhub.monitor.probe;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a page of the app did, as the scripts installed before its own recorded it ({@link BrowserProbe#WATCH} and
 * {@link #CALLS}): its calls to GoTrue and ai-query with their answers, its errors, and who cleared its storage. A
 * production build strips its console calls, so this is where the journey learns what the app did.
 */
final class PageWatch {

    /** The app's calls to GoTrue's token endpoint and to ai-query, each with its status and body once read. */
    static final String CALLS = """
            (function () {
              window.__monitorCalls = [];
              var original = window.fetch;
              if (!original) { return; }
              window.fetch = function (input, init) {
                var url = typeof input === 'string' ? input : (input && input.url) || String(input);
                var promise = original.apply(this, arguments);
                if (/\\/auth\\/v1\\/token|\\/functions\\/v1\\/ai-query/.test(url)) {
                  var call = {url: url.split('?')[0], status: 0, code: '', body: null};
                  window.__monitorCalls.push(call);
                  promise.then(function (r) {
                    call.code = r.headers.get('sb-error-code') || '';
                    r.clone().text().then(function (t) { call.body = t; call.status = r.status; },
                        function () { call.body = ''; call.status = r.status; });
                  }, function (e) { call.body = String(e); call.status = -1; });
                }
                return promise;
              };
            })();
            """;

    private final ChromeDriver driver;
    private final String site;

    PageWatch(ChromeDriver driver, String site) {
        this.driver = driver;
        this.site = site;
    }

    /**
     * A call the page made, as an observation the checks judge and attach like their own: its status (-1 when the browser
     * got no answer it may read), the gateway's {@code sb-error-code} and the body.
     */
    static HttpObservation observed(Map<?, ?> call, String endpoint, long start) {
        String errorCode = String.valueOf(call.get("code"));
        int space = endpoint.indexOf(' ');
        return HttpObservation.answered(HttpCall.request(endpoint.substring(0, space), endpoint.substring(space + 1)),
                ((Number) call.get("status")).intValue(), null,
                errorCode.isEmpty() ? Map.of() : Map.of("sb-error-code", List.of(errorCode)),
                String.valueOf(call.get("body")), Duration.ofNanos(System.nanoTime() - start), null);
    }

    /**
     * The app stopped: it raised an error that keeps it from starting (the watch's errors) and nothing has been pending
     * or changed since for {@link #STOPPED} (no timeout due within a second, no call in flight, no change to the page, no
     * file loaded). Nothing is left that could still show what a step waits for: waiting out the page limit would tell
     * nothing more.
     */
    boolean appStopped() {
        try {
            Object seen = ((JavascriptExecutor) driver).executeScript("return [(window.__monitorErrors || []).length,"
                    + " window.__monitorStill ? window.__monitorStill() : 0];");
            return seen instanceof List<?> l && l.size() == 2 && ((Number) l.get(0)).intValue() > 0
                    && ((Number) l.get(1)).doubleValue() >= STOPPED.toMillis();
        } catch (RuntimeException e) {
            return false; // a page between loads: not stopped
        }
    }

    /** How long a page that raised an error stays still before the journey stops waiting on it. */
    static final Duration STOPPED = Duration.ofSeconds(2);

    List<Map<?, ?>> calls(String path) {
        Object seen = ((JavascriptExecutor) driver).executeScript("return window.__monitorCalls || [];");
        List<Map<?, ?>> out = new java.util.ArrayList<>();
        if (seen instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).map(m -> (Map<?, ?>) m)
                    .filter(m -> String.valueOf(m.get("url")).contains(path)).forEach(out::add);
        }
        return out;
    }

    /** The first call to {@code path} after the first {@code skip}, once its answer is read. */
    Optional<Map<?, ?>> completed(String path, int skip) {
        return calls(path).stream().skip(skip).filter(m -> ((Number) m.get("status")).intValue() != 0).findFirst();
    }

    String currentPath() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return location.pathname;"));
    }

    String rawPageText() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return document.body ? document.body.innerText : '';"));
    }

    String pageText(int limit) {
        String t = rawPageText().replaceAll("\\s+", " ").strip();
        return t.isEmpty() ? "(nothing)" : t.length() > limit ? t.substring(0, limit) + "..." : t;
    }

    String firstError() {
        Object errors = ((JavascriptExecutor) driver).executeScript("return window.__monitorErrors || [];");
        return errors instanceof List<?> l && !l.isEmpty() ? "; first error: " + String.valueOf(l.get(0)).lines().findFirst().orElse("") : "";
    }

    /**
     * What the watch saw sign the user out since the first {@code skip} records: "; the app's handleChunkLoadError
     * (assets/index-....js:40:1234) called localStorage.clear() on /conversations", and the first uncaught error.
     */
    String signedOutBy(int skip) {
        List<?> wipes = kept("storage").stream().skip(skip).toList();
        StringBuilder said = new StringBuilder();
        for (Object wipe : wipes) {
            if (wipe instanceof Map<?, ?> w) {
                said.append(said.isEmpty() ? "; the app's " : "; then ").append(StorageWipes.describe(String.valueOf(w.get("stack")),
                        this::scriptSource)).append(" called ").append(w.get("what")).append(" on ").append(w.get("page"));
            }
        }
        if (said.isEmpty()) {
            said.append("; nothing in the app's code cleared its storage or removed the session while the page was watched");
        }
        List<?> errors = kept("errors");
        if (!errors.isEmpty()) {
            said.append("; first uncaught error: ").append(String.valueOf(errors.get(0)).lines().findFirst().orElse(""));
        }
        return said.toString();
    }

    /** What the watch kept across this tab's page loads (window.name): its storage records or its errors. */
    List<?> kept(String what) {
        Object seen = ((JavascriptExecutor) driver).executeScript("return (window.__monitorKept || {})['" + what + "'] || [];");
        return seen instanceof List<?> l ? l : List.of();
    }

    /** A script of the app's, as the page fetched it (same origin, from its cache); empty when it cannot be read. */
    Optional<String> scriptSource(String scriptUrl) {
        if (!scriptUrl.startsWith(site)) {
            return Optional.empty();
        }
        try {
            Object text = ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(function (r) { return r.text(); }).then(done, function () { done(null); });", scriptUrl);
            return Optional.ofNullable(text).map(String::valueOf);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

}
