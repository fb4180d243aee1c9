package com.aiqueryhub.monitor.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from any text before it is printed, attached or written. Two layers: the known secret
 * values (in plain, URL-encoded and Base64 form), and shapes that carry secrets whatever their value
 * (authorization headers, cookies, token-named query parameters and JSON fields, JWTs, bot tokens in paths).
 */
public final class Masker {

    public static final String MASK = "****";
    private static final int SHORTEST_SECRET = 4;
    /** From this length on a text's neighbouring characters are listed once, before any value is searched for. */
    private static final int LONG_TEXT = 2048;

    private static final Pattern SECRET_NAME = Pattern.compile(
            "[A-Za-z0-9_.-]*(?:token|key|secret|password|passwd|signature|authorization|cookie|session)[A-Za-z0-9_.-]*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_LINE = Pattern.compile(
            "(?im)^(\\s*(?:authorization|proxy-authorization|cookie|set-cookie|apikey|x-api-key|x-telegram-bot-api-secret-token|x-slack-signature)\\s*:\\s*)(.+)$");
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(\"" + SECRET_NAME.pattern() + "\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUERY_PARAM = Pattern.compile(
            "([?&;](?:" + SECRET_NAME.pattern() + "|apikey|sig|code)=)([^&#\\s\"']*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    /** Telegram bot tokens in paths, e.g. /bot123456:AA..., also with the colon URL-encoded. */
    private static final Pattern BOT_TOKEN = Pattern.compile("(?i)(bot)\\d{5,}(?::|%3A)[A-Za-z0-9_-]{20,}");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/@\\s:]+:)[^/@\\s]+(@)");

    private final List<String> values;

    public Masker(Collection<String> secretValues) {
        Set<String> forms = new LinkedHashSet<>();
        for (String value : secretValues) {
            if (value == null || value.length() < SHORTEST_SECRET) {
                continue;
            }
            forms.add(value);
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            forms.add(value.replace(":", "%3A"));
            forms.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no partial leftovers
        this.values = List.copyOf(sorted);
    }

    public static Masker none() {
        return new Masker(List.of());
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = maskValues(text);
        out = replaceGroup(HEADER_LINE, out);
        out = replaceGroup(JSON_FIELD, out);
        out = replaceGroup(QUERY_PARAM, out);
        out = replaceGroup(BEARER, out);
        out = JWT.matcher(out).replaceAll(MASK);
        out = BOT_TOKEN.matcher(out).replaceAll("$1" + MASK);
        if (out.contains("://") && out.indexOf('@') >= 0) {
            // the one pattern that tries every word of a text (1.2 of a trends page's 2.8 ms, measured); it needs both
            out = URL_USER_INFO.matcher(out).replaceAll("$1" + MASK + "$2");
        }
        return out;
    }

    /**
     * Replaces only the known secret values. For structured files the suite writes itself (summary.json),
     * whose free-text fields were masked fully already: shape-based masking could break their syntax.
     */
    public String maskValues(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (text.length() < LONG_TEXT) {
            for (String value : values) {
                out = out.replace(value, MASK);
            }
            return out;
        }
        BitSet pairs = null;
        for (String value : values) {
            if (pairs == null) {
                pairs = pairs(out);
            }
            // a value whose first two characters never stand side by side in the text is not in it: one pass over the
            // text instead of a search per value (six forms of each secret, a few hundred searches of every page)
            if (pairs.get(pair(value.charAt(0), value.charAt(1)))) {
                String masked = out.replace(value, MASK);
                if (masked != out) { // replace answers the same string when it found nothing
                    out = masked;
                    pairs = null; // the masks made new neighbours
                }
            }
        }
        return out;
    }

    /** Every two neighbouring characters of {@code text}, hashed into 2^16 bits (a collision only costs a search). */
    private static BitSet pairs(String text) {
        BitSet pairs = new BitSet(1 << 16);
        for (int i = 1; i < text.length(); i++) {
            pairs.set(pair(text.charAt(i - 1), text.charAt(i)));
        }
        return pairs;
    }

    private static int pair(char first, char second) {
        return (first * 31 + second) & 0xFFFF;
    }

    /** Keeps group 1 (the name) and masks what follows it. */
    private static String replaceGroup(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + MASK));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
