package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.probe.SlackSigning;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Slack's request signing, as slack-webhook verifies it: v0=hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body)), ts within 300 s. */
public final class SlackSignature extends RequestMatcherExtension {

    private final String signingSecret;
    private final boolean refusesReplays;

    /** @param refusesReplays false: a stale timestamp is accepted too (fault slack-replay-accepted) */
    public SlackSignature(String signingSecret, boolean refusesReplays) {
        this.signingSecret = signingSecret;
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
        if (refusesReplays && Math.abs(System.currentTimeMillis() / 1000 - timestamp) > 300) {
            return MatchResult.noMatch();
        }
        String expected = SlackSigning.sign(signingSecret, timestamp, request.getBodyAsString());
        return MatchResult.of(MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8)));
    }
}
