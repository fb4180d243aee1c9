package com.aiqueryhub.monitor.selftest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** JSON the run wrote, as plain maps and lists for AssertJ's map and list assertions (Jackson reads it). */
final class JsonMaps {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonMaps() {
    }

    static Map<String, Object> parse(String text) {
        try {
            return MAPPER.readValue(text, new TypeReference<>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Object> parseList(String text) {
        try {
            return MAPPER.readValue(text, new TypeReference<>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> json, String field) {
        return (List<Map<String, Object>>) json.get(field);
    }
}
