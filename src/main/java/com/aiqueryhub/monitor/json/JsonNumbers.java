package com.aiqueryhub.monitor.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Numbers as the providers write them: a JSON number, or a string holding one. APIs that carry 64-bit integers quote
 * them (BigQuery's REST API writes counts as "3"), billing APIs write money as decimal strings, and an API may switch
 * between the two without meaning anything by it. Every number the suite reads from an external JSON answer goes
 * through here; anything else (a word, an object, nothing) is empty, and the reader says whose problem that is.
 */
public final class JsonNumbers {

    private JsonNumbers() {
    }

    /** The number {@code node} holds, as a number or in a string; empty otherwise. */
    public static Optional<BigDecimal> of(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        if (node.isTextual()) {
            try {
                return Optional.of(new BigDecimal(node.asText().strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public static OptionalDouble decimal(JsonNode node) {
        return of(node).map(n -> OptionalDouble.of(n.doubleValue())).orElse(OptionalDouble.empty());
    }

    /** A whole number ("3", 3, 3.0); a fraction or anything else is empty. */
    public static OptionalLong whole(JsonNode node) {
        return of(node).map(n -> {
            try {
                return OptionalLong.of(n.stripTrailingZeros().longValueExact());
            } catch (ArithmeticException e) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
    }
}
