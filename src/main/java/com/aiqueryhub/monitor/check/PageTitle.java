package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.HttpObservation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the page served is the product's: its {@code <title>} read as a browser shows it (entities decoded,
 * whitespace collapsed). The check exists for the wrong page (a parked domain, a web server's welcome page, another
 * site on the domain); marketing copy after the product's name is edited in ordinary releases (the app's index.html
 * went from "DocChat" to "AI Query Hub - An AI Assistant That Remembers Everything" with "memory-focused messaging",
 * commit eeb68e5 of Thabonel/drive-flow-ai-know), so a title that still names the product passes and says it differs.
 */
public final class PageTitle {

    private static final Pattern TITLE = Pattern.compile("<title\\b[^>]*>(.*?)</title\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SEPARATOR = Pattern.compile("\\s+[-|\u2013\u2014\u00b7:]\\s+");
    private static final Pattern NUMERIC = Pattern.compile("&#(x?)([0-9a-fA-F]+);");
    private static final Map<String, String> NAMED = Map.of("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", "\"",
            "&apos;", "'", "&nbsp;", " ", "&ndash;", "\u2013", "&mdash;", "\u2014", "&middot;", "\u00b7");

    private PageTitle() {
    }

    /** The page's title as a browser shows it; empty when the page has none. */
    public static Optional<String> of(String html) {
        Matcher m = TITLE.matcher(html);
        return m.find() ? Optional.of(decode(m.group(1)).replaceAll("\\s+", " ").strip()) : Optional.empty();
    }

    /** The product's name in an expected title: what comes before its first separator ("AI Query Hub - ..."). */
    public static String productName(String expected) {
        return SEPARATOR.split(expected.strip(), 2)[0].strip();
    }

    /** Passes on the expected title, or on one that still names the product (saying what changed); fails otherwise. */
    public static void judge(CheckContext check, HttpObservation page, String expected) {
        String product = productName(expected);
        String wanted = "page title '" + expected + "'" + (product.equals(expected) ? "" : " (at least the product's name '"
                + product + "')");
        Optional<String> title = of(page.body());
        String observed = title.map(t -> "title '" + t + "'")
                .orElse("no <title> in the page (HTTP " + page.status() + ", " + page.body().length() + " characters)");
        boolean exact = title.filter(t -> t.equalsIgnoreCase(expected.strip())).isPresent();
        boolean named = title.filter(t -> t.toLowerCase(Locale.ROOT).contains(product.toLowerCase(Locale.ROOT))).isPresent();
        check.expect(exact || named, wanted, observed, page.endpoint());
        if (!exact) {
            check.passed(observed + ": it names the product; the rest differs from frontend.expected-title '" + expected
                    + "' (set it to the new title if the change is intended)");
        }
    }

    private static String decode(String text) {
        String decoded = text;
        for (Map.Entry<String, String> e : NAMED.entrySet()) {
            decoded = decoded.replace(e.getKey(), e.getValue());
        }
        Matcher m = NUMERIC.matcher(decoded);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int code;
            try {
                code = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            } catch (NumberFormatException e) {
                code = '?';
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(Character.isValidCodePoint(code) ? Character.toString(code) : "?"));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
