package com.aiqueryhub.monitor.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static com.aiqueryhub.monitor.sandbox.Answers.serve;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.options;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * The project's PostgREST behind its gateway, as the real app's pages use it through supabase-js when the sandbox serves
 * a build of the app (sandbox.frontend-build): every table the pages read and write, kept in memory for this sandbox.
 * It does what those calls rely on (PostgREST's docs, "Tables and Views", "Resource Representation", "Upsert"): filters
 * {@code col=eq.v}, {@code neq}, {@code is}, {@code in}, {@code gt}/{@code gte}/{@code lt}/{@code lte}; {@code order},
 * {@code limit}, {@code offset}; {@code .single()} ({@code Accept: application/vnd.pgrst.object+json}: exactly one row, or
 * 406 PGRST116); inserts and upserts ({@code on_conflict} with {@code Prefer: resolution=merge-duplicates}), updates and
 * deletes, with {@code Prefer: return=representation}. Row-level security is left out: the sandbox has one user.
 */
final class PostgrestStandIn implements ResponseDefinitionTransformerV2 {

    static final String NAME = "sandbox-postgrest";
    private static final String OBJECT = "application/vnd.pgrst.object+json";

    private final Set<String> apiKeys;
    private final Map<String, List<ObjectNode>> tables = new ConcurrentHashMap<>();

    /** @param apiKeys the keys the gateway takes; the monitoring user has accepted the app's terms already (its one setup) */
    PostgrestStandIn(Set<String> apiKeys) {
        this.apiKeys = apiKeys;
        ObjectNode settings = JsonNodeFactory.instance.objectNode().put("id", UUID.randomUUID().toString())
                .put("user_id", SandboxAuth.MONITORING_USER_ID).put("terms_accepted_at", "2026-01-01T00:00:00Z")
                .put("terms_version", "v1").put("privacy_accepted_at", "2026-01-01T00:00:00Z");
        table("user_settings").add(settings);
    }

    void stub(WireMockServer project) {
        // the gateway's CORS for the REST API (supabase/docker volumes/api/kong.yml: the cors plugin on rest-v1)
        project.stubFor(options(urlPathMatching("/rest/v1/.*")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Access-Control-Allow-Origin", "*")
                .withHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, PATCH, PUT, DELETE, OPTIONS")
                .withHeader("Access-Control-Allow-Headers", "authorization, x-client-info, apikey, content-type, accept, "
                        + "accept-profile, content-profile, prefer, range, x-supabase-api-version")
                .withHeader("Access-Control-Expose-Headers", "Content-Range")));
        project.stubFor(any(urlPathMatching("/rest/v1/.*")).atPriority(2).willReturn(aResponse().withTransformers(NAME)));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        java.util.Optional<ResponseDefinition> refused = Answers.foreignKey(request, apiKeys);
        if (refused.isPresent()) {
            return refused.get();
        }
        String[] parts = request.getUrl().split("\\?", 2);
        String name = parts[0].substring("/rest/v1/".length());
        Map<String, String> query = query(parts.length > 1 ? parts[1] : "");
        if (name.startsWith("rpc/")) {
            return answer(200, JsonNodeFactory.instance.nullNode(), null);
        }
        List<ObjectNode> rows = table(name);
        boolean single = String.valueOf(request.getHeader("Accept")).contains(OBJECT);
        boolean representation = String.valueOf(request.getHeader("Prefer")).contains("return=representation");
        Predicate<ObjectNode> matches = filter(query);
        return switch (request.getMethod().getName()) {
            case "GET", "HEAD" -> read(rows.stream().filter(matches).sorted(order(query.get("order"))).toList(), query, single);
            case "POST" -> {
                List<ObjectNode> written = new ArrayList<>();
                JsonNode body = SandboxJson.parse(request.getBodyAsString());
                for (JsonNode item : body.isArray() ? body : List.of(body)) {
                    written.add(upsert(rows, (ObjectNode) item, query.get("on_conflict"),
                            String.valueOf(request.getHeader("Prefer")).contains("resolution=merge-duplicates")));
                }
                yield representation ? com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.like(read(written, Map.of(), single))
                        .withStatus(single && written.size() != 1 ? 406 : 201).build() : answer(201, null, null);
            }
            case "PATCH" -> {
                List<ObjectNode> changed = rows.stream().filter(matches).toList();
                JsonNode body = SandboxJson.parse(request.getBodyAsString());
                changed.forEach(row -> row.setAll((ObjectNode) body));
                yield representation ? read(changed, Map.of(), single) : answer(204, null, null);
            }
            case "DELETE" -> {
                List<ObjectNode> gone = rows.stream().filter(matches).toList();
                rows.removeAll(gone);
                yield representation ? read(gone, Map.of(), single) : answer(204, null, null);
            }
            default -> answer(405, JsonNodeFactory.instance.objectNode().put("message", "method not allowed"), null);
        };
    }

    private List<ObjectNode> table(String name) {
        return tables.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
    }

    /** Rows as PostgREST answers them: an array with its Content-Range, or exactly one as an object. */
    private static ResponseDefinition read(List<ObjectNode> rows, Map<String, String> query, boolean single) {
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", String.valueOf(Integer.MAX_VALUE)));
        List<ObjectNode> page = rows.stream().skip(offset).limit(limit).toList();
        if (single) {
            if (page.size() != 1) {
                // PostgREST's error for .single() (docs "Errors": PGRST116, HTTP 406)
                return answer(406, JsonNodeFactory.instance.objectNode().put("code", "PGRST116")
                        .put("details", "The result contains " + page.size() + " rows").putNull("hint")
                        .put("message", "JSON object requested, multiple (or no) rows returned"), null);
            }
            return answer(200, page.get(0), null);
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        page.forEach(array::add);
        String range = page.isEmpty() ? "*/" + rows.size() : offset + "-" + (offset + page.size() - 1) + "/" + rows.size();
        return answer(200, array, range);
    }

    private static ObjectNode upsert(List<ObjectNode> rows, ObjectNode item, String onConflict, boolean merge) {
        if (merge && onConflict != null) {
            List<String> keys = List.of(onConflict.split(","));
            for (ObjectNode row : rows) {
                if (keys.stream().allMatch(k -> row.path(k).asText("\u0000").equals(item.path(k).asText()))) {
                    row.setAll(item);
                    return row;
                }
            }
        }
        ObjectNode row = item.deepCopy();
        String now = Instant.now().toString();
        if (!row.hasNonNull("id")) {
            row.put("id", UUID.randomUUID().toString());
        }
        if (!row.has("created_at")) {
            row.put("created_at", now);
        }
        if (!row.has("updated_at")) {
            row.put("updated_at", now);
        }
        rows.add(row);
        return row;
    }

    private static ResponseDefinition answer(int status, JsonNode body, String range) {
        var response = aResponse().withStatus(status).withHeader("Access-Control-Allow-Origin", "*")
                .withHeader("Access-Control-Expose-Headers", "Content-Range");
        if (range != null) {
            response = response.withHeader("Content-Range", range);
        }
        if (body != null) {
            response = response.withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.toString());
        }
        return response.build();
    }

    /** The query's parameters, decoded; a filter's column may repeat (PostgREST ANDs them): the last one is kept. */
    private static Map<String, String> query(String raw) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static final Set<String> NOT_FILTERS = Set.of("select", "order", "limit", "offset", "on_conflict", "columns", "or", "and");

    private static Predicate<ObjectNode> filter(Map<String, String> query) {
        Predicate<ObjectNode> all = row -> true;
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (NOT_FILTERS.contains(e.getKey()) || e.getKey().contains(".")) {
                continue; // an embedded resource's filter, or no filter: every row stays
            }
            String column = e.getKey();
            String[] opValue = e.getValue().split("\\.", 2);
            String op = opValue[0].replaceFirst("^not$", "neq");
            String value = opValue.length > 1 ? opValue[1] : "";
            all = all.and(row -> test(row.get(column), op, value));
        }
        return all;
    }

    private static boolean test(JsonNode cell, String op, String value) {
        String text = cell == null || cell.isNull() ? null : cell.asText();
        return switch (op) {
            case "eq" -> value.equals(text);
            case "neq" -> !value.equals(text);
            case "is" -> value.equals("null") ? text == null : value.equals(text);
            case "in" -> text != null && List.of(value.replaceAll("^\\(|\\)$", "").replace("\"", "").split(",")).contains(text);
            case "gt" -> text != null && text.compareTo(value) > 0;
            case "gte" -> text != null && text.compareTo(value) >= 0;
            case "lt" -> text != null && text.compareTo(value) < 0;
            case "lte" -> text != null && text.compareTo(value) <= 0;
            default -> true; // like, ilike, fts, cs...: not judged here, every row stays
        };
    }

    private static Comparator<ObjectNode> order(String order) {
        Comparator<ObjectNode> by = (a, b) -> 0;
        if (order == null) {
            return by;
        }
        for (String term : order.split(",")) {
            String[] p = term.split("\\.");
            Comparator<ObjectNode> one = Comparator.comparing(row -> row.path(p[0]).asText(""));
            by = by.thenComparing(p.length > 1 && p[1].equals("desc") ? one.reversed() : one);
        }
        return by;
    }
}
