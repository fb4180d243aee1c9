package com.aiqueryhub.monitor.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * The sandbox's answers as JSON objects, never as concatenated text. Its own mapper reads numbers exactly (a recorded
 * fixture edited and written back keeps {@code 17.38} as {@code 17.38}) and writes compact JSON, as the real APIs answer.
 */
final class SandboxJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private SandboxJson() {
    }

    /** An object of name/value pairs in this order; values are nodes, text, numbers, booleans, null, lists or maps. */
    static ObjectNode object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], node(namesAndValues[i + 1]));
        }
        return node;
    }

    /** An array of these values. */
    static ArrayNode array(Object... values) {
        ArrayNode node = NODES.arrayNode();
        for (Object value : values) {
            node.add(node(value));
        }
        return node;
    }

    static ArrayNode array(Collection<?> values) {
        return array(values.toArray());
    }

    /** The value as a JSON node. */
    static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof JsonNode n) {
            return n;
        } else if (value instanceof String s) {
            return NODES.textNode(s);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Integer n) {
            return NODES.numberNode(n);
        } else if (value instanceof Long n) {
            return NODES.numberNode(n);
        } else if (value instanceof Double n) {
            return NODES.numberNode(n);
        } else if (value instanceof BigDecimal n) {
            return NODES.numberNode(n);
        } else if (value instanceof Collection<?> c) {
            return array(c);
        } else if (value instanceof Map<?, ?> m) {
            ObjectNode node = NODES.objectNode();
            m.forEach((k, v) -> node.set(String.valueOf(k), node(v)));
            return node;
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    /** Compact JSON text of the node, as the real APIs answer. */
    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded JSON body as a tree (numbers read exactly), for an edit made as an object. */
    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The same object with {@code name: value} placed right after {@code after} (APIs grow fields in place). */
    static void insertAfter(ObjectNode object, String after, String name, Object value) {
        if (!object.has(after)) {
            throw new IllegalStateException("no field " + after + " to insert " + name + " after");
        }
        ObjectNode copy = object.deepCopy();
        object.removeAll();
        for (Map.Entry<String, JsonNode> field : copy.properties()) {
            object.set(field.getKey(), field.getValue());
            if (field.getKey().equals(after)) {
                object.set(name, node(value));
            }
        }
    }
}
