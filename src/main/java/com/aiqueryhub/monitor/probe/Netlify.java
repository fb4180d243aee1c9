package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Netlify site as its API describes it (netlify/open-api swagger.yml: listSiteDeploys, getSite): the deploy it
 * publishes and the earlier ones a rollback can restore. Read only, with a personal access token (netlify.auth-token).
 */
public final class Netlify {

    private final Settings settings;
    private final HttpProbe http;
    private final SharedCalls shared;

    public Netlify(Settings settings, HttpProbe http, SharedCalls shared) {
        this.settings = settings;
        this.http = http;
        this.shared = shared;
    }

    /** The site's production deploys, newest first (one page: the rollback targets are the newest ones). */
    public HttpObservation productionDeploys() {
        return shared.once("netlify.deploys", () -> http.send(call("/deploys").queryParam("production", "true")
                .queryParam("per_page", "20")));
    }

    /** The site, with the deploy it publishes ({@code published_deploy}). */
    public HttpObservation site() {
        return shared.once("netlify.site", () -> http.send(call("")));
    }

    /** The deploys of an answer, as the API lists them. */
    public static List<JsonNode> deploys(HttpObservation answer) {
        List<JsonNode> out = new ArrayList<>();
        answer.json().filter(JsonNode::isArray).ifPresent(list -> list.forEach(out::add));
        return out;
    }

    /** The deploy the site publishes now, if the site answer names one. */
    public static Optional<JsonNode> published(HttpObservation site) {
        return site.jsonObject().map(s -> s.path("published_deploy")).filter(JsonNode::isObject);
    }

    private HttpCall call(String path) {
        String base = settings.get(Keys.NETLIFY_API_URL).toString().replaceAll("/+$", "");
        return HttpCall.get(base + "/api/v1/sites/" + settings.get(Keys.NETLIFY_SITE_ID) + path)
                .header("Authorization", "Bearer " + settings.get(Keys.NETLIFY_AUTH_TOKEN))
                .header("Accept", "application/json");
    }
}
