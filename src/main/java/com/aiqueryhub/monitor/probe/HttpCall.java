package com.aiqueryhub.monitor.probe;

import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request a probe makes. Immutable; build with {@link #get(String)} and friends. */
public record HttpCall(String method, String url, Map<String, String> headers, Map<String, String> query, String body) {

    public HttpCall {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }

    public static HttpCall get(String url) {
        return new HttpCall("GET", url, Map.of(), Map.of(), null);
    }

    public static HttpCall request(String method, String url) {
        return new HttpCall(method, url, Map.of(), Map.of(), null);
    }

    public HttpCall header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpCall(method, url, h, query, body);
    }

    public HttpCall queryParam(String name, String value) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(name, value);
        return new HttpCall(method, url, headers, q, body);
    }

    public HttpCall body(String text) {
        return new HttpCall(method, url, headers, query, text);
    }

    /** "GET https://host/path" — what a failure message names as the endpoint (query left out: it may be long). */
    public String endpoint() {
        return method + " " + url;
    }
}
