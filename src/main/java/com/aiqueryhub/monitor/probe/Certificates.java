package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.config.Settings;

import java.net.URI;

/** The TLS certificates the hosts serve, each looked at once per run (a handshake, no HTTP request). */
public final class Certificates {

    private final Settings settings;
    private final TlsTrust trust;
    private final SharedCalls shared;

    public Certificates(Settings settings, TlsTrust trust, SharedCalls shared) {
        this.settings = settings;
        this.trust = trust;
        this.shared = shared;
    }

    /** The certificate served at the URL of {@code host} (the front end's or the Supabase project's). */
    public CertificateObservation of(Setting<URI> host) {
        return shared.once("tls." + host.key(), () -> new TlsProbe(trust, settings.get(Keys.HTTP_CONNECT_TIMEOUT),
                settings.get(Keys.HTTP_READ_TIMEOUT)).inspect(settings.get(host)));
    }
}
