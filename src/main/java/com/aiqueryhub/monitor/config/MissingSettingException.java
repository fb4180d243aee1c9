package com.aiqueryhub.monitor.config;

/** A check needs a setting the environment does not provide. Skips the check, or fails it in strict mode. */
public final class MissingSettingException extends SettingsException {
    private final String key;

    public MissingSettingException(String key, String environment) {
        super("setting '" + key + "' is not set for environment '" + environment + "': set "
                + Settings.envVarName(key) + " (or -D" + key + "=...)");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
