package com.aiqueryhub.monitor.run;

/**
 * One line of the preflight: whether one thing the checks rely on fits the deployment, and when it does not, the
 * setting to change and (when the deployment shows it) the value to change it to.
 */
public record PreflightItem(String id, Status status, String message, String setting,
                            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                            String suggestion) {

    public enum Status {
        OK, PROBLEM, UNKNOWN;

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static PreflightItem ok(String id, String message) {
        return new PreflightItem(id, Status.OK, message, null, null);
    }

    public static PreflightItem problem(String id, String message, String setting) {
        return new PreflightItem(id, Status.PROBLEM, message, setting, null);
    }

    public static PreflightItem unknown(String id, String message, String setting) {
        return new PreflightItem(id, Status.UNKNOWN, message, setting, null);
    }

    /** The same item, suggesting {@code value} for its setting (written to preflight.properties). */
    public PreflightItem suggesting(String value) {
        return new PreflightItem(id, status, message, setting, value);
    }
}
