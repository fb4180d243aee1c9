package com.aiqueryhub.monitor.sandbox;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Slack's request signing, as slack-webhook verifies it (supabase/functions/slack-webhook/index.ts, verifySlackSignature;
 * Slack's "Verifying requests from Slack"): {@code v0=} + hex(HMAC-SHA256(signing secret, "v0:" + timestamp + ":" +
 * body)), compared in constant time, the timestamp within five minutes of now. Written here on its own, not borrowed
 * from the suite's signer: the sandbox stands for the function, so a signing bug in the probe fails against it.
 */
public final class SlackSignature extends RequestMatcherExtension {

    /** Slack's replay window: a request whose timestamp is further from now than this is refused. */
    static final long REPLAY_WINDOW_SECONDS = 300;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] signingSecret;
    private final boolean refusesReplays;

    /** @param refusesReplays false: a stale timestamp is accepted too (fault slack-replay-accepted) */
    public SlackSignature(String signingSecret, boolean refusesReplays) {
        this.signingSecret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.refusesReplays = refusesReplays;
    }

    @Override
    public String getName() {
        return "slack-signature";
    }

    @Override
    public MatchResult match(Request request, Parameters parameters) {
        String ts = request.getHeader("X-Slack-Request-Timestamp");
        String signature = request.getHeader("X-Slack-Signature");
        if (ts == null || signature == null || !ts.matches("\\d{1,12}")) {
            return MatchResult.noMatch();
        }
        long timestamp = Long.parseLong(ts);
        if (refusesReplays && Math.abs(System.currentTimeMillis() / 1000 - timestamp) > REPLAY_WINDOW_SECONDS) {
            return MatchResult.noMatch();
        }
        return MatchResult.of(verifies(Long.toString(timestamp), request.getBodyAsString(), signature));
    }

    /** Whether {@code signature} is this secret's signature of the timestamp and body. */
    boolean verifies(String timestamp, String body, String signature) {
        byte[] expected = ("v0=" + hex(hmacSha256(signingSecret, "v0:" + timestamp + ":" + body))).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmacSha256(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
