package com.aiqueryhub.monitor.secret;

import com.aiqueryhub.monitor.config.Setting;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The secrets this JVM was handed (-D and environment variables), for a run whose settings could not load. */
public final class SystemSecrets {

    private SystemSecrets() {
    }

    public static Masker masker(Map<?, ?> systemProperties, Map<String, String> environment) {
        Set<String> values = new TreeSet<>();
        systemProperties.forEach((k, v) -> {
            if (Setting.isSecret(String.valueOf(k)) && v != null && !String.valueOf(v).isBlank()) {
                values.add(String.valueOf(v).trim());
            }
        });
        environment.forEach((name, value) -> {
            if (Setting.isSecret(name.toLowerCase(Locale.ROOT).replace('_', '.')) && value != null && !value.isBlank()) {
                values.add(value.trim());
            }
        });
        return new Masker(values);
    }
}
