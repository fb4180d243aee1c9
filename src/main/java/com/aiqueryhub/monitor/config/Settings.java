package com.aiqueryhub.monitor.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every value a check uses, read through the settings declared in {@link Keys}. A key is looked up in this order, first
 * hit wins: overrides (the sandbox's own endpoints), JVM system property, environment variable (KEY_UPPER_CASE), the
 * environment's properties file, the declared default. An empty value counts as not set. Every value set anywhere is
 * checked against its setting's type when the settings load, so a typo stops the run at once, not mid-check.
 */
public final class Settings {

    public static final List<String> BUILT_IN_ENVIRONMENTS = List.of("local", "staging", "production");

    private final String environment;
    private final boolean sandboxEnvironment;
    private final Map<String, String> overrides;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environmentVariables;
    private final Map<String, String> environmentFile;

    private Settings(String environment, boolean sandboxEnvironment, Map<String, String> overrides,
                     Map<String, String> systemProperties, Map<String, String> environmentVariables,
                     Map<String, String> environmentFile) {
        this.environment = environment;
        this.sandboxEnvironment = sandboxEnvironment;
        this.overrides = Map.copyOf(overrides);
        this.systemProperties = Map.copyOf(systemProperties);
        this.environmentVariables = Map.copyOf(environmentVariables);
        this.environmentFile = Map.copyOf(environmentFile);
    }

    /** Settings of this JVM: {@code -Denv} / {@code -Denv.file}, system properties and environment variables. */
    public static Settings fromSystem() {
        return load(asMap(System.getProperties()), System.getenv());
    }

    /** Loads and validates; throws {@link SettingsException} with one readable line on any problem. */
    public static Settings load(Map<String, String> systemProperties, Map<String, String> environmentVariables) {
        String file = blankToNull(systemProperties.get(Keys.ENV_FILE.key()));
        String name = Optional.ofNullable(blankToNull(systemProperties.get(Keys.ENV.key()))).orElse(Keys.ENV.defaultValue());
        Map<String, String> envFile;
        String environment;
        boolean sandbox;
        if (file != null) {
            sandbox = false; // a file is always a real deployment: it never starts the sandbox
            envFile = readFile(Path.of(file));
            // a label in metrics, history and the report: env.name (given, or written in the file as the preflight
            // writes it), else the file's stem; never a path
            Map<String, String> fromFile = envFile;
            environment = Optional.ofNullable(blankToNull(systemProperties.get(Keys.ENV_NAME.key())))
                    .or(() -> Optional.ofNullable(blankToNull(fromFile.get(Keys.ENV_NAME.key()))))
                    .orElse(Path.of(file).getFileName().toString().replaceFirst("\\.properties$", ""));
        } else {
            environment = name;
            sandbox = name.equals("local");
            envFile = readResource("environments/" + name + ".properties")
                    .orElseThrow(() -> new SettingsException("unknown environment '" + name + "' (-Denv=" + name
                            + "): choose one of " + String.join(", ", BUILT_IN_ENVIRONMENTS)
                            + ", or load a properties file with -Denv.file=PATH"));
        }
        Settings settings = new Settings(environment, sandbox, Map.of(), systemProperties, environmentVariables, envFile);
        settings.validate();
        return settings;
    }

    /**
     * What a run that could not load its environment still knows: the JVM's properties and environment variables, and
     * the environment's file when it loads, unvalidated. Enough to reach the monitor's owner (its channels, its
     * Pushgateway) with the news that the run is misconfigured; never used to look at anything.
     */
    public static Settings ownerOnly(Map<String, String> systemProperties, Map<String, String> environmentVariables) {
        try {
            return load(systemProperties, environmentVariables);
        } catch (RuntimeException e) {
            String file = blankToNull(systemProperties.get(Keys.ENV_FILE.key()));
            String environment = Optional.ofNullable(blankToNull(systemProperties.get(Keys.ENV_NAME.key())))
                    .orElse(file != null ? Path.of(file).getFileName().toString().replaceFirst("\\.properties$", "")
                            : Optional.ofNullable(blankToNull(systemProperties.get(Keys.ENV.key()))).orElse(Keys.ENV.defaultValue()));
            return new Settings(environment, false, Map.of(), systemProperties, environmentVariables, Map.of());
        }
    }

    /** The same settings with {@code values} put in front of every other source. */
    public Settings withOverrides(Map<String, String> values) {
        Map<String, String> merged = new LinkedHashMap<>(overrides);
        merged.putAll(values);
        Settings settings = new Settings(environment, sandboxEnvironment, merged, systemProperties, environmentVariables,
                environmentFile);
        settings.validate();
        return settings;
    }

    public String environment() {
        return environment;
    }

    /** True for {@code env=local}: the built-in sandbox stands in for AI Query Hub. */
    public boolean isSandbox() {
        return sandboxEnvironment;
    }

    /** The setting's value, or its default; empty when neither is set. */
    public <T> Optional<T> find(Setting<T> setting) {
        return raw(setting.key()).or(() -> Optional.ofNullable(blankToNull(setting.defaultValue())).map(String::trim))
                .map(v -> setting.parse(v).orElseThrow(() -> invalid(setting, v)));
    }

    /** The setting's value, or its default; a check that needs it and finds neither is skipped (failed when strict). */
    public <T> T get(Setting<T> setting) {
        return find(setting).orElseThrow(() -> new MissingSettingException(setting.key(), environment));
    }

    /** The setting's value as written ("8GB", "150s"), or its default, for a message that quotes it as the team set it. */
    public String written(Setting<?> setting) {
        get(setting); // missing or malformed: the same exception as get
        return raw(setting.key()).orElseGet(() -> setting.defaultValue().trim());
    }

    /** Whether a value is set for it anywhere (its default counts). */
    public boolean isSet(Setting<?> setting) {
        return raw(setting.key()).isPresent() || blankToNull(setting.defaultValue()) != null;
    }

    /** Whether a check's need is met: a setting's key, or keys joined by "|" of which any one set will do. */
    public boolean meets(String need) {
        return java.util.Arrays.stream(need.split("\\|")).anyMatch(key -> Keys.named(key).map(this::isSet).orElse(false));
    }

    public boolean strict() {
        return get(Keys.MONITOR_STRICT);
    }

    /**
     * The environment as a whole, secrets left out: every key its file sets, and every other declared key a {@code -D}
     * or an environment variable sets to something else than its default. What a preflight hands back as a file
     * another run can load ({@code -Denv.file}); the sandbox's own addresses (overrides) are not in it: they last one run.
     */
    public Map<String, String> environmentValues() {
        Map<String, String> out = new TreeMap<>();
        Set<String> keys = new TreeSet<>(environmentFile.keySet());
        Keys.ALL.forEach(s -> keys.add(s.key()));
        for (String key : keys) {
            if (Setting.isSecret(key) || key.startsWith("sandbox.") || key.startsWith("monitor.") || key.startsWith("env")) {
                continue;
            }
            Optional<String> value = Optional.ofNullable(blankToNull(systemProperties.get(key)))
                    .or(() -> Optional.ofNullable(blankToNull(environmentVariables.get(envVar(key)))))
                    .or(() -> Optional.ofNullable(blankToNull(environmentFile.get(key))))
                    .map(String::trim);
            String def = Keys.ALL.stream().filter(s -> s.key().equals(key)).map(Setting::defaultValue).findFirst().orElse("").trim();
            if (value.isPresent() && (environmentFile.containsKey(key) || !value.get().equals(def))) {
                out.put(key, value.get());
            }
        }
        return out;
    }

    /**
     * Everything this run was given, as one map another run can be handed (-D values, and each declared setting an
     * environment variable sets, under its key): how a run starts another of the same environment. Held in memory only.
     */
    public Map<String, String> handedDown() {
        Map<String, String> out = new TreeMap<>(systemProperties);
        for (Setting<?> s : Keys.ALL) {
            String fromEnvironment = blankToNull(environmentVariables.get(s.envVar()));
            if (fromEnvironment != null && !out.containsKey(s.key())) {
                out.put(s.key(), fromEnvironment.trim());
            }
        }
        return out;
    }

    /** The names of the secret settings and whether each is set, for the report's overview (names only). */
    public List<String> secretsSet() {
        return Keys.ALL.stream().filter(Setting::secret).filter(s -> raw(s.key()).isPresent()).map(Setting::envVar).toList();
    }

    /** Values that must never be written anywhere: every secret setting that is set, from any source. */
    public Set<String> secretValues() {
        Set<String> values = new TreeSet<>();
        Set<String> keys = new TreeSet<>();
        Keys.ALL.forEach(s -> keys.add(s.key()));
        keys.addAll(environmentFile.keySet());
        keys.addAll(overrides.keySet());
        keys.addAll(systemProperties.keySet());
        for (String key : keys) {
            if (Setting.isSecret(key)) {
                raw(key).ifPresent(values::add);
            }
        }
        // CI passes secrets as environment variables; some are not ours (GITHUB_TOKEN) and still must not leak.
        environmentVariables.forEach((name, value) -> {
            if (Setting.isSecret(name.toLowerCase(Locale.ROOT).replace('_', '.')) && value != null && !value.isBlank()) {
                values.add(value.trim());
            }
        });
        return values;
    }

    /** The value set for {@code key} in any source, defaults aside. */
    private Optional<String> raw(String key) {
        return Optional.ofNullable(blankToNull(overrides.get(key)))
                .or(() -> Optional.ofNullable(blankToNull(systemProperties.get(key))))
                .or(() -> Optional.ofNullable(blankToNull(environmentVariables.get(envVar(key)))))
                .or(() -> Optional.ofNullable(blankToNull(environmentFile.get(key))))
                .map(String::trim);
    }

    /** The environment variable of {@code key}: its declared one (PAGERDUTY_ROUTING_KEY), else the key upper-cased. */
    private static String envVar(String key) {
        return Keys.named(key).map(Setting::envVar).orElse(Setting.envVarName(key));
    }

    /** Checks every value set anywhere against its setting's type, so a typo fails the run at once, not mid-check. */
    private void validate() {
        List<String> problems = new ArrayList<>();
        for (Setting<?> setting : Keys.ALL) {
            raw(setting.key()).filter(v -> setting.parse(v).isEmpty()).ifPresent(v -> problems.add(invalid(setting, v).getMessage()));
        }
        Keys.RETIRED.forEach((key, instead) -> raw(key).ifPresent(v -> problems.add("setting " + key + " (" + envVar(key)
                + ") is retired: " + instead + "; then remove " + key)));
        if (!problems.isEmpty()) {
            throw new SettingsException(String.join("; ", problems));
        }
    }

    private static SettingsException invalid(Setting<?> setting, String value) {
        String shown = setting.secret() ? "(secret)" : "'" + value + "'";
        return new SettingsException("invalid setting " + setting.key() + "=" + shown + ": expected " + setting.kind().expected()
                + " (set " + setting.envVar() + " or -D" + setting.key() + ")");
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
