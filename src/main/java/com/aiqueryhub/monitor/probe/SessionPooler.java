package com.aiqueryhub.monitor.probe;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Comparator;
import java.util.Optional;
import java.util.stream.StreamSupport;

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
        return config.json().filter(JsonNode::isArray).stream()
                .flatMap(list -> StreamSupport.stream(list.spliterator(), false))
                .filter(e -> !"READ_REPLICA".equals(e.path("database_type").asText()) && e.path("db_host").isTextual())
                .min(Comparator.comparing((JsonNode e) -> !"session".equals(e.path("pool_mode").asText())))
                .map(e -> new SessionPooler(e.get("db_host").asText(),
                        "session".equals(e.path("pool_mode").asText())
                                ? (int) com.aiqueryhub.monitor.json.JsonNumbers.whole(e.path("db_port")).orElse(SESSION_PORT) : SESSION_PORT,
                        e.path("db_name").asText("postgres")));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=require";
    }

    /** The pooler's user name for a role: {@code synthetic_monitor.abcdefghijklmnopqrst}. */
    public static String user(String role, String projectRef) {
        return role.endsWith("." + projectRef) ? role : role + "." + projectRef;
    }
}
