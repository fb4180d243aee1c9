package com.aiqueryhub.monitor.probe;

import java.util.List;
import java.util.Optional;

/**
 * What ai-query answered a signed-in user: its JSON {@code response} text, and whether that text is one of the fixed
 * apologies the function writes when no AI provider produced an answer (a 200 that is an outage). The apologies are the
 * app's own words (supabase/functions/ai-query/index.ts@4abbf11, lines 791, 1218, 2182, 2187 and 2361), matched by their
 * opening so a reworded ending still counts.
 */
public record AiQueryAnswer(HttpObservation observation, String text) {

    static final List<String> FIXED_APOLOGIES = List.of(
            "I'm sorry, I couldn't generate a response to your question.",
            "I'm having trouble generating a response right now.",
            "I apologize, but I'm having difficulty formulating a response.",
            "I processed your request but couldn't generate a text response.",
            "Sorry, I encountered an error processing your query.");

    /** The answer's text, or null when the body carries no {@code response}. */
    public static AiQueryAnswer of(HttpObservation answer) {
        String text = answer.json().map(j -> j.get("response")).filter(r -> r != null && !r.isNull())
                .map(r -> r.isValueNode() ? r.asText() : r.toString()).filter(t -> !t.isBlank()).orElse(null);
        return new AiQueryAnswer(answer, text);
    }

    /** The fixed apology this answer is, if it is one. */
    public Optional<String> apology() {
        return text == null ? Optional.empty() : FIXED_APOLOGIES.stream().filter(a -> text.strip().startsWith(a)).findFirst();
    }

    /** A provider's answer: a 200 with a text that is no fixed apology. */
    public boolean answered() {
        return observation.status() == 200 && text != null && apology().isEmpty();
    }

    /**
     * What a person on call reads: the status, and the text or the apology or the refusal; a gateway refusal of a token
     * signed with the project's asymmetric keys is named as the 2026 breakage it is (verify_jwt with JWT signing keys).
     */
    public String describe(Optional<Jwt> token) {
        if (!observation.answered() || observation.status() != 200) {
            return GatewayRefusal.of(observation).map(r -> r.describe() + ": the gateway refused the signed-in user's "
                    + token.filter(Jwt::asymmetric).map(t -> "valid " + t.algorithm() + " token: verify_jwt is on for ai-query while "
                    + "the project signs with JWT signing keys").orElse("token"))
                    .orElse(observation.summary());
        }
        if (text == null) {
            return "HTTP 200 without a 'response' text: " + observation.summary();
        }
        return apology().map(a -> "ai-query's fallback apology (every provider failed): '" + a + "'")
                .orElse("HTTP 200, an answer of " + text.length() + " characters");
    }
}
