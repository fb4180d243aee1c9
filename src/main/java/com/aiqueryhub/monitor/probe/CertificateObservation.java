package com.aiqueryhub.monitor.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What a TLS handshake showed: whether the chain and host name verified, and the leaf certificate's subject, issuer
 * and validity (read even when verification failed, so the report can say what was served).
 */
public record CertificateObservation(String endpoint, String verificationError, String subject, String altNames,
                                     String issuer, Instant notBefore, Instant notAfter, String noAnswer) {

    public static CertificateObservation noAnswer(String endpoint, String reason) {
        return new CertificateObservation(endpoint, null, null, null, null, null, null, reason);
    }

    public static CertificateObservation unverifiable(String endpoint, String verificationError) {
        return new CertificateObservation(endpoint, verificationError, null, null, null, null, null, null);
    }

    public boolean answered() {
        return noAnswer == null;
    }

    public boolean verified() {
        return answered() && verificationError == null;
    }

    /** Time left before the certificate expires (zero or negative once it has). */
    public Duration left(Instant now) {
        return notAfter == null ? Duration.ZERO : Duration.between(now, notAfter);
    }

    /** The whole validity the CA issued it for: 6 days, 45, 90, 200... */
    public Duration lifetime() {
        return notBefore == null || notAfter == null ? Duration.ZERO : Duration.between(notBefore, notAfter);
    }

    public long daysLeft() {
        return left(Instant.now()).toDays();
    }

    /** "4.0 days" for a short-lived certificate, whole days beyond a week. */
    public static String days(Duration d) {
        double days = d.toMinutes() / 1440.0;
        return days < 7 ? String.format(Locale.ROOT, "%.1f days", days) : Math.round(Math.floor(days)) + " days";
    }

    public String evidence() {
        return "TLS " + endpoint + "\n--- " + (answered()
                ? "subject: " + subject + "\nsubject alternative names: " + altNames + "\nissuer: " + issuer
                + "\nnot before: " + notBefore + "\nnot after: " + notAfter + " (" + days(left(Instant.now())) + " left of a "
                + days(lifetime()) + " lifetime)\nverification: " + (verificationError == null ? "chain and host name OK"
                : verificationError)
                : "no answer: " + noAnswer) + "\n";
    }
}
