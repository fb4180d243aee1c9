package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.HttpObservation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The front end's security headers judged by what they protect against, not by their bytes. The app's netlify.toml
 * (Thabonel/drive-flow-ai-know, [[headers]] for "/*" and "/index.html") sets a Content-Security-Policy with
 * {@code frame-ancestors 'none'}, {@code X-Frame-Options: DENY}, {@code X-Content-Type-Options: nosniff} and
 * {@code Cache-Control: no-cache, no-store, must-revalidate} on the page. Ordinary edits of that block keep the
 * protection and must stay green:
 * <ul>
 *   <li>framing: CSP {@code frame-ancestors} supersedes X-Frame-Options (CSP Level 2; MDN "X-Frame-Options" and the
 *       OWASP Clickjacking Defense Cheat Sheet), so either refuses it; SAMEORIGIN refuses other sites as DENY does;</li>
 *   <li>caching: a page revalidated on every load is what keeps a new deploy's chunks and the page in step, whether
 *       by {@code no-store}, {@code no-cache} or {@code max-age=0} (Netlify's own default for pages,
 *       "public,max-age=0,must-revalidate", in its caching docs).</li>
 * </ul>
 * A header that is gone, or weakened to allow framing, sniffing or caching, is still red.
 */
public final class SecurityHeaders {

    private SecurityHeaders() {
    }

    public static final String EXPECTED = "Content-Security-Policy present; framing refused (X-Frame-Options DENY or "
            + "SAMEORIGIN, or the policy's frame-ancestors without *); X-Content-Type-Options: nosniff; the page "
            + "revalidated on every load (Cache-Control no-store, no-cache or max-age=0)";

    /** What is wrong with the page's headers, header by header, as observed; empty when every protection holds. */
    public static Map<String, String> wrong(HttpObservation page) {
        Map<String, String> wrong = new LinkedHashMap<>();
        Optional<String> csp = page.header("Content-Security-Policy").map(String::strip).filter(v -> !v.isEmpty());
        if (csp.isEmpty()) {
            wrong.put("Content-Security-Policy", "(missing)");
        }
        Optional<String> frameOptions = page.header("X-Frame-Options").map(v -> v.strip().toUpperCase(Locale.ROOT));
        boolean framingRefused = frameOptions.filter(v -> v.equals("DENY") || v.equals("SAMEORIGIN")).isPresent()
                || csp.flatMap(SecurityHeaders::frameAncestors).filter(sources -> !sources.contains("*")).isPresent();
        if (!framingRefused) {
            wrong.put("X-Frame-Options", frameOptions.map(v -> "'" + v + "'").orElse("(missing)")
                    + (csp.isPresent() ? " and no frame-ancestors refusing it in the policy" : ""));
        }
        String sniffing = page.header("X-Content-Type-Options").map(String::strip).orElse("");
        if (!sniffing.equalsIgnoreCase("nosniff")) {
            wrong.put("X-Content-Type-Options", sniffing.isEmpty() ? "(missing)" : "'" + sniffing + "'");
        }
        Optional<String> caching = page.header("Cache-Control");
        Set<String> directives = caching.map(SecurityHeaders::directives).orElse(Set.of());
        if (!(directives.contains("no-store") || directives.contains("no-cache") || directives.contains("max-age=0"))) {
            wrong.put("Cache-Control", caching.map(v -> "'" + v + "'").orElse("(missing)"));
        }
        return wrong;
    }

    /** The sources of the policy's frame-ancestors directive, if it has one. */
    private static Optional<List<String>> frameAncestors(String policy) {
        return Arrays.stream(policy.split(";")).map(String::strip)
                .filter(d -> d.toLowerCase(Locale.ROOT).startsWith("frame-ancestors"))
                .findFirst().map(d -> Arrays.stream(d.split("\\s+")).skip(1).toList());
    }

    private static Set<String> directives(String value) {
        return Arrays.stream(value.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT).replace(" ", ""))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
