package com.aiqueryhub.monitor.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.List;

import static com.aiqueryhub.monitor.sandbox.SandboxJson.object;

/**
 * The Management API's service health (GET /v1/projects/{ref}/health?services=a&services=b), one entry per service
 * asked for, in the order asked. Shape: contracts/ext/management-api/health.http (OpenAPI v1-get-services-health:
 * name, healthy (deprecated but required), status COMING_UP|ACTIVE_HEALTHY|UNHEALTHY, optional error and info).
 */
final class ServiceHealth implements ResponseTransformerV2 {

    static final String NAME = "sandbox-service-health";
    private final boolean realtimeUnhealthy;
    private final boolean grown;

    /**
     * @param realtimeUnhealthy fault service-unhealthy: realtime reports UNHEALTHY with an error
     * @param grown             fault api-fields-added: each healthy entry carries info and response_time_ms too
     */
    ServiceHealth(boolean realtimeUnhealthy, boolean grown) {
        this.realtimeUnhealthy = realtimeUnhealthy;
        this.grown = grown;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        QueryParameter asked = serveEvent.getRequest().queryParameter("services");
        List<String> services = asked.isPresent() ? asked.values() : List.of();
        ArrayNode answer = SandboxJson.array();
        for (String service : services) {
            if (realtimeUnhealthy && service.equals("realtime")) {
                answer.add(object("name", "realtime", "healthy", false, "status", "UNHEALTHY",
                        "error", "connection to the replication slot timed out"));
            } else if (grown && !realtimeUnhealthy) {
                answer.add(object("name", service, "healthy", true, "status", "ACTIVE_HEALTHY",
                        "info", object("name", service, "version", "v2.189.0", "description", "ok"), "response_time_ms", 12));
            } else {
                answer.add(object("name", service, "healthy", true, "status", "ACTIVE_HEALTHY"));
            }
        }
        return Response.Builder.like(response).but().body(SandboxJson.text(answer)).build();
    }
}
