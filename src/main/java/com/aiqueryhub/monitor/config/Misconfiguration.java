package com.aiqueryhub.monitor.config;

/**
 * A setting that is wrong for the whole run (a refused credential, an address the suite could not resolve): one
 * finding, reported by the first check that meets it and pointed at by every later one.
 */
public class Misconfiguration extends SettingsException {

    private final String setting;

    public Misconfiguration(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The setting to change, which is also what makes two such findings the same one. */
    public String setting() {
        return setting;
    }
}
