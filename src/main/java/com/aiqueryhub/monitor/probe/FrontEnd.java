package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Netlify front end as the checks see it: its home page, the protocol it negotiates, the main bundle it references,
 * and the page rendered in a real browser. Each is fetched once per run and shared by every check that judges it.
 */
public final class FrontEnd {

    /** A script tag's opening, and its attributes: any order, any quoting HTML allows. */
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([a-zA-Z][\\w:-]*)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");

    private final Settings settings;
    private final HttpProbe http;
    private final SharedCalls shared;

    public FrontEnd(Settings settings, HttpProbe http, SharedCalls shared) {
        this.settings = settings;
        this.http = http;
        this.shared = shared;
    }

    /** The site's base URL, without a trailing slash. */
    public String url() {
        return settings.get(Keys.FRONTEND_URL).toString().replaceAll("/+$", "");
    }

    /** scheme://host[:port] of the front end: the Origin its browser requests carry. */
    public String origin() {
        URI uri = settings.get(Keys.FRONTEND_URL);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    public HttpObservation homePage() {
        return shared.once("frontend.home", () -> http.send(homePageCall()));
    }

    /** GET of the front end's home page (the performance review samples it too). */
    public HttpCall homePageCall() {
        return HttpCall.get(url() + "/");
    }

    public HttpObservation homePageProtocol() {
        return shared.once("frontend.protocol", () -> http.negotiateProtocol(HttpCall.request("HEAD", url() + "/")));
    }

    /**
     * The entry script index.html references, as written there: the module script Vite writes into the page
     * ({@code <script type="module" crossorigin src="/assets/index-Dq7sBx2k.js">} today, the app's vite.config.ts). Read
     * by meaning, not bytes: a build that names its entry otherwise (Vite's {@code build.rollupOptions.output
     * .entryFileNames}), a relative or prefixed {@code base}, attributes in another order or quoting, and scripts a host
     * injects around it (Netlify's snippet injection) all find the same entry. Of several module scripts, the one named
     * {@code index} (Vite's default) is preferred, else the first. Empty if the page loads no module script.
     */
    public static Optional<String> mainBundlePath(HttpObservation homePage) {
        return mainBundlePath(homePage.body());
    }

    /** The same, read from the page's HTML. */
    public static Optional<String> mainBundlePath(String html) {
        List<String> modules = new ArrayList<>();
        Matcher tag = SCRIPT.matcher(html);
        while (tag.find()) {
            Map<String, String> attributes = new HashMap<>();
            Matcher a = ATTRIBUTE.matcher(tag.group(1));
            while (a.find()) {
                String value = a.group(2) != null ? a.group(2) : a.group(3) != null ? a.group(3) : a.group(4) != null ? a.group(4) : "";
                attributes.putIfAbsent(a.group(1).toLowerCase(Locale.ROOT), value.strip());
            }
            String src = attributes.getOrDefault("src", "");
            if ("module".equalsIgnoreCase(attributes.getOrDefault("type", "")) && !src.isEmpty()) {
                modules.add(src);
            }
        }
        return modules.stream().filter(src -> fileName(src).startsWith("index")).findFirst()
                .or(() -> modules.stream().findFirst());
    }

    private static String fileName(String src) {
        String path = src.replaceAll("[?#].*$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The entry script, its reference resolved against the home page as the browser resolves it. */
    public HttpObservation mainBundle(String src) {
        return shared.once("frontend.bundle", () -> http.send(HttpCall.get(URI.create(url() + "/").resolve(src).toString())));
    }

    /** The home page in a real browser, rendered once per run (started early by the front-end checks). */
    public BrowserProbe.Rendering rendering() {
        return shared.once("frontend.browser", () -> BrowserProbe.render(url() + "/", settings.get(Keys.BROWSER_TIMEOUT),
                settings.isSet(Keys.TLS_TRUSTSTORE), settings.find(Keys.BROWSER_DRIVER), settings.get(Keys.BROWSER_KEEP),
                settings.get(Keys.MONITOR_EVIDENCE)));
    }

    /** Starts the browser in the background, so its seconds of start-up run beside the other checks. */
    public void renderInBackground() {
        if (settings.get(Keys.BROWSER_ENABLED)) {
            shared.prefetch("browser", this::rendering);
        }
    }
}
