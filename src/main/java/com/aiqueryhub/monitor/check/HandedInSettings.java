package com.aiqueryhub.monitor.check;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run's settings handed to the JUnit launcher as one configuration parameter, instead of the JVM's system properties
 * and environment: how one JVM runs many monitoring runs at once, each with its own settings (the self-tests do).
 */
public final class HandedInSettings {

    /** The configuration parameter; when it is present, nothing of the JVM's own settings counts. */
    public static final String PARAMETER = "monitor.settings";

    /**
     * With the value {@value #INHERIT}, the handed-in settings are read together with the JVM's environment variables, as
     * a monitoring run reads them (the warm runner: each cycle's own tag expression, the deployment's secrets from the
     * environment); without it, nothing of the JVM counts (a self-test).
     */
    public static final String ENVIRONMENT_PARAMETER = "monitor.settings.environment";
    public static final String INHERIT = "inherit";

    private HandedInSettings() {
    }

    /** key=value pairs joined by '&', each part URL-encoded. */
    public static String encode(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> decode(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return map;
    }
}
