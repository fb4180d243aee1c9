package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sandbox serving a build of the app (sandbox.frontend-build), and the project's PostgREST its pages use. The build
 * here is a small one shaped like a Vite build of the app (index.html naming its module entry, assets/ with the Supabase
 * address and publishable key written in as literals, a service worker): what is proven is the serving, not the app.
 */
class AppBuildStandInTest {

    private static final String BAKED = "https://abcdefghijklmnopqrst.supabase.co";
    private static final String KEY = "sb_publishable_built_in_key";

    @TempDir
    static Path build;
    private static Sandbox sandbox;
    private static HttpClient client;

    @BeforeAll
    static void serveABuild() throws Exception {
        Files.createDirectories(build.resolve("assets"));
        Files.writeString(build.resolve("index.html"), "<!doctype html><html><head><title>AI Query Hub - An AI Assistant That "
                + "Remembers Everything</title><script type=\"module\" crossorigin src=\"/assets/index-AbC123.js\"></script>"
                + "</head><body><div id=\"root\"></div></body></html>");
        Files.writeString(build.resolve("assets/index-AbC123.js"), "const u=\"" + BAKED + "\",k=\"" + KEY + "\";createClient(u,k);");
        Files.writeString(build.resolve("sw.js"), "self.addEventListener('fetch',()=>{});");
        sandbox = Sandbox.start(Settings.load(Map.of("env", "local", "sandbox.frontend-build", build.toString()), Map.of()));
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[]{new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        client = HttpClient.newBuilder().sslContext(trustAll).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theBuildIsServedWithTheAppsHeadersItsAddressTheSandboxsAndEveryOtherPathItsPage() throws Exception {
        String site = sandbox.settings().get("frontend.url");
        String project = sandbox.settings().get("supabase.url");

        HttpResponse<String> page = get(site + "/conversations", Map.of());
        assertThat(page.statusCode()).as("the SPA rewrite").isEqualTo(200);
        assertThat(page.body()).contains("/assets/index-AbC123.js");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache, no-store, must-revalidate");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'", project);

        HttpResponse<String> bundle = get(site + "/assets/index-AbC123.js", Map.of());
        assertThat(bundle.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
        assertThat(bundle.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(bundle.body()).contains(project).doesNotContain(BAKED);

        assertThat(get(site + "/sw.js", Map.of()).body()).as("a worker that fetches nothing in place of the app's")
                .doesNotContain("fetch',").contains("skipWaiting");
    }

    @Test
    void thePagesReadAndWriteThroughPostgrestWithTheBuildsKey() throws Exception {
        String rest = sandbox.settings().get("supabase.url") + "/rest/v1/";
        Map<String, String> key = Map.of("apikey", KEY, "Content-Type", "application/json");

        assertThat(get(rest + "conversations", Map.of("apikey", "another-projects-key")).statusCode()).isEqualTo(401);
        HttpResponse<String> created = send("POST", rest + "conversations?select=*", "{\"title\":\"New Conversation\",\"user_id\":\"u1\"}",
                Map.of("apikey", KEY, "Content-Type", "application/json", "Prefer", "return=representation",
                        "Accept", "application/vnd.pgrst.object+json"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).startsWith("{").contains("\"title\":\"New Conversation\"", "\"id\":\"", "\"created_at\":\"");

        assertThat(get(rest + "conversations?select=*&user_id=eq.u1&order=created_at.desc", key).body()).contains("New Conversation");
        HttpResponse<String> none = get(rest + "conversations?select=*&user_id=eq.nobody",
                Map.of("apikey", KEY, "Accept", "application/vnd.pgrst.object+json"));
        assertThat(none.statusCode()).as(".single() of no row").isEqualTo(406);
        assertThat(none.body()).contains("PGRST116");

        // an upsert on the user's settings row the monitoring user already has (terms accepted): one row, merged
        send("POST", rest + "user_settings?on_conflict=user_id", "{\"user_id\":\"" + SandboxAuth.MONITORING_USER_ID
                + "\",\"theme\":\"dark\"}", Map.of("apikey", KEY, "Content-Type", "application/json",
                "Prefer", "resolution=merge-duplicates"));
        HttpResponse<String> settings = get(rest + "user_settings?select=*&user_id=eq." + SandboxAuth.MONITORING_USER_ID,
                Map.of("apikey", KEY, "Accept", "application/vnd.pgrst.object+json"));
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains("\"theme\":\"dark\"", "\"terms_version\":\"v1\"");
    }

    @Test
    void aFolderThatIsNoBuildIsOneClearLine(@TempDir Path empty) {
        assertThatThrownBy(() -> FrontendBuild.load(empty.toString())).isInstanceOf(SettingsException.class)
                .hasMessageContaining("is not a build of the app: no index.html in it");
    }

    private static HttpResponse<String> get(String url, Map<String, String> headers) throws IOException, InterruptedException {
        return send("GET", url, null, headers);
    }

    private static HttpResponse<String> send(String method, String url, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
