package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.SettingsException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Enumeration;

/**
 * The certificates the probes trust: the JDK's public CAs plus, optionally, the extra CAs of
 * {@code tls.truststore} (PEM or PKCS12) for private staging CAs and the sandbox. Host names are always verified.
 */
public final class TlsTrust {

    private final KeyStore trustStore;
    private final SSLContext sslContext;

    private TlsTrust(KeyStore trustStore) {
        this.trustStore = trustStore;
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            this.sslContext = ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS context", e);
        }
    }

    /** @param extraCas path of a PEM or PKCS12 file, or null for the JDK's CAs alone */
    public static TlsTrust of(String extraCas) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            int i = 0;
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + i++, ca);
                    }
                }
            }
            if (extraCas != null) {
                int n = 0;
                for (Certificate cert : readCertificates(Path.of(extraCas))) {
                    store.setCertificateEntry("extra-" + n++, cert);
                }
                if (n == 0) {
                    throw new SettingsException("tls.truststore " + extraCas + " holds no certificate (set TLS_TRUSTSTORE to a PEM or PKCS12 file of CA certificates)");
                }
            }
            return new TlsTrust(store);
        } catch (GeneralSecurityException | IOException e) {
            throw new SettingsException("cannot read tls.truststore " + extraCas + ": " + e.getMessage()
                    + " (set TLS_TRUSTSTORE to a PEM or PKCS12 file of CA certificates)");
        }
    }

    /** The trusts kept for the sandbox's runs of this JVM, per CA file and its content. */
    private static final java.util.Map<String, TlsTrust> KEPT = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The trust of {@link #of}, one per CA file (its path and content) for the whole JVM: the TLS sessions of its context
     * are kept from one run to the next. For the sandbox's runs only: the self-tests' servers outlive a run (Servers), and
     * a run's first connections to a host, all opened at once, would each make a full handshake again (the client's
     * check of the server's signature and chain was a tenth of the self-tests' CPU). A deployment's runs keep sessions
     * within a run at most ({@code http.resume-tls}), never across runs.
     */
    public static TlsTrust keptForSandbox(String extraCas) {
        String key = extraCas == null ? "" : extraCas + " " + contentOf(extraCas);
        return KEPT.computeIfAbsent(key, k -> of(extraCas)); // an unreadable file fails here as in of: nothing kept
    }

    /** A digest of the file, or why it has none (then {@link #of} names the problem). */
    private static String contentOf(String file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(Path.of(file))));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return "unreadable";
        }
    }

    private static Collection<? extends Certificate> readCertificates(Path path) throws IOException, GeneralSecurityException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file");
        }
        byte[] bytes = Files.readAllBytes(path);
        String head = new String(bytes, 0, Math.min(bytes.length, 64), java.nio.charset.StandardCharsets.US_ASCII);
        if (head.contains("-----BEGIN")) {
            try (InputStream in = Files.newInputStream(path)) {
                return CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
        }
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            p12.load(in, new char[0]);
        }
        java.util.List<Certificate> certs = new java.util.ArrayList<>();
        for (Enumeration<String> aliases = p12.aliases(); aliases.hasMoreElements(); ) {
            Certificate c = p12.getCertificate(aliases.nextElement());
            if (c != null) {
                certs.add(c);
            }
        }
        return certs;
    }

    public KeyStore trustStore() {
        return trustStore;
    }

    public SSLContext sslContext() {
        return sslContext;
    }
}
