package com.aiqueryhub.monitor.probe;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a CI runner without IPv6 reaches a Supabase database: the session pooler (Supavisor, port 5432, IPv4), whose
 * host the Management API names ({@code GET /v1/projects/REF/config/database/pooler}; the answer lists the
 * transaction-mode port 6543, the session mode listens on 5432 of the same host). Through the shared pooler a
 * role logs in as {@code ROLE.PROJECT_REF}.
 */
public record SessionPooler(String host, int port, String database) {

    static final int SESSION_PORT = 5432;

    /** The primary database's pooler in the Management API's answer, or empty when it names none. */
    public static Optional<SessionPooler> of(HttpObservation config) {
        if (!config.answered() || config.status() != 200) {
            return Optional.empty();
        }
        List<Map<String, Object>> entries = config.json().filter(j -> j.get() instanceof List)
                .map(j -> j.<Map<String, Object>>getList("$")).orElse(List.of());
        return entries.stream().filter(e -> !"READ_REPLICA".equals(e.get("database_type")) && e.get("db_host") != null)
                .sorted((a, b) -> Boolean.compare(!"session".equals(a.get("pool_mode")), !"session".equals(b.get("pool_mode"))))
                .findFirst()
                .map(e -> new SessionPooler(String.valueOf(e.get("db_host")),
                        "session".equals(e.get("pool_mode")) && e.get("db_port") instanceof Number n ? n.intValue() : SESSION_PORT,
                        String.valueOf(e.getOrDefault("db_name", "postgres"))));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=require";
    }

    /** The pooler's user name for a role: {@code synthetic_monitor.abcdefghijklmnopqrst}. */
    public static String user(String role, String projectRef) {
        return role.endsWith("." + projectRef) ? role : role + "." + projectRef;
    }
}
