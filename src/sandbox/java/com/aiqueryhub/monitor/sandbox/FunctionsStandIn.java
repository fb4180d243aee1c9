package com.aiqueryhub.monitor.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

import java.time.Duration;
import java.util.Set;

import static com.aiqueryhub.monitor.sandbox.Answers.json;
import static com.aiqueryhub.monitor.sandbox.Answers.millis;
import static com.aiqueryhub.monitor.sandbox.Answers.serve;
import static com.aiqueryhub.monitor.sandbox.Answers.text;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.options;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.requestMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The project's gateway and edge functions (ai-query, telegram-webhook, slack-webhook), GoTrue's health and the
 * database host's metrics endpoint, on the project's HTTPS server. Each answer is a recorded one (contracts/app/... on
 * the classpath name the app's source lines they come from).
 */
final class FunctionsStandIn {

    private final Set<Fault> faults;
    private final WireMockServer project;
    /** The gateway's refusals as it words them today (sandbox.gateway-refusal serves one recorded variant for both). */
    private final Contract gatewayInvalidJwt;
    private final Contract gatewayMissingHeader;
    /** The gateway's refusal of a valid token signed with asymmetric keys while verify_jwt is on. */
    private final Contract gatewayAsymmetric = Contract.load("ext/gateway/unauthorized-asymmetric-jwt");

    FunctionsStandIn(Set<Fault> faults, WireMockServer project, java.util.Optional<String> gatewayRefusal) {
        this.faults = faults;
        this.project = project;
        gatewayInvalidJwt = Contract.load(gatewayRefusal.orElse("ext/gateway/unauthorized-invalid-jwt-format"));
        gatewayMissingHeader = Contract.load(gatewayRefusal.orElse("ext/gateway/unauthorized-no-auth-header"));
    }

    /** @param userToken matches a signed-in user's valid token (the project's GoTrue, {@link AuthStandIn}) */
    void stubAiQuery(String frontendOrigin, String anonKey, RequestMatcherExtension userToken, Duration delay) {
        String path = "/functions/v1/ai-query";
        String origin = frontendOrigin.replaceAll("/+$", "");
        project.stubFor(options(urlPathEqualTo(path)).atPriority(2).willReturn(serve(Contract.load("app/ai-query/cors-preflight-denied"))));
        if (faults.contains(Fault.CORS_WILDCARD)) {
            project.stubFor(options(urlPathEqualTo(path)).atPriority(1).willReturn(serve(Contract.load("ext/functions/cors-preflight-wildcard"))));
        } else if (!faults.contains(Fault.CORS_BROKEN)) {
            project.stubFor(options(urlPathEqualTo(path)).atPriority(1).withHeader("Origin", equalTo(origin))
                    .willReturn(serve(Contract.load("app/ai-query/cors-preflight-allowed").withHeader("Access-Control-Allow-Origin", origin))));
        }
        // the dedicated monitoring user asks a real question, from the app's chat (its origin allowed) or the API
        String allowed = faults.contains(Fault.CORS_WILDCARD) ? "*" : origin;
        Contract answer = (faults.contains(Fault.AI_FALLBACK) ? Contract.load("app/ai-query/fallback-apology")
                : Contract.load("app/ai-query/fallback-apology").withJson(body -> ((ObjectNode) body).put("response", "pong")))
                .withHeader("Access-Control-Allow-Origin", allowed);
        // verify_jwt on with JWT signing keys: the gateway refuses the user's valid ES256 token (the gateway's CORS headers
        // let the app read the refusal, as Kong's cors plugin answers every call)
        project.stubFor(post(urlPathEqualTo(path)).atPriority(2).andMatching(userToken).willReturn(serve(
                faults.contains(Fault.SIGNING_KEYS_VERIFY_JWT_ON) ? gatewayAsymmetric.withHeader("Access-Control-Allow-Origin", origin)
                        : answer)));
        boolean ownAuth = faults.contains(Fault.FUNCTIONS_OWN_AUTH);
        if (faults.contains(Fault.AUTH_OPEN)) {
            // gateway verification off: the function runs, finds no user and fails; a function that verifies tokens
            // itself and whose check is broken answers the call as if a user asked
            project.stubFor(any(urlPathEqualTo(path)).atPriority(3).willReturn(serve(ownAuth ? answer
                    : Contract.load("app/ai-query/user-not-authenticated"))));
            return;
        }
        // verify_jwt on: the gateway refuses; off (functions-own-auth): ai-query's own check refuses, in its own words
        Contract ownRefusal = Contract.load("app/ai-query/own-auth-unauthorized");
        Contract missing = ownAuth ? ownRefusal : gatewayMissingHeader;
        Contract invalid = ownAuth ? ownRefusal : gatewayInvalidJwt;
        project.stubFor(any(urlPathEqualTo(path)).atPriority(5).withHeader("Authorization", absent())
                .willReturn(serve(missing).withFixedDelay(millis(delay))));
        project.stubFor(any(urlPathEqualTo(path)).atPriority(4).withHeader("Authorization", matching(".*"))
                .willReturn(serve(invalid).withFixedDelay(millis(delay))));
        // a valid JWT passes the gateway; ai-query answers a GET with a bare 500
        project.stubFor(get(urlPathEqualTo(path)).atPriority(3).withHeader("Authorization", equalTo("Bearer " + anonKey))
                .willReturn(aResponse().withStatus(500)));
    }

    void stubTelegram(String secret, Duration delay) {
        String path = "/functions/v1/telegram-webhook";
        if (faults.contains(Fault.TELEGRAM_JWT_ON)) {
            // deployed without --no-verify-jwt: the gateway wants a JWT Telegram never sends
            project.stubFor(any(urlPathEqualTo(path)).willReturn(serve(gatewayMissingHeader)));
            return;
        }
        // bots-reworded: the same meanings in other words (ext/telegram/*: any 2xx delivers, 403 refuses)
        boolean reworded = faults.contains(Fault.BOTS_REWORDED);
        String accepted = reworded ? "ext/telegram/accepted-json" : "app/telegram-webhook/ok";
        project.stubFor(any(urlPathEqualTo(path)).atPriority(9).willReturn(serve(Contract.load("app/telegram-webhook/method-not-allowed"))));
        project.stubFor(post(urlPathEqualTo(path)).atPriority(5).willReturn(serve(Contract.load(faults.contains(Fault.TELEGRAM_SECRET_OFF)
                ? accepted : reworded ? "ext/telegram/refused-403" : "app/telegram-webhook/unauthorized"))));
        project.stubFor(post(urlPathEqualTo(path)).atPriority(4)
                .withHeader("X-Telegram-Bot-Api-Secret-Token", equalTo(secret))
                .willReturn(serve(Contract.load(accepted)).withFixedDelay(millis(delay))));
        // the runbook's own payload: a message without a chat makes the function throw
        project.stubFor(post(urlPathEqualTo(path)).atPriority(3)
                .withHeader("X-Telegram-Bot-Api-Secret-Token", equalTo(secret))
                .withRequestBody(containing("\"message\"")).withRequestBody(notContaining("\"chat\""))
                .willReturn(serve(Contract.load("app/telegram-webhook/internal-error"))));
    }

    void stubSlack(String signingSecret, Duration delay) {
        String path = "/functions/v1/slack-webhook";
        // bots-reworded: the challenge echoed as text, a refusal as 403 (ext/slack/*)
        boolean reworded = faults.contains(Fault.BOTS_REWORDED);
        Contract challenge = Contract.load(reworded ? "ext/slack/challenge-plain" : "app/slack-webhook/challenge")
                .with("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "{{jsonPath request.body '$.challenge'}}");
        project.stubFor(any(urlPathEqualTo(path)).atPriority(9).willReturn(serve(Contract.load("app/slack-webhook/method-not-allowed"))));
        project.stubFor(post(urlPathEqualTo(path)).atPriority(5).willReturn(serve(Contract.load(reworded
                ? "ext/slack/refused-403" : "app/slack-webhook/invalid-signature"))));
        if (faults.contains(Fault.SLACK_UNSIGNED_ACCEPTED)) {
            project.stubFor(post(urlPathEqualTo(path)).atPriority(4).withRequestBody(containing("url_verification"))
                    .willReturn(serve(challenge).withTransformers("response-template")));
        }
        project.stubFor(requestMatching(new SlackSignature(signingSecret, !faults.contains(Fault.SLACK_REPLAY_ACCEPTED))).atPriority(3)
                .willReturn(serve(challenge).withTransformers("response-template").withFixedDelay(millis(delay))));
    }

    /** GoTrue's health and the database host's Prometheus metrics (basic auth with the service role key). */
    void stubProjectServices(String serviceRoleKey) {
        project.stubFor(get(urlMatching("/auth/v1/health.*")).willReturn(serve(Contract.load("ext/auth/health"))));
        project.stubFor(get(urlPathEqualTo("/customer/v1/privileged/metrics")).atPriority(5)
                // a wrong key: only the status matters to the suite (the Metrics API documents no body)
                .willReturn(text(401, "Unauthorized")));
        project.stubFor(get(urlPathEqualTo("/customer/v1/privileged/metrics")).atPriority(1)
                .withBasicAuth("service_role", serviceRoleKey)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain; version=0.0.4")
                        .withTransformers(CpuCounters.NAME)));
    }
}
