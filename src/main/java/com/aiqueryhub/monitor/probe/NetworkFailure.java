package com.aiqueryhub.monitor.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Why a call got no answer, classified once for every client the suite uses (REST Assured's Apache client, the JDK's
 * HTTP client, raw TLS sockets, the PostgreSQL driver, Chromium), so one network cause reads the same in every check:
 * a name that does not resolve is never "connection refused" in one check and "a blank page" in another.
 */
public record NetworkFailure(Cause cause, String words) {

    public enum Cause { NAME_NOT_RESOLVED, CONNECTION_REFUSED, UNREACHABLE, TIMEOUT, TLS, RESET, CLOSED, REDIRECT_LOOP, OTHER }

    /** "name not resolved: aiqueryhub.example": the words every check uses for this cause. */
    @Override
    public String toString() {
        return words;
    }

    /**
     * Classifies a client's exception. {@code host} names the host when the exception does not (the JDK client's
     * UnresolvedAddressException carries no message).
     */
    public static NetworkFailure of(Throwable error, String host, Duration connectTimeout, Duration readTimeout) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                String name = host != null && !host.isBlank() ? host : String.valueOf(t.getMessage()).replaceFirst(":.*", "");
                return new NetworkFailure(Cause.NAME_NOT_RESOLVED, "name not resolved: " + name);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof HttpConnectTimeoutException || t instanceof org.apache.http.conn.ConnectTimeoutException
                    || (t instanceof ConnectException && message.contains("timed out"))) {
                return new NetworkFailure(Cause.TIMEOUT, "connect timed out after " + human(connectTimeout));
            }
            if (t instanceof NoRouteToHostException
                    || (t instanceof SocketException && message.toLowerCase(Locale.ROOT).contains("network is unreachable"))) {
                return new NetworkFailure(Cause.UNREACHABLE, "no route to host " + host);
            }
            if (t instanceof ConnectException) {
                return new NetworkFailure(Cause.CONNECTION_REFUSED, "connection refused");
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                return new NetworkFailure(Cause.TIMEOUT, "timed out: no response within " + human(readTimeout));
            }
            if (t instanceof SSLException) {
                for (Throwable c = t; c != null; c = c.getCause()) {
                    if (c instanceof java.security.cert.CertificateExpiredException) {
                        return new NetworkFailure(Cause.TLS, "TLS handshake failed: the server's certificate has expired ("
                                + c.getMessage() + ")");
                    }
                    if (c instanceof java.security.cert.CertificateNotYetValidException) {
                        return new NetworkFailure(Cause.TLS, "TLS handshake failed: the server's certificate is not valid yet ("
                                + c.getMessage() + ")");
                    }
                }
                return new NetworkFailure(Cause.TLS, "TLS handshake failed: " + message);
            }
            if (t instanceof org.apache.http.client.RedirectException || t instanceof org.apache.http.client.CircularRedirectException
                    || message.contains("redirect")) {
                return new NetworkFailure(Cause.REDIRECT_LOOP, "redirect loop: " + message);
            }
            if (t instanceof org.apache.http.NoHttpResponseException) {
                return new NetworkFailure(Cause.CLOSED, "connection closed without an answer");
            }
            if (t instanceof SocketException && message.toLowerCase(Locale.ROOT).contains("reset")) {
                return new NetworkFailure(Cause.RESET, "connection reset");
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return new NetworkFailure(Cause.OTHER, (root instanceof IOException ? "I/O error " : "") + root.getClass().getSimpleName() + message);
    }

    /**
     * Chromium's navigation error (net::ERR_NAME_NOT_RESOLVED and kin, as its error page shows it) in the same words;
     * empty for a code that is not a network failure.
     */
    public static Optional<NetworkFailure> ofChromium(String netError, String host) {
        String code = netError.replaceFirst("^net::", "");
        if (code.equals("ERR_NAME_NOT_RESOLVED") || code.equals("ERR_NAME_RESOLUTION_FAILED")) {
            return Optional.of(new NetworkFailure(Cause.NAME_NOT_RESOLVED, "name not resolved: " + host));
        }
        if (code.equals("ERR_CONNECTION_REFUSED")) {
            return Optional.of(new NetworkFailure(Cause.CONNECTION_REFUSED, "connection refused"));
        }
        if (code.equals("ERR_CONNECTION_TIMED_OUT") || code.equals("ERR_TIMED_OUT")) {
            return Optional.of(new NetworkFailure(Cause.TIMEOUT, "timed out (" + code + ")"));
        }
        if (code.startsWith("ERR_CERT_") || code.startsWith("ERR_SSL_") || code.equals("ERR_BAD_SSL_CLIENT_AUTH_CERT")) {
            return Optional.of(new NetworkFailure(Cause.TLS, "TLS handshake failed: " + code));
        }
        if (code.equals("ERR_CONNECTION_RESET")) {
            return Optional.of(new NetworkFailure(Cause.RESET, "connection reset"));
        }
        if (code.equals("ERR_CONNECTION_CLOSED") || code.equals("ERR_EMPTY_RESPONSE")) {
            return Optional.of(new NetworkFailure(Cause.CLOSED, "connection closed without an answer"));
        }
        if (code.equals("ERR_ADDRESS_UNREACHABLE") || code.equals("ERR_INTERNET_DISCONNECTED")) {
            return Optional.of(new NetworkFailure(Cause.UNREACHABLE, "no route to host " + host));
        }
        if (code.equals("ERR_TOO_MANY_REDIRECTS")) {
            return Optional.of(new NetworkFailure(Cause.REDIRECT_LOOP, "redirect loop: " + code));
        }
        return code.startsWith("ERR_") ? Optional.of(new NetworkFailure(Cause.OTHER, code)) : Optional.empty();
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
