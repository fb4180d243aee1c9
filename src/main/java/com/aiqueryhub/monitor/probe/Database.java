package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Misconfiguration;
import com.aiqueryhub.monitor.config.Settings;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The project's PostgreSQL, on a read-only session: where it is (db.url, or the session pooler the Management API
 * names, for runners without IPv6) is resolved here, once per run, and nowhere else.
 */
public final class Database {

    private final Settings settings;
    private final Supplier<Supabase> supabase;
    private final SharedCalls shared;

    public Database(Settings settings, Supplier<Supabase> supabase, SharedCalls shared) {
        this.settings = settings;
        this.supabase = supabase;
        this.shared = shared;
    }

    public DatabaseProbe probe() {
        return shared.once("database-probe", () -> shared.closedWithRun(new DatabaseProbe(jdbcUrl(), user(),
                settings.get(Keys.DB_PASSWORD), settings.get(Keys.DB_CONNECT_TIMEOUT), settings.get(Keys.DB_STATEMENT_TIMEOUT))));
    }

    /** Runs a read-only query (see {@link DatabaseProbe#query}). */
    public DbObservation query(String sql, Object... parameters) {
        return probe().query(sql, parameters);
    }

    /** {@code select 1}, once per run. */
    public DbObservation ping() {
        return shared.once("database.ping", () -> query("select 1 as ok"));
    }

    public String endpoint() {
        return probe().endpoint();
    }

    /** Whether the address comes from the Management API's pooler rather than db.url. */
    public boolean throughPooler() {
        return settings.find(Keys.DB_URL).isEmpty() && settings.get(Keys.DB_CONNECTION).equals("session-pooler");
    }

    /** db.url, or the session pooler's address the Management API names. */
    public String jdbcUrl() {
        if (!throughPooler()) {
            return settings.get(Keys.DB_URL);
        }
        return shared.once("database.pooler-url", () -> {
            HttpObservation config = supabase.get().poolerConfig();
            Optional<SessionPooler> pooler = SessionPooler.of(config);
            if (pooler.isEmpty()) {
                if (config.answered() && (config.status() == 401 || config.status() == 403)) {
                    throw new Misconfiguration(Keys.SUPABASE_ACCESS_TOKEN.key(), "the credential in supabase.access-token was "
                            + "refused (HTTP " + config.status() + " from " + config.endpoint() + "): set SUPABASE_ACCESS_TOKEN to "
                            + "a valid one; nothing is known about the system's health from this call");
                }
                throw new Misconfiguration(Keys.DB_URL.key(), "db.connection=session-pooler, but the Management API named no "
                        + "pooler (" + config.summary() + " from " + config.endpoint() + "): set DB_URL to the database's JDBC URL");
            }
            return pooler.get().jdbcUrl();
        });
    }

    private String user() {
        String role = settings.get(Keys.DB_USER);
        return throughPooler() ? SessionPooler.user(role, settings.get(Keys.SUPABASE_PROJECT_REF)) : role;
    }
}
