package com.aiqueryhub.monitor.probe;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The Supabase gateway refusing a call before the edge function runs. Recognised by what makes it one, not by
 * its bytes: HTTP 401 with a JSON object carrying a {@code message}. Its {@code code} has been the number 401 and,
 * since 2026, strings such as {@code UNAUTHORIZED_NO_AUTH_HEADER}; its message texts changed more than once
 * (system contract, "What changed in 2026"); the {@code sb-error-code} header it documents since then counts too. The
 * functions this suite probes never answer that way themselves: the webhooks refuse in plain text, ai-query fails with
 * {@code {"error": ...}}.
 */
public record GatewayRefusal(String code, String message) {

    public static Optional<GatewayRefusal> of(HttpObservation answer) {
        if (!answer.answered() || answer.status() != 401) {
            return Optional.empty();
        }
        // documented since 2026: the gateway names its refusal in a header too
        Optional<String> errorCode = answer.header("sb-error-code").filter(c -> c.startsWith("UNAUTHORIZED"));
        if (errorCode.isPresent() && answer.json().isEmpty()) {
            return Optional.of(new GatewayRefusal(errorCode.get(), answer.body().strip()));
        }
        return answer.jsonObject()
                .filter(body -> body.path("message").isTextual() && body.has("code") && !body.has("error"))
                .map(body -> new GatewayRefusal(body.get("code").asText(), body.get("message").asText()));
    }

    /** "gateway 401 (code UNAUTHORIZED_NO_AUTH_HEADER: 'Missing authorization header')". */
    public String describe() {
        return "gateway 401 (code " + code + ": '" + message + "')";
    }
}
