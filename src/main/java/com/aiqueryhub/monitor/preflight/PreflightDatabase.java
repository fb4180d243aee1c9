package com.aiqueryhub.monitor.preflight;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.probe.RowVisibility;
import com.aiqueryhub.monitor.run.PreflightItem;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.probe.DatabaseProbe;
import com.aiqueryhub.monitor.probe.DbObservation;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The preflight's database items: the tables and columns the checks read, what the monitoring role may see, and whether
 * the database host is reachable over the runner's network. Read-only, as the role is.
 */
final class PreflightDatabase {

    private final RunContext run;
    private final Settings s;

    PreflightDatabase(RunContext run) {
        this.run = run;
        this.s = run.settings();
    }

    // ---- tables and columns the checks read ----

    public List<PreflightItem> tables() {
        List<PreflightItem> items = new ArrayList<>();
        Optional<DatabaseProbe> db = database(items, "tables");
        if (db.isEmpty()) {
            return items;
        }
        List<String> auditColumns = new ArrayList<>(List.of(s.get(Keys.AUDIT_TIME_COLUMN), s.get(Keys.AUDIT_ACTION_COLUMN)));
        s.find(Keys.AUDIT_STATUS_COLUMN).filter(c -> !c.equalsIgnoreCase("none")).ifPresent(auditColumns::add);
        items.add(table(db.get(), "tables.audit", "audit.table", s.get(Keys.AUDIT_TABLE), auditColumns));
        items.add(table(db.get(), "tables.incidents", "incidents.table", s.get(Keys.INCIDENTS_TABLE),
                List.of("type", "severity", "status", "detected_at")));
        for (String t : s.get(Keys.DATALOSS_TABLES)) {
            items.add(table(db.get(), "tables.dataloss." + t, "dataloss.tables", t, List.of(s.get(Keys.DATALOSS_TIME_COLUMN))));
        }
        return items;
    }

    private PreflightItem table(DatabaseProbe db, String id, String setting, String table, List<String> columns) {
        DbObservation found = db.query("select a.attname as col from pg_attribute a where a.attrelid = to_regclass(?) "
                + "and a.attnum > 0 and not a.attisdropped", table);
        if (!found.answered()) {
            return PreflightItem.unknown(id, "cannot read the catalog: " + found.summary(), "db.url");
        }
        Set<String> present = found.rows().stream().map(r -> String.valueOf(r.get("col"))).collect(Collectors.toSet());
        List<String> missing = columns.stream().filter(c -> !present.contains(c)).toList();
        if (!present.isEmpty() && missing.isEmpty()) {
            return PreflightItem.ok(id, table + " exists with " + String.join(", ", columns));
        }
        Optional<String> status = s.find(Keys.AUDIT_STATUS_COLUMN).filter(c -> !c.equalsIgnoreCase("none"));
        if (id.equals("tables.audit") && !present.isEmpty() && status.isPresent() && missing.equals(List.of(status.get()))) {
            // the check's own words and fix (SecurityEvents): a table without triage, as settings of earlier releases assumed
            return PreflightItem.problem(id, "set audit.status-column=none: " + table + " has no column " + status.get()
                    + " (a table without triage, like the runbook's audit_logs)", Keys.AUDIT_STATUS_COLUMN.key()).suggesting("none");
        }
        List<Candidate> candidates = candidates(db, table, columns);
        String what = present.isEmpty() ? "table " + table + " does not exist" : table + " lacks column(s) " + String.join(", ", missing);
        String list = candidates.isEmpty() ? "no table of the live schema looks like it"
                : "tables of the live schema that look like it: " + candidates.stream().map(Candidate::describe)
                .collect(Collectors.joining("; "));
        PreflightItem item = PreflightItem.problem(id, what + " (" + setting + "); " + list, setting);
        Optional<Candidate> best = candidates.stream().filter(c -> c.missing().isEmpty()).findFirst();
        if (best.isPresent() && present.isEmpty()) {
            item = item.suggesting(setting.equals("dataloss.tables")
                    ? s.get(Keys.DATALOSS_TABLES).stream().map(t -> t.equals(table) ? best.get().name() : t).collect(Collectors.joining(","))
                    : best.get().name());
        }
        return item;
    }

    record Candidate(String name, List<String> columns, List<String> missing, int score) {
        String describe() {
            return name + " (" + (missing.isEmpty() ? "has every column the check reads" : "lacks " + String.join(", ", missing))
                    + ")";
        }
    }

    /** Tables in the app's schemas ranked by shared name parts and by the columns the check needs. */
    private static List<Candidate> candidates(DatabaseProbe db, String table, List<String> columns) {
        DbObservation all = db.query("select n.nspname || '.' || c.relname as name, array_to_string(array_agg(a.attname::text), ',') as cols "
                + "from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid "
                + "and a.attnum > 0 and not a.attisdropped where c.relkind in ('r', 'v', 'p', 'm') and n.nspname not in "
                + "('pg_catalog', 'information_schema', 'pg_toast', 'extensions', 'auth', 'storage', 'realtime', 'graphql', "
                + "'graphql_public', 'vault', 'supabase_functions', 'supabase_migrations', 'net', 'pgsodium', 'cron') "
                + "group by 1");
        if (!all.answered()) {
            return List.of();
        }
        String bare = table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table;
        Set<String> parts = new LinkedHashSet<>(Arrays.asList(bare.toLowerCase(java.util.Locale.ROOT).split("_")));
        parts.removeIf(p -> p.length() < 3);
        List<Candidate> ranked = new ArrayList<>();
        for (Map<String, Object> row : all.rows()) {
            String name = String.valueOf(row.get("name"));
            String shortName = name.substring(name.indexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
            List<String> cols = Arrays.asList(String.valueOf(row.get("cols")).split(","));
            List<String> missing = columns.stream().filter(c -> !cols.contains(c)).toList();
            int nameScore = (int) parts.stream().filter(p -> shortName.contains(p) || p.startsWith(shortName.replaceAll("s$", ""))).count();
            int score = nameScore * 2 + (columns.size() - missing.size());
            if (nameScore > 0 || missing.isEmpty()) {
                ranked.add(new Candidate(name.startsWith("public.") ? name.substring(7) : name, cols, missing, score));
            }
        }
        ranked.sort(Comparator.comparingInt(Candidate::score).reversed().thenComparing(Candidate::name));
        return ranked.subList(0, Math.min(5, ranked.size()));
    }

    // ---- the monitoring role ----

    public List<PreflightItem> role() {
        List<PreflightItem> items = new ArrayList<>();
        Optional<DatabaseProbe> db = database(items, "role");
        if (db.isEmpty()) {
            return items;
        }
        DbObservation role = db.get().query("select r.rolname as name, "
                + "coalesce(array_to_string(r.rolconfig, ','), '') as config, "
                + "pg_has_role(current_user, 'pg_read_all_stats', 'member') as stats from pg_roles r where r.rolname = current_user");
        if (!role.answered() || role.rows().isEmpty()) {
            items.add(PreflightItem.unknown("role.read-only", "cannot read the role: " + role.summary(), "db.user"));
            return items;
        }
        Map<String, Object> r = role.rows().get(0);
        String name = String.valueOf(r.get("name"));
        boolean readOnly = String.valueOf(r.get("config")).contains("default_transaction_read_only=on");
        items.add(readOnly ? PreflightItem.ok("role.read-only", name + " is read-only by default (default_transaction_read_only=on)")
                : PreflightItem.problem("role.read-only", name + " is not read-only by its own default (the suite's session "
                + "is, but a role that can write is a risk): alter role " + name + " set default_transaction_read_only = on",
                "db.user"));
        List<String> hidden = tablesRead().stream()
                .filter(t -> RowVisibility.hidesRows(db.get(), t).orElse(false)).toList();
        items.add(hidden.isEmpty() ? PreflightItem.ok("role.rls", name + " sees every row of the tables the checks count")
                : PreflightItem.problem("role.rls", "row-level security hides the rows of " + String.join(", ", hidden) + " from "
                + name + ": its counts would read 0; create the role WITH BYPASSRLS (README step 1)", "db.user"));
        items.add(Boolean.TRUE.equals(r.get("stats")) ? PreflightItem.ok("role.pg-stat-activity", name
                + " reads pg_stat_activity in full (pg_read_all_stats, part of pg_monitor)")
                : PreflightItem.problem("role.pg-stat-activity", name + " sees only its own sessions in pg_stat_activity: "
                + "grant pg_monitor to " + name, "db.user"));
        DbObservation schema = db.get().query("select n.nspname as schema from pg_extension e join pg_namespace n "
                + "on n.oid = e.extnamespace where e.extname = 'pg_stat_statements'");
        if (!schema.answered() || schema.rows().isEmpty()) {
            items.add(PreflightItem.problem("role.pg-stat-statements", "pg_stat_statements is not installed in this database: "
                    + "create extension pg_stat_statements with schema extensions", "db.url"));
        } else {
            String where = String.valueOf(schema.rows().get(0).get("schema"));
            DbObservation read = db.get().query("select count(*) from " + DatabaseProbe.identifier(where) + ".pg_stat_statements");
            items.add(read.answered() ? PreflightItem.ok("role.pg-stat-statements", "pg_stat_statements readable in schema " + where)
                    : PreflightItem.problem("role.pg-stat-statements", "pg_stat_statements in schema " + where + " is not readable ("
                    + read.summary() + "): grant usage on schema " + where + " to " + name, "db.user"));
        }
        return items;
    }

    private List<String> tablesRead() {
        Set<String> tables = new LinkedHashSet<>();
        tables.add(s.get(Keys.AUDIT_TABLE));
        tables.add(s.get(Keys.INCIDENTS_TABLE));
        tables.addAll(s.get(Keys.DATALOSS_TABLES));
        return new ArrayList<>(tables);
    }

    // ---- the database host over the runner's network ----

    public List<PreflightItem> network() {
        String url;
        try {
            url = s.find(Keys.DB_URL).orElse(null);
            if (url == null && pooler()) {
                url = com.aiqueryhub.monitor.probe.SessionPooler.of(run.supabase().poolerConfig())
                        .map(com.aiqueryhub.monitor.probe.SessionPooler::jdbcUrl).orElse(null);
            }
        } catch (SettingsException e) {
            url = null;
        }
        if (url == null && pooler() && s.isSet(Keys.SUPABASE_ACCESS_TOKEN) && s.isSet(Keys.SUPABASE_PROJECT_REF)) {
            // the token is there: the pooler's address could not be read (the network, the API), not a setting to add
            return List.of(PreflightItem.unknown("database.network", "the session pooler's address could not be read from the "
                    + "Management API: " + run.supabase().poolerConfig().summary(), "supabase.management-url"));
        }
        if (url == null) {
            // name what is missing, and suggest the pooler only where it is not the setting already
            return List.of(PreflightItem.problem("database.network", pooler()
                    ? "no database address: db.connection=session-pooler needs the Management API token (SUPABASE_ACCESS_TOKEN) "
                    + "and supabase.project-ref, or set DB_URL" : "no database address: set DB_URL, or "
                    + "db.connection=session-pooler with the Management API token", pooler() ? "supabase.access-token" : "db.url"));
        }
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        String host = uri.getHost();
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (java.net.UnknownHostException e) {
            return List.of(PreflightItem.problem("database.network", host + " does not resolve", "db.url"));
        }
        boolean ipv4 = Arrays.stream(addresses).anyMatch(a -> a instanceof Inet4Address);
        if (!ipv4 && !hasGlobalIpv6() && !pooler()) {
            return List.of(PreflightItem.problem("database.network", host + " resolves to IPv6 only and this runner has no IPv6: "
                    + "use Supabase's session pooler (IPv4): leave db.url empty and set db.connection=session-pooler", "db.connection")
                    .suggesting("session-pooler"));
        }
        long timeout = s.get(Keys.DB_CONNECT_TIMEOUT).toMillis();
        for (InetAddress a : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(a, port), (int) timeout);
                return List.of(PreflightItem.ok("database.network", host + ":" + port + " reachable over "
                        + (a instanceof Inet6Address ? "IPv6" : "IPv4")));
            } catch (java.io.IOException tryNext) {
                // another address of the host may answer
            }
        }
        return List.of(PreflightItem.problem("database.network", host + ":" + port + " does not accept connections from this runner "
                + "within " + timeout + " ms", "db.url"));
    }

    private static boolean hasGlobalIpv6() {
        try {
            return NetworkInterface.networkInterfaces().filter(i -> {
                try {
                    return i.isUp() && !i.isLoopback();
                } catch (java.net.SocketException e) {
                    return false;
                }
            }).flatMap(NetworkInterface::inetAddresses).anyMatch(a -> a instanceof Inet6Address && !a.isLinkLocalAddress()
                    && !a.isLoopbackAddress() && !a.isSiteLocalAddress());
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    // ---- helpers ----

    /** The database is reached through the session pooler the Management API names (db.connection). */
    boolean pooler() {
        return s.get(Keys.DB_CONNECTION).equals("session-pooler");
    }

    private Optional<DatabaseProbe> database(List<PreflightItem> items, String group) {
        DatabaseProbe db;
        try {
            db = run.database().probe();
        } catch (RuntimeException e) {
            // the setting the message names is the one to suggest (the pooler's lookup needs the Management API token)
            String setting = e instanceof com.aiqueryhub.monitor.config.MissingSettingException missing ? missing.key() : "db.url";
            items.add(PreflightItem.unknown(group, "not tried: " + e.getMessage(), setting));
            return Optional.empty();
        }
        DbObservation ping = run.database().ping();
        if (!ping.answered()) {
            boolean login = ping.error().startsWith(DatabaseProbe.LOGIN_REJECTED);
            items.add(login ? PreflightItem.problem(group, "the database refused the monitoring login: " + ping.error(), "db.password")
                    : PreflightItem.unknown(group, "database not reachable: " + ping.error(), "db.url"));
            return Optional.empty();
        }
        return Optional.of(db);
    }
}
