package com.aiqueryhub.monitor.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server the self-tests' sandboxes hand on (sandbox.keep-servers) answers as the next sandbox's own: the same port,
 * none of the last sandbox's stubs or scenarios, its stand-ins switched to the new sandbox's.
 */
class ServersTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A stand-in that says whose it is. */
    private static ResponseTransformerV2 whose(String sandbox) {
        return new ResponseTransformerV2() {
            @Override
            public Response transform(Response response, ServeEvent event) {
                return Response.Builder.like(response).but().headers(response.getHeaders().plus(new HttpHeader("X-Sandbox", sandbox))).build();
            }

            @Override
            public String getName() {
                return "whose";
            }
        };
    }

    private static HttpResponse<String> ask(WireMockServer server, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aServerHandedOnAnswersAsTheNextSandboxsOwn() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("sandbox.keep-servers"), "the servers are kept in the self-tests' JVM only");
        String kind = "test " + UUID.randomUUID(); // no other sandbox takes a server of this kind
        WireMockServer first = Servers.take(kind, () -> WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort(),
                new Servers.Switch.Responses("whose", whose("first")));
        first.stubFor(get(urlPathEqualTo("/only-the-first")).willReturn(aResponse().withStatus(200).withTransformers("whose")));
        assertThat(ask(first, "/only-the-first").headers().firstValue("X-Sandbox")).hasValue("first");
        int port = first.port();
        Servers.giveBack(first);

        WireMockServer second = Servers.take(kind, () -> {
            throw new AssertionError("a kept server of this kind was waiting");
        }, new Servers.Switch.Responses("whose", whose("second")));
        try {
            assertThat(second.port()).isEqualTo(port);
            assertThat(second.getStubMappings()).as("the first sandbox's stubs are gone").isEmpty();
            second.stubFor(get(urlPathEqualTo("/mine")).willReturn(aResponse().withStatus(200).withTransformers("whose")));
            assertThat(ask(second, "/mine").headers().firstValue("X-Sandbox")).as("its stand-in is the second's").hasValue("second");
        } finally {
            Servers.giveBack(second);
        }
    }
}
