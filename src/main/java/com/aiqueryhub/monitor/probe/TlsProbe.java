package com.aiqueryhub.monitor.probe;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Opens a TLS connection the way a browser would (the probes' trust store, host name verification)
 * and reports the certificate. Sends no HTTP request.
 */
public final class TlsProbe {

    private final TlsTrust trust;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public TlsProbe(TlsTrust trust, Duration connectTimeout, Duration readTimeout) {
        this.trust = trust;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    public CertificateObservation inspect(URI url) {
        String host = url.getHost();
        int port = url.getPort() == -1 ? 443 : url.getPort();
        String endpoint = host + ":" + port;
        try {
            X509Certificate leaf = handshake(trust.sslContext(), host, port, true);
            return observation(endpoint, null, leaf);
        } catch (SocketTimeoutException e) {
            return CertificateObservation.noAnswer(endpoint, NetworkFailure.of(e, host, connectTimeout, readTimeout).words());
        } catch (SSLException e) {
            // verification failed: look again without verifying, to show what the server presents
            try {
                return observation(endpoint, e.getMessage(), handshake(trustAll(), host, port, false));
            } catch (IOException | GeneralSecurityException again) {
                return CertificateObservation.unverifiable(endpoint, e.getMessage());
            }
        } catch (IOException | GeneralSecurityException e) {
            return CertificateObservation.noAnswer(endpoint, NetworkFailure.of(e, host, connectTimeout, readTimeout).words());
        }
    }

    private X509Certificate handshake(SSLContext context, String host, int port, boolean verifyHost)
            throws IOException, GeneralSecurityException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            SSLParameters params = socket.getSSLParameters();
            if (verifyHost) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!host.matches("[0-9.]+")) {
                params.setServerNames(List.of(new SNIHostName(host)));
            }
            socket.setSSLParameters(params);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static CertificateObservation observation(String endpoint, String error, X509Certificate leaf)
            throws GeneralSecurityException {
        String altNames = leaf.getSubjectAlternativeNames() == null ? "(none)"
                : leaf.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList().toString();
        return new CertificateObservation(endpoint, error, leaf.getSubjectX500Principal().getName(), altNames,
                leaf.getIssuerX500Principal().getName(), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), null);
    }

    private static SSLContext trustAll() throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[]{new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // only used to read what a server that failed verification presents; never for a request
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return ctx;
    }
}
