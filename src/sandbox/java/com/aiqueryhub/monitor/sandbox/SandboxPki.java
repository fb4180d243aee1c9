package com.aiqueryhub.monitor.sandbox;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away certificate authority made at start-up, and server certificates it signs, so the sandbox
 * serves real HTTPS (and HTTP/2) that the probes verify exactly as they verify production.
 */
public final class SandboxPki {

    public static final String KEYSTORE_PASSWORD = "sandbox";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    /**
     * The one key of every server certificate this CA signs: each certificate still has its own host, validity and
     * serial (what the checks judge); a key of its own would cost a key generation per sandbox and tell the checks nothing.
     */
    private final KeyPair serverKeys;
    private final X509Certificate ca;
    private final Path dir;
    /** Signed keystores by host and validity: a keystore is made once, however many sandboxes serve it. */
    private final java.util.Map<String, byte[]> signed = new java.util.concurrent.ConcurrentHashMap<>();

    private SandboxPki(Path dir) throws GeneralSecurityException, IOException {
        this.dir = dir;
        this.caKeys = ecKeys();
        this.serverKeys = ecKeys();
        X500Name name = new X500Name("CN=AI Query Hub Monitor Sandbox CA");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), name, caKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        this.ca = sign(builder, caKeys);
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.writeString(caPem(), pem);
    }

    /** The type of the keystores {@link #serverKeystore} writes, for the servers that read them. */
    public static final String KEYSTORE_TYPE = "JKS";

    public static SandboxPki create(Path dir) {
        try {
            return new SandboxPki(dir);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the sandbox certificates", e);
        }
    }

    /** PEM file of the CA: the sandbox's {@code tls.truststore}. */
    public Path caPem() {
        return dir.resolve("sandbox-ca.pem");
    }

    /**
     * A keystore with a server certificate for {@code host}, valid from {@code notBefore} to {@code notAfter}. JKS, not
     * PKCS12: a PKCS12 file is sealed and opened with 10,000 rounds of PBKDF2 each way, which was a twelfth of the
     * self-tests' CPU (two keystores per sandbox, a few hundred sandboxes a build); these throw-away keys need no such
     * protection.
     */
    public Path serverKeystore(String fileName, String host, Instant notBefore, Instant notAfter) {
        return serverKeystore(dir.resolve(fileName), host, notBefore, notAfter);
    }

    /**
     * The same, written to {@code file} (a sandbox keeps its keystores in its own folder). Validity is kept to the
     * minute, so the sandboxes started within one minute for the same host and lifetime (most of the self-tests' few
     * hundred) share one signed keystore: the checks judge days left, never seconds.
     */
    public Path serverKeystore(Path file, String host, Instant notBefore, Instant notAfter) {
        Instant from = notBefore.truncatedTo(ChronoUnit.MINUTES);
        Instant until = notAfter.truncatedTo(ChronoUnit.MINUTES);
        byte[] keystore = signed.computeIfAbsent(certificate(host, notBefore, notAfter), k -> keystore(host, from, until));
        try {
            Files.write(file, keystore);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a sandbox server certificate", e);
        }
    }

    /** What tells the certificates {@link #serverKeystore} makes apart: its host and validity, to the minute. */
    static String certificate(String host, Instant notBefore, Instant notAfter) {
        return host + " " + notBefore.truncatedTo(ChronoUnit.MINUTES) + " " + notAfter.truncatedTo(ChronoUnit.MINUTES);
    }

    private byte[] keystore(String host, Instant notBefore, Instant notAfter) {
        try {
            KeyPair keys = serverKeys;
            var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=AI Query Hub Monitor Sandbox CA"), serial(),
                    Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + host), keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName[]{new GeneralName(GeneralName.dNSName, host)}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate cert = sign(builder, caKeys);
            KeyStore store = KeyStore.getInstance(KEYSTORE_TYPE);
            store.load(null, null);
            store.setKeyEntry("server", keys.getPrivate(), KEYSTORE_PASSWORD.toCharArray(), new Certificate[]{cert, ca});
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            store.store(out, KEYSTORE_PASSWORD.toCharArray());
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a sandbox server certificate", e);
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        return gen.generateKeyPair();
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer) throws GeneralSecurityException {
        try {
            var signerBuilder = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signerBuilder));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }
}
