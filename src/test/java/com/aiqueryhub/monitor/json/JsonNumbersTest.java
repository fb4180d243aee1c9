package com.aiqueryhub.monitor.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class JsonNumbersTest {

    private static JsonNode field(String json) {
        return Json.parse("{\"v\": " + json + "}").orElseThrow().path("v");
    }

    @Test
    void aNumberAndAStringHoldingOneReadAlike() {
        assertThat(JsonNumbers.whole(field("3"))).hasValue(3);
        assertThat(JsonNumbers.whole(field("\"3\""))).hasValue(3);
        assertThat(JsonNumbers.whole(field("\" 9007199254740993 \""))).as("a 64-bit count a double would round")
                .hasValue(9007199254740993L);
        assertThat(JsonNumbers.whole(field("3.0"))).hasValue(3);
        assertThat(JsonNumbers.decimal(field("\"12.50\""))).hasValue(12.5);
        assertThat(JsonNumbers.whole(field("1e3"))).hasValue(1000);
        assertThat(JsonNumbers.of(field("\"2.5\""))).hasValue(new BigDecimal("2.5"));
    }

    @Test
    void anythingElseIsNoNumber() {
        assertThat(JsonNumbers.whole(field("\"three\""))).isEmpty();
        assertThat(JsonNumbers.whole(field("3.5"))).as("a fraction is no count").isEmpty();
        assertThat(JsonNumbers.whole(field("null"))).isEmpty();
        assertThat(JsonNumbers.whole(field("{\"n\": 3}"))).isEmpty();
        assertThat(JsonNumbers.whole(field("true"))).isEmpty();
        assertThat(JsonNumbers.whole(Json.parse("{}").orElseThrow().path("missing"))).isEmpty();
        assertThat(JsonNumbers.decimal(field("\"\""))).isEmpty();
    }
}
