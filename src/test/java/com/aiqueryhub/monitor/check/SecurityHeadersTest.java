package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.HttpCall;
import com.aiqueryhub.monitor.probe.HttpObservation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Header sets of the app's page: today's (netlify.toml of Thabonel/drive-flow-ai-know), ordinary edits that keep each
 * protection, and weakenings that lose one. Columns: CSP, X-Frame-Options, X-Content-Type-Options, Cache-Control
 * ("-" for an absent header), then the header reported wrong (empty when none).
 */
class SecurityHeadersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            today's headers                         | default-src 'self'; frame-ancestors 'none' | DENY       | nosniff | no-cache, no-store, must-revalidate |
            X-Frame-Options dropped, CSP refuses    | default-src 'self'; frame-ancestors 'none' | -          | nosniff | no-cache, no-store, must-revalidate |
            SAMEORIGIN, a policy without framing    | default-src 'self'                         | sameorigin | NoSniff | no-store                            |
            Netlify's default caching               | default-src 'self'; frame-ancestors 'self' | -          | nosniff | public,max-age=0,must-revalidate    |
            no policy                               | -                                          | DENY       | nosniff | no-store                            | Content-Security-Policy
            framing allowed by the policy           | default-src 'self'; frame-ancestors *      | -          | nosniff | no-store                            | X-Frame-Options
            framing allowed, ALLOWALL               | default-src 'self'                         | ALLOWALL   | nosniff | no-store                            | X-Frame-Options
            sniffing allowed                        | default-src 'self'; frame-ancestors 'none' | DENY       | -       | no-store                            | X-Content-Type-Options
            the page cached for an hour             | default-src 'self'; frame-ancestors 'none' | DENY       | nosniff | public, max-age=3600                | Cache-Control
            """)
    void eachProtectionIsJudgedByMeaning(String shape, String csp, String frameOptions, String sniffing, String caching,
                                         String wrong) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        put(headers, "Content-Security-Policy", csp);
        put(headers, "X-Frame-Options", frameOptions);
        put(headers, "X-Content-Type-Options", sniffing);
        put(headers, "Cache-Control", caching);
        HttpObservation page = HttpObservation.answered(HttpCall.get("https://site.example/"), 200, "HTTP/2 200", headers,
                "<!doctype html>", Duration.ofMillis(5), HttpClient.Version.HTTP_2);

        assertThat(SecurityHeaders.wrong(page).keySet()).as(shape)
                .containsExactlyElementsOf(wrong == null ? List.of() : List.of(wrong));
    }

    private static void put(Map<String, List<String>> headers, String name, String value) {
        if (value != null) {
            headers.put(name, List.of(value));
        }
    }
}
