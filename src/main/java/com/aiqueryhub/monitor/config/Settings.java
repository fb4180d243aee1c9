package com.aiqueryhub.monitor.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every value a check uses. A key is looked up in this order, first hit wins:
 * overrides (the sandbox's own endpoints), JVM system property, environment variable
 * (KEY_UPPER_CASE), the environment's properties file, the built-in default.
 * An empty value counts as not set.
 */
public final class Settings {

    public static final String DEFAULTS_RESOURCE = "monitor-defaults.properties";
    public static final List<String> BUILT_IN_ENVIRONMENTS = List.of("local", "staging", "production");
    private static final List<String> SECRET_SUFFIXES = List.of("token", "key", "password", "secret");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|kB|KB|MB|GB|TB)");

    private final String environment;
    private final boolean sandboxEnvironment;
    private final Map<String, String> overrides;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environmentVariables;
    private final Map<String, String> environmentFile;
    private final Map<String, String> defaults;

    private Settings(String environment, boolean sandboxEnvironment, Map<String, String> overrides,
                     Map<String, String> systemProperties, Map<String, String> environmentVariables,
                     Map<String, String> environmentFile, Map<String, String> defaults) {
        this.environment = environment;
        this.sandboxEnvironment = sandboxEnvironment;
        this.overrides = Map.copyOf(overrides);
        this.systemProperties = Map.copyOf(systemProperties);
        this.environmentVariables = Map.copyOf(environmentVariables);
        this.environmentFile = Map.copyOf(environmentFile);
        this.defaults = Map.copyOf(defaults);
    }

    /** Settings of this JVM: {@code -Denv} / {@code -Denv.file}, system properties and environment variables. */
    public static Settings fromSystem() {
        return load(asMap(System.getProperties()), System.getenv());
    }

    /** Loads and validates; throws {@link SettingsException} with one readable line on any problem. */
    public static Settings load(Map<String, String> systemProperties, Map<String, String> environmentVariables) {
        String file = blankToNull(systemProperties.get("env.file"));
        String name = Optional.ofNullable(blankToNull(systemProperties.get("env"))).orElse("local");
        Map<String, String> envFile;
        String environment;
        boolean sandbox;
        if (file != null) {
            environment = file;
            sandbox = false; // a file is always a real deployment: it never starts the sandbox
            envFile = readFile(Path.of(file));
        } else {
            environment = name;
            sandbox = name.equals("local");
            envFile = readResource("environments/" + name + ".properties")
                    .orElseThrow(() -> new SettingsException("unknown environment '" + name + "' (-Denv=" + name
                            + "): choose one of " + String.join(", ", BUILT_IN_ENVIRONMENTS)
                            + ", or load a properties file with -Denv.file=PATH"));
        }
        Settings settings = new Settings(environment, sandbox, Map.of(), systemProperties, environmentVariables,
                envFile, readResource(DEFAULTS_RESOURCE).orElseThrow());
        settings.validate();
        return settings;
    }

    /** The built-in default of {@code key}, for when no run's settings could be loaded. */
    public static String builtInDefault(String key) {
        return readResource(DEFAULTS_RESOURCE).orElseThrow().getOrDefault(key, "");
    }

    /** The same settings with {@code values} put in front of every other source. */
    public Settings withOverrides(Map<String, String> values) {
        Map<String, String> merged = new LinkedHashMap<>(overrides);
        merged.putAll(values);
        Settings settings = new Settings(environment, sandboxEnvironment, merged, systemProperties,
                environmentVariables, environmentFile, defaults);
        settings.validate();
        return settings;
    }

    /**
     * The environment as a whole, secrets left out: every key its file sets, and every other key a {@code -D} or an
     * environment variable sets to something else than its default. What a preflight hands back as a file another run
     * can load ({@code -Denv.file}); the sandbox's own addresses (overrides) are not in it: they last one run.
     */
    public Map<String, String> environmentValues() {
        Map<String, String> out = new java.util.TreeMap<>();
        Set<String> keys = new TreeSet<>(defaults.keySet());
        keys.addAll(environmentFile.keySet());
        for (String key : keys) {
            if (isSecret(key) || key.startsWith("sandbox.")) {
                continue;
            }
            Optional<String> value = Optional.ofNullable(blankToNull(systemProperties.get(key)))
                    .or(() -> Optional.ofNullable(blankToNull(environmentVariables.get(envVarName(key)))))
                    .or(() -> Optional.ofNullable(blankToNull(environmentFile.get(key))))
                    .map(String::trim);
            String def = Optional.ofNullable(defaults.get(key)).orElse("").trim();
            if (value.isPresent() && (environmentFile.containsKey(key) || !value.get().equals(def))) {
                out.put(key, value.get());
            }
        }
        return out;
    }

    public String environment() {
        return environment;
    }

    /** True for {@code env=local}: the built-in sandbox stands in for AI Query Hub. */
    public boolean isSandbox() {
        return sandboxEnvironment;
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(blankToNull(overrides.get(key)))
                .or(() -> Optional.ofNullable(blankToNull(systemProperties.get(key))))
                .or(() -> Optional.ofNullable(blankToNull(environmentVariables.get(envVarName(key)))))
                .or(() -> Optional.ofNullable(blankToNull(environmentFile.get(key))))
                .or(() -> Optional.ofNullable(blankToNull(defaults.get(key))))
                .map(String::trim);
    }

    public String require(String key) {
        return find(key).orElseThrow(() -> new MissingSettingException(key, environment));
    }

    public boolean strict() {
        return flag("monitor.strict");
    }

    public URI url(String key) {
        String value = require(key);
        return parseUrl(key, value).orElseThrow(() -> invalid(key, "an absolute http(s) URL such as https://example.com"));
    }

    public Duration duration(String key) {
        return parseDuration(require(key)).orElseThrow(() -> invalid(key, "a duration such as 500ms, 10s, 2m, 24h or 30d"));
    }

    /** A size such as 500MB or 8GB, in bytes (powers of 1024, as PostgreSQL's pg_size_pretty). */
    public long bytes(String key) {
        return parseBytes(require(key)).orElseThrow(() -> invalid(key, "a size such as 500MB or 8GB"));
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

    /** A calendar date such as 2026-03-01. */
    public java.time.LocalDate date(String key) {
        try {
            return java.time.LocalDate.parse(require(key));
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid(key, "a date such as 2026-03-01");
        }
    }

    public int integer(String key) {
        String value = require(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(key, "a whole number");
        }
    }

    public double decimal(String key) {
        String value = require(key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(key, "a number");
        }
    }

    public boolean flag(String key) {
        String value = find(key).orElse("false").toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(key, "true or false");
        }
        return value.equals("true");
    }

    public List<String> list(String key) {
        return find(key).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Every key any source knows about, for the report's environment page. */
    public Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>(defaults.keySet());
        keys.addAll(environmentFile.keySet());
        keys.addAll(overrides.keySet());
        return keys;
    }

    /** Values that must never be written anywhere: every secret key that is set, from any source. */
    public Set<String> secretValues() {
        Set<String> values = new TreeSet<>();
        Set<String> keys = new TreeSet<>(knownKeys());
        systemProperties.keySet().stream().filter(Settings::isSecret).forEach(keys::add);
        for (String key : keys) {
            if (isSecret(key)) {
                find(key).ifPresent(values::add);
            }
        }
        // CI passes secrets as environment variables; some are not ours (GITHUB_TOKEN) and still must not leak.
        environmentVariables.forEach((name, value) -> {
            if (isSecret(name.toLowerCase(Locale.ROOT).replace('_', '.')) && value != null && !value.isBlank()) {
                values.add(value.trim());
            }
        });
        return values;
    }

    /**
     * A key ending in token, key, password or secret is a secret; so are the notification URLs
     * ({@code notify.*-url}), since a Slack incoming-webhook URL is itself the credential.
     */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_SUFFIXES.stream().anyMatch(lower::endsWith)
                || (lower.startsWith("notify.") && (lower.endsWith("-url") || lower.endsWith(".url"))
                && !lower.endsWith("api-url"));
    }

    /** {@code supabase.access-token} becomes {@code SUPABASE_ACCESS_TOKEN}. */
    public static String envVarName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
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

    /** Checks every value against the shape of its default, so a typo fails the run at once, not mid-check. */
    private void validate() {
        List<String> problems = new ArrayList<>();
        for (String key : knownKeys()) {
            Optional<String> value = find(key);
            if (value.isEmpty()) {
                continue;
            }
            String v = value.get();
            String shown = isSecret(key) ? "(secret)" : "'" + v + "'";
            String expected = null;
            if (key.equals("db.url")) {
                if (!v.startsWith("jdbc:postgresql://")) {
                    expected = "a JDBC URL starting with jdbc:postgresql://";
                }
            } else if (key.endsWith(".url") || key.endsWith("-url")) {
                if (parseUrl(key, v).isEmpty()) {
                    expected = "an absolute http(s) URL";
                }
            } else {
                String def = Optional.ofNullable(defaults.get(key)).orElse("").trim();
                if (key.endsWith("-on") && !v.matches("\\d{4}-\\d\\d-\\d\\d")) {
                    expected = "a date such as 2026-03-01";
                } else if (parseBytes(def).isPresent() && parseBytes(v).isEmpty()) {
                    expected = "a size such as 500MB or 8GB";
                } else if (parseDuration(def).isPresent() && parseDuration(v).isEmpty()) {
                    expected = "a duration such as 500ms, 10s, 2m, 24h or 30d";
                } else if (def.matches("-?\\d+") && !v.matches("-?\\d+")) {
                    expected = "a whole number";
                } else if (def.matches("-?\\d+\\.\\d+") && !v.matches("-?\\d+(\\.\\d+)?")) {
                    expected = "a number";
                } else if ((def.equals("true") || def.equals("false")) && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    expected = "true or false";
                }
            }
            if (expected != null) {
                problems.add("invalid setting " + key + "=" + shown + ": expected " + expected
                        + " (set " + envVarName(key) + " or -D" + key + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(String.join("; ", problems));
        }
    }

    private SettingsException invalid(String key, String expected) {
        String shown = isSecret(key) ? "(secret)" : "'" + find(key).orElse("") + "'";
        return new SettingsException("invalid setting " + key + "=" + shown + ": expected " + expected
                + " (set " + envVarName(key) + " or -D" + key + ")");
    }

    private static Optional<URI> parseUrl(String key, String value) {
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

    private static Optional<Map<String, String>> readResource(String name) {
        try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return Optional.of(asMap(p));
        } catch (IOException e) {
            throw new SettingsException("cannot read " + name + ": " + e.getMessage());
        }
    }

    private static Map<String, String> readFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new SettingsException("environment file not found: " + path.toAbsolutePath()
                    + " (-Denv.file): pass the path of a readable .properties file");
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(reader);
            return asMap(p);
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException("cannot read environment file " + path + " (-Denv.file): " + e.getMessage());
        }
    }

    private static Map<String, String> asMap(Properties p) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            map.put(name, p.getProperty(name));
        }
        return map;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
