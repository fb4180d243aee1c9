package com.aiqueryhub.monitor.checks.monthly;

import com.aiqueryhub.monitor.check.CertificateRenewal;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Manual;
import com.aiqueryhub.monitor.check.Monthly;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.CertificateObservation;
import com.aiqueryhub.monitor.probe.Certificates;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.run.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Monthly
@RunbookStep(id = "security-review", title = "Security Review", section = "Monthly Operations",
        anchor = "monthly-operations-2-hours", severity = Severity.HIGH, components = {"ssl", "tls", "certificate", "custom domain"},
        differsFromRunbook = "The runbook checks SSL expiry dates by hand. The checks open a TLS connection to each host "
                + "as a browser would (trusted chain, matching host name) and count the days left; key rotation is judged "
                + "from secrets.rotated-on when the team records it. User access patterns stay a manual review.")
class SecurityReviewCheck {

    @Check(id = "frontend-certificate", dependsOn = "netlify", name = "Front end certificate is valid and not about to expire",
            remedy = "Netlify renews Let's Encrypt certificates itself: if renewal stalled, check the domain's DNS still "
                    + "points at Netlify and use 'Renew certificate' under Domain management > HTTPS.",
            needs = {"frontend.url"})
    void frontendCertificate(Certificates certificates, Settings settings, CheckContext check) {
        judge(check, settings, certificates.of(Keys.FRONTEND_URL));
    }

    @Check(id = "supabase-certificate", name = "Supabase host certificate is valid and not about to expire",
            remedy = "Supabase manages this certificate: open a ticket with support@supabase.com; if a custom domain is "
                    + "in use, check its DNS and the custom-domain status in the dashboard.",
            needs = {"supabase.url"})
    void supabaseCertificate(Certificates certificates, Settings settings, CheckContext check) {
        judge(check, settings, certificates.of(Keys.SUPABASE_URL));
    }

    @Check(id = "key-rotation", name = "API keys were rotated within the rotation period", severity = Severity.LOW,
            remedy = "Rotate the Supabase access token, the bot tokens and the webhook secrets, update the CI secret store, "
                    + "and set secrets.rotated-on to today.",
            needs = {"secrets.rotated-on"})
    void keysRotated(Settings settings, CheckContext check) {
        assumeTrue(settings.find(Keys.SECRETS_ROTATED_ON).isPresent(),
                "secrets.rotated-on is not set (SECRETS_ROTATED_ON): the date of the last key rotation is unknown");
        LocalDate rotated = settings.get(Keys.SECRETS_ROTATED_ON);
        long age = ChronoUnit.DAYS.between(rotated, LocalDate.now(ZoneOffset.UTC));
        long limit = settings.get(Keys.THRESHOLD_KEY_AGE).toDays();
        check.figure("key-age-days", age, "days");
        check.expect(age <= limit, "keys rotated within " + limit + " days", "last rotated " + rotated + ", " + age
                + " days ago", "setting secrets.rotated-on");
    }

    private static void judge(CheckContext check, Settings settings, CertificateObservation cert) {
        check.attach("certificate " + cert.endpoint(), cert.evidence());
        check.expect(cert.answered(), "a TLS handshake", "no answer (" + cert.noAnswer() + ")", "TLS " + cert.endpoint());
        check.expect(cert.verified(), "a trusted chain for the host name", cert.verificationError() + " (certificate for "
                + cert.altNames() + ", " + cert.subject() + ")", "TLS " + cert.endpoint());
        Duration left = cert.left(Instant.now());
        CertificateRenewal renewal = CertificateRenewal.of(cert.lifetime(),
                Duration.ofDays(settings.get(Keys.THRESHOLD_CERT_DAYS)),
                Duration.ofDays(settings.get(Keys.THRESHOLD_CERT_DAYS_DEGRADED)));
        check.figure("days-left", left.toMinutes() / 1440.0, "days");
        check.figure("lifetime-days", cert.lifetime().toMinutes() / 1440.0, "days");
        String observed = CertificateObservation.days(left) + " left of " + CertificateObservation.days(cert.lifetime())
                + " (issued by " + cert.issuer() + ", valid until " + cert.notAfter() + ")";
        String endpoint = "TLS " + cert.endpoint();
        check.expect(left.compareTo(renewal.failBelow()) >= 0, "at least " + CertificateObservation.days(renewal.failBelow())
                + " before expiry (a third of its lifetime, or threshold.cert-days if smaller)", observed, endpoint);
        if (left.compareTo(renewal.renewalDue()) < 0) {
            throw new Degraded("expected renewal before " + CertificateObservation.days(renewal.renewalDue()) + " are left (a "
                    + "third of its lifetime, half under 10 days); observed " + observed + ": renewal is late — " + endpoint);
        }
    }

    @Manual(id = "user-access", name = "Review user access patterns (manual)",
            dashboard = "https://supabase.com/dashboard/project/{supabase.project-ref}/auth/users",
            why = "whether a pattern of sign-ins is expected needs a person who knows the users; the suite reads no "
                    + "personal data")
    void userAccessPatterns() {
    }
}
