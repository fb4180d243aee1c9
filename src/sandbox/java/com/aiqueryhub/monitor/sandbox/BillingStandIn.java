package com.aiqueryhub.monitor.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import static com.aiqueryhub.monitor.sandbox.Answers.json;
import static com.aiqueryhub.monitor.sandbox.Answers.serve;
import static com.aiqueryhub.monitor.sandbox.SandboxJson.array;
import static com.aiqueryhub.monitor.sandbox.SandboxJson.object;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** The AI providers' billing endpoints on the platform server: where AI Query Hub's spend in money really is. */
record BillingStandIn(Set<Fault> faults, WireMockServer platform) {

    /**
     * Healthy: about $12 today and $300 this month across providers. over-budget: $1,500 more on OpenRouter today.
     * Shapes: contracts/ext/openrouter/key.http, ext/anthropic/cost-report.http, ext/openai/costs.http.
     */
    void stub(String openRouterKey, String anthropicKey, String openAiKey) {
        boolean over = faults.contains(Fault.OVER_BUDGET);
        boolean grown = faults.contains(Fault.API_FIELDS_ADDED);
        Contract key = Contract.load("ext/openrouter/key").withJson(body -> {
            ObjectNode data = (ObjectNode) body.get("data");
            data.put("usage_daily", over ? 1503.6 : 3.6).put("usage_monthly", over ? 1590.0 : 90.0);
            if (grown) { // fields a later release added, right after usage_monthly
                SandboxJson.insertAfter(data, "usage_monthly", "usage_hourly", 0.4);
                SandboxJson.insertAfter(data, "usage_hourly", "credits_granted", object("total", 100));
            }
        });
        platform.stubFor(get(urlPathEqualTo("/openrouter/api/v1/key")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + openRouterKey)).willReturn(serve(key)));
        // wrong keys, in each provider's documented error shape (OpenRouter "Errors", Anthropic "Errors",
        // OpenAI "Error codes"): the suite reads only the 401
        platform.stubFor(get(urlPathMatching("/openrouter/.*")).atPriority(5)
                .willReturn(json(401, object("error", object("message", "No auth credentials found", "code", 401)))));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ArrayNode anthropicDays = array();
        ArrayNode openAiDays = array();
        for (LocalDate d = today.withDayOfMonth(1); !d.isAfter(today); d = d.plusDays(1)) {
            boolean isToday = d.equals(today);
            // Anthropic: cents as a decimal string (ext/anthropic/cost-report.http); OpenAI: dollars as a number
            // (ext/openai/costs.http)
            anthropicDays.add(object("starting_at", d + "T00:00:00Z", "ending_at", d.plusDays(1) + "T00:00:00Z",
                    "results", array(object("amount", isToday ? "600.00" : "700.00", "currency", "USD",
                            "cost_type", "tokens", "model", "claude-sonnet-4-5", "service_tier", "standard"))));
            long start = d.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            openAiDays.add(object("object", "bucket", "start_time", start, "end_time", start + 86_400,
                    "results", array(object("object", "organization.costs.result",
                            "amount", object("value", isToday ? 2.4 : 3.0, "currency", "usd"),
                            "line_item", null, "project_id", null))));
        }
        platform.stubFor(get(urlPathEqualTo("/anthropic/v1/organizations/cost_report")).atPriority(1)
                .withHeader("x-api-key", equalTo(anthropicKey)).withHeader("anthropic-version", matching(".+"))
                .withQueryParam("starting_at", matching("\\d{4}-\\d\\d-01T00:00:00Z"))
                .willReturn(json(200, object("data", anthropicDays, "has_more", false, "next_page", null))));
        platform.stubFor(get(urlPathMatching("/anthropic/.*")).atPriority(5).willReturn(json(401,
                object("type", "error", "error", object("type", "authentication_error", "message", "invalid x-api-key")))));
        platform.stubFor(get(urlPathEqualTo("/openai/v1/organization/costs")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + openAiKey)).withQueryParam("start_time", matching("\\d+"))
                .willReturn(json(200, object("object", "page", "data", openAiDays, "has_more", false, "next_page", null))));
        platform.stubFor(get(urlPathMatching("/openai/.*")).atPriority(5).willReturn(json(401,
                object("error", object("message", "Incorrect API key provided", "type", "invalid_request_error",
                        "code", "invalid_api_key")))));
    }
}
