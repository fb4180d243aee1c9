package com.aiqueryhub.monitor.config;

/**
 * A setting is missing, malformed, or names something that does not exist (an environment, a fault).
 * The message is one line that names the problem and the key to set; it never carries a secret value.
 */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message, null, false, false); // no stack trace: the message is the whole story
    }
}
