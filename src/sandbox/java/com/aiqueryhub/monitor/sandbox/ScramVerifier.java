package com.aiqueryhub.monitor.sandbox;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A SCRAM-SHA-256 verifier as PostgreSQL stores it in {@code pg_authid.rolpassword}
 * ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}; RFC 5802 section 3, PostgreSQL's
 * {@code scram_build_secret} in src/common/scram-common.c). {@code ALTER ROLE ... PASSWORD} accepts such a string as
 * it is, and the server then asks the client for exactly that many iterations.
 *
 * <p>Why the sandbox needs it: the client repeats PBKDF2 4,096 times (PostgreSQL's default) on every login, and the
 * self-tests open a few thousand connections; profiled, that was a quarter of the self-test JVM's CPU. The sandbox's
 * role keeps SCRAM, the method Supabase's poolers and databases ask for, with a cheap iteration count.
 */
final class ScramVerifier {

    /** Few enough to cost nothing, still a real PBKDF2 the client must compute from the password. */
    static final int SANDBOX_ITERATIONS = 2;

    private ScramVerifier() {
    }

    /** The verifier for an ASCII {@code password} (the sandbox's are; SASLprep leaves ASCII as it is). */
    static String of(String password, int iterations) {
        try {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                    + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a SCRAM verifier: " + e.getMessage(), e);
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    }
}
