package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Netlify front end as the checks see it: its home page, the protocol it negotiates, the main bundle it references,
 * and the page rendered in a real browser. Each is fetched once per run and shared by every check that judges it.
 */
public final class FrontEnd {

    private static final Pattern MAIN_BUNDLE = Pattern.compile("<script[^>]+src=\"(/assets/index-[^\"]+\\.js)\"");

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

    /** The main script index.html references, e.g. /assets/index-Dq7sBx2k.js; empty if none is referenced. */
    public static Optional<String> mainBundlePath(HttpObservation homePage) {
        Matcher matcher = MAIN_BUNDLE.matcher(homePage.body());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public HttpObservation mainBundle(String path) {
        return shared.once("frontend.bundle", () -> http.send(HttpCall.get(url() + path)));
    }

    /** The home page in a real browser, rendered once per run (started early by the front-end checks). */
    public BrowserProbe.Rendering rendering() {
        return shared.once("frontend.browser", () -> BrowserProbe.render(url() + "/", settings.get(Keys.BROWSER_TIMEOUT),
                settings.isSet(Keys.TLS_TRUSTSTORE), settings.find(Keys.BROWSER_DRIVER)));
    }

    /** Starts the browser in the background, so its seconds of start-up run beside the other checks. */
    public void renderInBackground() {
        if (settings.get(Keys.BROWSER_ENABLED)) {
            shared.prefetch("browser", this::rendering);
        }
    }
}
