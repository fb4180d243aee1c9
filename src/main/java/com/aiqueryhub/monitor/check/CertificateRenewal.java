package com.aiqueryhub.monitor.check;

import java.time.Duration;

/**
 * When a certificate ought to have been renewed, judged by its own lifetime rather than a fixed number of days:
 * lifetimes are shrinking (Let's Encrypt's 6-day "shortlived" and 45-day "tlsserver" profiles; CA/Browser Forum
 * ballot SC-081 caps public certificates at 200 days from March 2026, 100 from March 2027, 47 from March 2029), and a
 * fixed "14 days left" would fail a healthy six-day certificate every day of its life.
 * <p>
 * Renewal is due once a third of the lifetime is left, half for lifetimes under 10 days (Certbot 4's default, the same
 * point ACME renewal information suggests). Past that point the certificate is degraded: renewal is late. It fails
 * once less than a third of its lifetime, or {@code threshold.cert-days}, whichever is smaller, is left: renewal has
 * stopped. {@code threshold.cert-days-degraded} caps the renewal point for long-lived certificates (a 397-day one is
 * not "late" at 130 days left).
 */
public record CertificateRenewal(Duration lifetime, Duration renewalDue, Duration failBelow) {

    private static final Duration SHORT_LIVED = Duration.ofDays(10);

    public static CertificateRenewal of(Duration lifetime, Duration certDays, Duration certDaysDegraded) {
        Duration third = lifetime.dividedBy(3);
        Duration renewal = lifetime.compareTo(SHORT_LIVED) < 0 ? lifetime.dividedBy(2) : third;
        Duration fail = third.compareTo(certDays) < 0 ? third : certDays;
        Duration due = renewal.compareTo(certDaysDegraded) < 0 ? renewal : certDaysDegraded;
        return new CertificateRenewal(lifetime, due.compareTo(fail) < 0 ? fail : due, fail);
    }
}
