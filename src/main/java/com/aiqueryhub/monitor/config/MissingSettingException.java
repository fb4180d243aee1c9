package com.aiqueryhub.monitor.config;

/** A check needs a setting the environment does not provide. Skips the check, or fails it in strict mode. */
public final class MissingSettingException extends SettingsException {
    private final String key;

    public MissingSettingException(String key, String environment) {
        this("setting '" + key + "' is not set for environment '" + environment + "': set "
                + Keys.named(key).map(Setting::envVar).orElse(Setting.envVarName(key)) + " (or -D" + key + "=...)", key, true);
    }

    /** None of several settings that would each do is set. */
    public static MissingSettingException noneOf(java.util.List<String> keys, String environment, String alternative) {
        return new MissingSettingException("none of " + String.join(", ", keys) + " is set for environment '"
                + environment + "': set " + keys.stream().map(Setting::envVarName).collect(java.util.stream.Collectors.joining(" or "))
                + alternative, keys.get(0), true);
    }

    /** {@code first}, naming the other settings the same check needs and lacks as well ({@code also}, as env names). */
    public static MissingSettingException withAlso(MissingSettingException first, java.util.List<String> also) {
        return new MissingSettingException(first.getMessage() + "; this check also needs " + String.join(", ", also), first.key, true);
    }

    private MissingSettingException(String message, String key, boolean composed) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
