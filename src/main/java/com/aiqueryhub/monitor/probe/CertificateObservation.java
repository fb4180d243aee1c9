package com.aiqueryhub.monitor.probe;

import java.time.Duration;
import java.time.Instant;

/**
 * What a TLS handshake showed: whether the chain and host name verified, and the leaf certificate's
 * subject and expiry (read even when verification failed, so the report can say what was served).
 */
public record CertificateObservation(String endpoint, String verificationError, String subject, String altNames,
                                     Instant notAfter, String noAnswer) {

    public boolean answered() {
        return noAnswer == null;
    }

    public boolean verified() {
        return answered() && verificationError == null;
    }

    public long daysLeft() {
        return notAfter == null ? 0 : Duration.between(Instant.now(), notAfter).toDays();
    }

    public String evidence() {
        return "TLS " + endpoint + "\n--- " + (answered()
                ? "subject: " + subject + "\nsubject alternative names: " + altNames + "\nnot after: " + notAfter
                + " (" + daysLeft() + " days left)\nverification: " + (verificationError == null ? "chain and host name OK" : verificationError)
                : "no answer: " + noAnswer) + "\n";
    }
}
