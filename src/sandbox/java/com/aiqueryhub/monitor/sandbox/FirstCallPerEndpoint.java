package com.aiqueryhub.monitor.sandbox;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches the first request to each endpoint (method, path and query) and no later one: a rate limit met once per
 * endpoint, as when another runner using the same token spent the minute's budget a moment ago.
 */
final class FirstCallPerEndpoint extends RequestMatcherExtension {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public String getName() {
        return "first-call-per-endpoint";
    }

    @Override
    public MatchResult match(Request request, Parameters parameters) {
        return MatchResult.of(seen.add(request.getMethod() + " " + request.getUrl()));
    }
}
