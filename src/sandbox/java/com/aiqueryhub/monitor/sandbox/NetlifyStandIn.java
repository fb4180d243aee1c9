package com.aiqueryhub.monitor.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import static com.aiqueryhub.monitor.sandbox.Answers.json;
import static com.aiqueryhub.monitor.sandbox.Answers.randomHex;
import static com.aiqueryhub.monitor.sandbox.Answers.serve;
import static com.aiqueryhub.monitor.sandbox.Sandbox.NETLIFY_SITE_ID;
import static com.aiqueryhub.monitor.sandbox.SandboxJson.object;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** The Netlify API (shapes: contracts/ext/netlify/*.http, from netlify/open-api swagger.yml) on the platform server. */
record NetlifyStandIn(Set<Fault> faults, WireMockServer platform) {

    /** Where the Netlify API stand-in lives on the platform server: {@code netlify.api-url} is this under its base. */
    static final String NETLIFY_PREFIX = "/netlify";
    /** Netlify's timestamps: UTC with milliseconds ("2026-10-01T09:42:37.904Z"). */
    private static final DateTimeFormatter NETLIFY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);


    /**
     * The site's production deploys and the site, under {@code /netlify/api/v1/sites/{site_id}} on the platform server,
     * for the personal access token netlify.auth-token; any other token or none: 401 in Netlify's error shape. The
     * published deploy was published four minutes ago with an id and commit new at each start (deploy-not-live: the
     * recorded, fixed ones); two earlier ready production deploys follow (none with deploy-no-rollback). Every URL a
     * check could follow stays on loopback or never resolves (.invalid): the published deploy's are the front end's.
     */
    void stub(String token, String frontendUrl) {
        String site = NETLIFY_PREFIX + "/api/v1/sites/" + NETLIFY_SITE_ID;
        platform.stubFor(any(urlPathMatching(NETLIFY_PREFIX + "/.*")).atPriority(9)
                .willReturn(serve(Contract.load("ext/netlify/unauthorized"))));
        // a path the stand-in does not know, with the right token: definitions.error, as for every answer but 200
        platform.stubFor(any(urlPathMatching(NETLIFY_PREFIX + "/.*")).atPriority(8)
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(404, object("code", 404, "message", "Not Found"))));
        Contract deploys = Contract.load("ext/netlify/deploys").withJson(body -> deploys((ArrayNode) body, frontendUrl));
        JsonNode published = SandboxJson.parse(deploys.body()).get(0);
        Contract siteAnswer = Contract.load("ext/netlify/site").withJson(body -> {
            ObjectNode s = (ObjectNode) body;
            s.put("id", NETLIFY_SITE_ID).put("site_id", NETLIFY_SITE_ID).put("url", frontendUrl).put("ssl_url", frontendUrl)
                    .put("deploy_url", frontendUrl).put("updated_at", published.get("published_at").asText());
            s.set("published_deploy", published);
        });
        // any query: production=true, per_page=20, page, state...
        platform.stubFor(get(urlPathEqualTo(site + "/deploys")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(serve(deploys)));
        platform.stubFor(get(urlPathEqualTo(site)).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(serve(siteAnswer)));
    }

    /** The recorded deploys made this sandbox's: its site, its front end, recent dates, a new published deploy. */
    private void deploys(ArrayNode list, String frontendUrl) {
        if (faults.contains(Fault.DEPLOY_NO_ROLLBACK)) {
            while (list.size() > 1) {
                list.remove(list.size() - 1);
            }
        }
        Instant now = Instant.now();
        // published 4 minutes ago (built in about a minute and a half), the earlier ones two and six days ago
        List<Duration> ages = List.of(Duration.ofMinutes(4), Duration.ofDays(2).plusHours(3), Duration.ofDays(6).plusHours(1));
        for (int i = 0; i < list.size(); i++) {
            ObjectNode deploy = (ObjectNode) list.get(i);
            Instant published = now.minus(i < ages.size() ? ages.get(i) : Duration.ofDays(7L * i));
            Instant created = published.minusSeconds(85);
            if (i == 0 && !faults.contains(Fault.DEPLOY_NOT_LIVE)) {
                String commit = randomHex(40);
                // Netlify's ids are 24 hex characters, the first 8 the creation time (a MongoDB ObjectId)
                deploy.put("id", String.format("%08x", created.getEpochSecond()) + randomHex(16))
                        .put("build_id", String.format("%08x", created.getEpochSecond() - 2) + randomHex(16))
                        .put("commit_ref", commit)
                        .put("commit_url", deploy.get("commit_url").asText().replaceFirst("[0-9a-f]{40}$", commit));
            }
            String id = deploy.get("id").asText();
            String permalink = i == 0 ? frontendUrl : "https://" + id + "--ai-query-hub.netlify.invalid";
            deploy.put("site_id", NETLIFY_SITE_ID).put("url", frontendUrl).put("ssl_url", frontendUrl)
                    .put("deploy_url", i == 0 ? permalink : permalink.replaceFirst("^https:", "http:")).put("deploy_ssl_url", permalink)
                    .put("created_at", NETLIFY_TIME.format(created)).put("updated_at", NETLIFY_TIME.format(published))
                    .put("published_at", NETLIFY_TIME.format(published));
        }
    }
}
