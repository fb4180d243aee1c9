package com.aiqueryhub.monitor.probe;

import org.apache.http.HttpVersion;
import org.apache.http.client.HttpClient;
import org.apache.http.conn.ClientConnectionManager;
import org.apache.http.conn.ClientConnectionRequest;
import org.apache.http.conn.ManagedClientConnection;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.conn.scheme.PlainSocketFactory;
import org.apache.http.conn.scheme.Scheme;
import org.apache.http.conn.scheme.SchemeRegistry;
import org.apache.http.conn.ssl.SSLSocketFactory;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;
import org.apache.http.impl.conn.PoolingClientConnectionManager;
import org.apache.http.params.HttpConnectionParams;
import org.apache.http.params.HttpParams;
import org.apache.http.params.HttpProtocolParams;
import org.apache.http.params.SyncBasicHttpParams;
import org.apache.http.protocol.HTTP;
import org.apache.http.util.VersionInfo;

import java.util.concurrent.TimeUnit;

/**
 * The Apache clients REST Assured sends {@link HttpProbe}'s calls with: one per call, as REST Assured wants it, with
 * Apache's silent retries off, and for a run that keeps its connections (http.resume-tls) drawing on the run's pool.
 */
final class ApacheClients {

    /**
     * Apache's own User-Agent ("Apache-HttpClient/4.5.13 (Java/17.0.15)"), worked out once. A client made without
     * params works it out itself, from a properties file it looks up on the class path: a search through every jar on
     * each call (1.3 % of the self-tests' Java CPU, 2026-12-07). The value sent is the same.
     */
    static final String USER_AGENT = VersionInfo.getUserAgent("Apache-HttpClient", "org.apache.http.client",
            DefaultHttpClient.class);

    private ApacheClients() {
    }

    /**
     * What DefaultHttpClient.setDefaultHttpParams sets, with the User-Agent above; fresh for each client, since REST
     * Assured sets the call's own params on the client it is given.
     */
    @SuppressWarnings("deprecation")
    static HttpParams defaultParams() {
        HttpParams params = new SyncBasicHttpParams();
        HttpProtocolParams.setVersion(params, HttpVersion.HTTP_1_1);
        HttpProtocolParams.setContentCharset(params, HTTP.DEF_CONTENT_CHARSET.name());
        HttpConnectionParams.setTcpNoDelay(params, true);
        HttpConnectionParams.setSocketBufferSize(params, 8192);
        HttpProtocolParams.setUserAgent(params, USER_AGENT);
        return params;
    }

    /**
     * REST Assured 5 drives Apache's legacy client (it configures an AbstractHttpClient through its params), whose
     * only construction is the deprecated DefaultHttpClient; its silent retries are switched off.
     */
    @SuppressWarnings("deprecation")
    static HttpClient withoutSilentRetries() {
        return withoutSilentRetries(new DefaultHttpClient(null, defaultParams()));
    }

    @SuppressWarnings("deprecation")
    private static DefaultHttpClient withoutSilentRetries(DefaultHttpClient client) {
        client.setHttpRequestRetryHandler(new DefaultHttpRequestRetryHandler(0, false));
        return client;
    }

    /** How long a kept connection may sit idle before it is left: well inside servers' own idle limits (Jetty's 30 s). */
    private static final long KEPT_IDLE_MILLIS = 5_000;

    /**
     * Connections that outlive a call, for the sandbox's self-tests (hundreds of runs, a TLS handshake costing both ends
     * a key exchange per call). Several checks call at once, so the pool is thread-safe and wide; a kept connection is
     * reused only while young, so a server closing it never races a call.
     */
    @SuppressWarnings("deprecation")
    static PoolingClientConnectionManager keptConnections(TlsTrust trust) {
        SchemeRegistry schemes = new SchemeRegistry();
        schemes.register(new Scheme("http", 80, PlainSocketFactory.getSocketFactory()));
        schemes.register(new Scheme("https", 443, sharedTls(trust)));
        PoolingClientConnectionManager pool = new PoolingClientConnectionManager(schemes, KEPT_IDLE_MILLIS, TimeUnit.MILLISECONDS);
        pool.setMaxTotal(64);
        pool.setDefaultMaxPerRoute(16);
        return pool;
    }

    /** A call's client on the kept connections; what it would shut down when done (REST Assured's habit) stays open. */
    @SuppressWarnings("deprecation")
    static HttpClient clientOn(ClientConnectionManager pool) {
        ClientConnectionManager kept = new ClientConnectionManager() {
            @Override
            public SchemeRegistry getSchemeRegistry() {
                return pool.getSchemeRegistry();
            }

            @Override
            public ClientConnectionRequest requestConnection(HttpRoute route, Object state) {
                return pool.requestConnection(route, state);
            }

            @Override
            public void releaseConnection(ManagedClientConnection conn, long validDuration, TimeUnit timeUnit) {
                pool.releaseConnection(conn, validDuration, timeUnit);
            }

            @Override
            public void closeIdleConnections(long idletime, TimeUnit tunit) {
                pool.closeIdleConnections(idletime, tunit);
            }

            @Override
            public void closeExpiredConnections() {
                pool.closeExpiredConnections();
            }

            @Override
            public void shutdown() {
                // the run's, not the call's: HttpProbe.close ends them
            }
        };
        DefaultHttpClient client = withoutSilentRetries(new DefaultHttpClient(kept, defaultParams()));
        client.setKeepAliveStrategy((response, context) -> KEPT_IDLE_MILLIS);
        return client;
    }

    /** One socket factory over the run's trust, host names verified strictly, as REST Assured's own would. */
    @SuppressWarnings("deprecation")
    static SSLSocketFactory sharedTls(TlsTrust trust) {
        return new SSLSocketFactory(trust.sslContext(), SSLSocketFactory.STRICT_HOSTNAME_VERIFIER);
    }
}
