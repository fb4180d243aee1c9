package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A JSON Web Token as GoTrue issues it (RFC 7519): its header names the algorithm and, for the asymmetric JWT signing
 * keys Supabase introduced in 2025, the key id ({@code kid}) published in the project's JWKS. Read, never trusted: the
 * monitor only judges whether the published keys verify what the project issues.
 */
public record Jwt(JsonNode header, JsonNode claims, String signingInput, byte[] signature) {

    /** The parts of a compact JWT, or empty when {@code token} is not one. */
    public static Optional<Jwt> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Optional<JsonNode> header = Json.parse(decode(parts[0])).filter(JsonNode::isObject);
            Optional<JsonNode> claims = Json.parse(decode(parts[1])).filter(JsonNode::isObject);
            if (header.isEmpty() || claims.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Jwt(header.get(), claims.get(), parts[0] + "." + parts[1],
                    Base64.getUrlDecoder().decode(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    public String algorithm() {
        return header.path("alg").asText("");
    }

    public Optional<String> keyId() {
        return Optional.of(header.path("kid").asText("")).filter(k -> !k.isEmpty());
    }

    /** Signed with a key pair whose public half the project publishes (ES256, RS256, ...), not the shared legacy secret. */
    public boolean asymmetric() {
        return algorithm().startsWith("ES") || algorithm().startsWith("RS") || algorithm().startsWith("PS")
                || algorithm().equals("EdDSA");
    }

    public Optional<Instant> expiresAt() {
        return claims.path("exp").canConvertToLong() ? Optional.of(Instant.ofEpochSecond(claims.path("exp").asLong())) : Optional.empty();
    }

    /** Whether {@code jwk} (one key of a JWKS) verifies this token's signature; false for a key of another kind. */
    public boolean verifiedBy(JsonNode jwk) {
        try {
            Optional<PublicKey> key = publicKey(jwk);
            String algorithm = switch (algorithm()) {
                case "ES256" -> "SHA256withECDSAinP1363Format";
                case "RS256" -> "SHA256withRSA";
                default -> null;
            };
            if (key.isEmpty() || algorithm == null) {
                return false;
            }
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key.get());
            verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The public key a JWK describes (RFC 7518: EC P-256 by x and y, RSA by n and e). */
    static Optional<PublicKey> publicKey(JsonNode jwk) throws GeneralSecurityException {
        switch (jwk.path("kty").asText("")) {
            case "EC" -> {
                if (!"P-256".equals(jwk.path("crv").asText())) {
                    return Optional.empty();
                }
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec("secp256r1"));
                ECPoint point = new ECPoint(unsigned(jwk.path("x").asText()), unsigned(jwk.path("y").asText()));
                return Optional.of(KeyFactory.getInstance("EC").generatePublic(
                        new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class))));
            }
            case "RSA" -> {
                return Optional.of(KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(unsigned(jwk.path("n").asText()), unsigned(jwk.path("e").asText()))));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }
}
