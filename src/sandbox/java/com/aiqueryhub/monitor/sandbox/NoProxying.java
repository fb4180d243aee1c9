package com.aiqueryhub.monitor.sandbox;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.client.HttpClient;
import com.github.tomakehurst.wiremock.http.client.HttpClientFactory;

import java.io.IOException;
import java.util.List;

/**
 * The sandbox's servers answer every request themselves and forward none: WireMock builds two Apache clients per server
 * for proxying (a pool, TLS settings read from its jar), a quarter of making a server, and a self-test build makes
 * nearly a thousand servers.
 */
final class NoProxying implements HttpClientFactory {

    @Override
    public HttpClient buildHttpClient(Options options, boolean trustAllCertificates, List<String> trustedHosts,
                                      boolean useSystemProperties) {
        return NoProxying::refuse;
    }

    private static Response refuse(Request request) throws IOException {
        throw new IOException("the sandbox forwards no request (" + request.getUrl() + ")");
    }
}
