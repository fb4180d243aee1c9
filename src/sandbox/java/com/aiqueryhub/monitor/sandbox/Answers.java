package com.aiqueryhub.monitor.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import static com.aiqueryhub.monitor.sandbox.SandboxJson.object;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

/** The sandbox's small helpers: an answer as the real interface gives it, its resources, random secrets. */
final class Answers {

    private Answers() {
    }

    /** A recorded answer, as the real interface gives it. */
    /**
     * The gateway's refusal of a call whose apikey is not one of the project's (contracts/ext/auth/apikey-invalid), as
     * it answers before Auth or PostgREST sees the call; empty when the key is the project's.
     */
    static java.util.Optional<com.github.tomakehurst.wiremock.http.ResponseDefinition> foreignKey(
            com.github.tomakehurst.wiremock.http.Request request, java.util.Set<String> apiKeys) {
        return apiKeys.contains(String.valueOf(request.getHeader("apikey"))) ? java.util.Optional.empty()
                : java.util.Optional.of(serve(Contract.load("ext/auth/apikey-invalid").withHeader("Access-Control-Allow-Origin", "*"))
                .build());
    }

    static ResponseDefinitionBuilder serve(Contract contract) {
        ResponseDefinitionBuilder response = aResponse().withStatus(contract.status()).withBody(contract.body());
        contract.headers().forEach(response::withHeader);
        return response;
    }

    /** A JSON answer, written from its object (SandboxJson: compact, as the real APIs answer). */
    static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(SandboxJson.text(body));
    }

    static ResponseDefinitionBuilder text(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/plain;charset=UTF-8").withBody(body);
    }

    static MappingBuilder authorized(MappingBuilder mapping, String token) {
        return mapping.atPriority(5).withHeader("Authorization", equalTo("Bearer " + token));
    }

    static int millis(Duration d) {
        return (int) d.toMillis();
    }

    static String resource(String name) {
        return new String(resourceBytes(name), StandardCharsets.UTF_8);
    }

    static byte[] resourceBytes(String name) {
        try (InputStream in = Answers.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("sandbox resource missing: " + name, e);
        }
    }

    /** {@code text} with {@code target} replaced; the sandbox's own files changing under a fault fails loudly. */
    static String replaceRequired(String text, String target, String replacement) {
        if (!text.contains(target)) {
            throw new IllegalStateException("sandbox resource changed: '" + target + "' not found to replace");
        }
        return text.replace(target, replacement);
    }

    static String randomHex(int digits) {
        byte[] bytes = new byte[(digits + 1) / 2];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, digits);
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "sbx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Shaped like Supabase's anon key (a JWT), so masking of JWTs is exercised too. */
    static String randomJwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(SandboxJson.text(object("alg", "HS256", "typ", "JWT")).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(SandboxJson.text(object("role", "anon", "iss", "supabase")).getBytes(StandardCharsets.UTF_8)) + "."
                + randomSecret().substring(4);
    }

    static Path createDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
