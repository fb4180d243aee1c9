package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.probe.Jwt;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox project's JWT keys and GoTrue's sessions. Like a real project's, they outlive any one run: one set per
 * JVM, so a token kept from an earlier run would still carry a valid signature and be refused only for what it is
 * (expired, or its session ended). The legacy JWT secret (HS256, never published), as a project whose ai-query keeps
 * the gateway's verify_jwt (the app's supabase/config.toml) signs today; and two EC P-256 signing keys, as Supabase
 * makes them by default: the one a project that moved to signing keys signs with, and a standby one (what a JWKS that
 * lost the key in use still publishes: fault jwks-key-missing).
 */
final class SandboxAuth {

    /** The sandbox's dedicated monitoring user (seed.sql writes its rows under this id). */
    static final String MONITORING_USER_ID = "7c1e5b2a-4f0d-4c8e-9a63-5d2b8e0f1a47";
    static final String MONITORING_USER_EMAIL = "synthetic-monitor@sandbox.aiqueryhub.test";

    /** Why a token is not a valid user's. */
    enum Refusal { MALFORMED, BAD_SIGNATURE, EXPIRED, SESSION_ENDED }

    /** A token as GoTrue reads it: the user and session it names, or why it is refused. */
    record Reading(String userId, String email, String sessionId, Refusal refusal) {
        boolean valid() {
            return refusal == null;
        }
    }

    private static final byte[] LEGACY_SECRET = Answers.randomSecret().getBytes(StandardCharsets.UTF_8);
    private static final KeyPair IN_USE = generate();
    private static final KeyPair STANDBY = generate();
    private static final String IN_USE_KID = UUID.randomUUID().toString();
    private static final String STANDBY_KID = UUID.randomUUID().toString();
    /** Open sessions by id; an ended one is removed, as GoTrue deletes it. */
    private static final Map<String, String> SESSIONS = new ConcurrentHashMap<>();

    private SandboxAuth() {
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 on this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * A new session's access token, its claims as GoTrue writes them (internal/tokens/service.go AccessTokenClaims: iss,
     * sub, aud, exp, iat, email, phone, app_metadata, user_metadata, role, aal, amr, session_id, is_anonymous), signed
     * ES256 with the signing key in use ({@code asymmetric}) or HS256 with the legacy secret (no kid: nothing published).
     */
    static String issue(String issuer, String userId, String email, Instant now, Duration lifetime, boolean asymmetric) {
        String sessionId = UUID.randomUUID().toString();
        SESSIONS.put(sessionId, userId);
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode header = asymmetric ? f.objectNode().put("alg", "ES256").put("kid", IN_USE_KID).put("typ", "JWT")
                : f.objectNode().put("alg", "HS256").put("typ", "JWT");
        ObjectNode claims = f.objectNode().put("iss", issuer).put("sub", userId).put("aud", "authenticated")
                .put("exp", now.plus(lifetime).getEpochSecond()).put("iat", now.getEpochSecond()).put("email", email).put("phone", "");
        claims.putObject("app_metadata").put("provider", "email").putArray("providers").add("email");
        claims.putObject("user_metadata").put("email_verified", true);
        claims.put("role", "authenticated").put("aal", "aal1");
        claims.putArray("amr").addObject().put("method", "password").put("timestamp", now.getEpochSecond());
        claims.put("session_id", sessionId).put("is_anonymous", false);
        String input = encode(SandboxJson.text(header)) + "." + encode(SandboxJson.text(claims));
        try {
            byte[] signature;
            if (asymmetric) {
                Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
                signer.initSign(IN_USE.getPrivate());
                signer.update(input.getBytes(StandardCharsets.US_ASCII));
                signature = signer.sign();
            } else {
                signature = hmac(input);
            }
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String input) throws GeneralSecurityException {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(LEGACY_SECRET, "HmacSHA256"));
        return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the project signed this token: with the legacy secret (HS256) or the signing key in use (ES256). */
    private static boolean signedByProject(Jwt jwt) {
        if ("HS256".equals(jwt.algorithm())) {
            try {
                return java.security.MessageDigest.isEqual(hmac(jwt.signingInput()), jwt.signature());
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
        return jwt.verifiedBy(jwk(IN_USE, IN_USE_KID));
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a bearer token at {@code now}: signed by the key in use, not expired, its session still open. */
    static Reading read(String token, Instant now) {
        Optional<Jwt> jwt = Jwt.parse(token);
        if (jwt.isEmpty()) {
            return new Reading(null, null, null, Refusal.MALFORMED);
        }
        if (!signedByProject(jwt.get())) {
            return new Reading(null, null, null, Refusal.BAD_SIGNATURE);
        }
        String user = jwt.get().claims().path("sub").asText();
        String email = jwt.get().claims().path("email").asText();
        String session = jwt.get().claims().path("session_id").asText();
        if (jwt.get().expiresAt().map(now::isAfter).orElse(true)) {
            return new Reading(user, email, session, Refusal.EXPIRED);
        }
        return new Reading(user, email, session, SESSIONS.containsKey(session) ? null : Refusal.SESSION_ENDED);
    }

    /** Ends a session (GoTrue's logout with scope local). */
    static void end(String sessionId) {
        SESSIONS.remove(sessionId);
    }

    /** The JWKS's one key: the key in use, or only the standby one when the JWKS lost it (fault jwks-key-missing). */
    static ObjectNode publishedKey(boolean inUseMissing) {
        return inUseMissing ? jwk(STANDBY, STANDBY_KID) : jwk(IN_USE, IN_USE_KID);
    }

    private static ObjectNode jwk(KeyPair pair, String kid) {
        ECPublicKey key = (ECPublicKey) pair.getPublic();
        ObjectNode jwk = JsonNodeFactory.instance.objectNode().put("alg", "ES256").put("crv", "P-256").put("ext", true);
        jwk.putArray("key_ops").add("verify");
        return jwk.put("kid", kid).put("kty", "EC").put("use", "sig")
                .put("x", coordinate(key.getW().getAffineX())).put("y", coordinate(key.getW().getAffineY()));
    }

    /** A P-256 coordinate as JWK writes it: 32 bytes, big-endian, base64url (RFC 7518 6.2.1.2). */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int from = Math.max(0, bytes.length - 32);
        System.arraycopy(bytes, from, fixed, 32 - (bytes.length - from), bytes.length - from);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
