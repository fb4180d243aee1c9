package com.aiqueryhub.monitor.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting: its key, the type of its value, its built-in default and what it means. Every setting the suite reads
 * is declared once, in {@link Keys}; the code reads it through {@link Settings#get(Setting)} as a typed value, and the
 * settings reference (docs/settings.md) and monitor-defaults.properties list exactly these keys (SettingsTest).
 */
public final class Setting<T> {

    /** The shapes a value can have, each with the words a malformed value is told with. */
    public enum Kind {
        STRING("text"), URL("an absolute http(s) URL"), JDBC_URL("a JDBC URL starting with jdbc:postgresql://"),
        DURATION("a duration such as 500ms, 10s, 2m, 24h or 30d"), INTEGER("a whole number"), DECIMAL("a number"),
        FLAG("true or false"), LIST("a comma-separated list"), DATE("a date such as 2026-03-01"), SIZE("a size such as 500MB or 8GB");

        private final String expected;

        Kind(String expected) {
            this.expected = expected;
        }

        public String expected() {
            return expected;
        }
    }

    private static final List<String> SECRET_SUFFIXES = List.of("token", "key", "password", "secret");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|kB|KB|MB|GB|TB)");

    private final String key;
    private final Kind kind;
    private final String defaultValue;
    private final String doc;
    private final Function<String, Optional<T>> parser;

    private final String envVar;

    private Setting(String key, Kind kind, String defaultValue, String doc, Function<String, Optional<T>> parser) {
        this(key, kind, defaultValue, doc, parser, envVarName(key));
    }

    private Setting(String key, Kind kind, String defaultValue, String doc, Function<String, Optional<T>> parser, String envVar) {
        this.envVar = envVar;
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.parser = parser;
    }

    public static Setting<String> text(String key, String defaultValue, String doc) {
        return new Setting<>(key, Kind.STRING, defaultValue, doc, Optional::of);
    }

    public static Setting<URI> url(String key, String defaultValue, String doc) {
        return new Setting<>(key, Kind.URL, defaultValue, doc, Setting::parseUrl);
    }

    public static Setting<String> jdbcUrl(String key, String defaultValue, String doc) {
        return new Setting<>(key, Kind.JDBC_URL, defaultValue, doc, v -> v.startsWith("jdbc:postgresql://") ? Optional.of(v) : Optional.empty());
    }

    public static Setting<Duration> duration(String key, String defaultValue, String doc) {
        return new Setting<>(key, Kind.DURATION, defaultValue, doc, Setting::parseDuration);
    }

    public static Setting<Integer> integer(String key, String defaultValue, String doc) {
        return new Setting<>(key, Kind.INTEGER, defaultValue, doc, v -> v.matches("-?\\d{1,9}") ? Optional.of(Integer.parseInt(v))
                : Optional.empty());
    }

    public static Setting<Double> decimal(String key, String defaultValue, String doc) {
        return new Setting<>(key, Kind.DECIMAL, defaultValue, doc, v -> v.matches("-?\\d+(\\.\\d+)?") ? Optional.of(Double.parseDouble(v))
                : Optional.empty());
    }

    public static Setting<Boolean> flag(String key, String defaultValue, String doc) {
        return new Setting<>(key, Kind.FLAG, defaultValue, doc, v -> v.equalsIgnoreCase("true") ? Optional.of(true)
                : v.equalsIgnoreCase("false") ? Optional.of(false) : Optional.empty());
    }

    public static Setting<List<String>> list(String key, String defaultValue, String doc) {
        return new Setting<>(key, Kind.LIST, defaultValue, doc, v -> Optional.of(Arrays.stream(v.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList()));
    }

    public static Setting<LocalDate> date(String key, String defaultValue, String doc) {
        return new Setting<>(key, Kind.DATE, defaultValue, doc, v -> {
            try {
                return Optional.of(LocalDate.parse(v));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** A size such as 500MB or 8GB, in bytes (powers of 1024, as PostgreSQL's pg_size_pretty). */
    public static Setting<Long> size(String key, String defaultValue, String doc) {
        return new Setting<>(key, Kind.SIZE, defaultValue, doc, Setting::parseBytes);
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** A key ending in token, key, password or secret, and the notification addresses, are secrets. */
    public boolean secret() {
        return isSecret(key);
    }

    /** The value {@code raw} stands for, or empty when it has not this setting's shape. */
    public Optional<T> parse(String raw) {
        return parser.apply(raw.trim());
    }

    /** {@code supabase.access-token} becomes {@code SUPABASE_ACCESS_TOKEN}. */
    public String envVar() {
        return envVar;
    }

    /** The same setting read from the environment variable {@code name}, the name its provider's documents use. */
    public Setting<T> fromEnvironment(String name) {
        return new Setting<>(key, kind, defaultValue, doc, parser, name);
    }

    @Override
    public String toString() {
        return key;
    }

    public static String envVarName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * A key ending in token, key, password or secret is a secret; so are the notification URLs
     * ({@code notify.*-url}, {@code notify.*.url}), since a Slack incoming-webhook URL is itself the credential.
     */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_SUFFIXES.stream().anyMatch(lower::endsWith)
                || (lower.startsWith("notify.") && (lower.endsWith("-url") || lower.endsWith(".url")) && !lower.endsWith("api-url"));
    }

    public static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    public static Optional<Long> parseBytes(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        int power = switch (m.group(2)) {
            case "B" -> 0;
            case "kB", "KB" -> 1;
            case "MB" -> 2;
            case "GB" -> 3;
            default -> 4;
        };
        return Optional.of(n << (10 * power));
    }

    static Optional<URI> parseUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
