package com.aiqueryhub.monitor.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.util.Set;

import static com.aiqueryhub.monitor.sandbox.Answers.serve;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Supabase Storage's public objects, as the app's landing page reads one (src/pages/Landing.tsx@4abbf11:
 * {@code /storage/v1/object/public/assets/wheels.jpg}). Its fault takes the picture away: Storage's 400 not_found.
 */
record StorageStandIn(Set<Fault> faults, WireMockServer project) {

    static final String LANDING_IMAGE = "/storage/v1/object/public/assets/wheels.jpg";

    void stub() {
        project.stubFor(get(urlPathEqualTo(LANDING_IMAGE)).willReturn(faults.contains(Fault.FRONTEND_IMAGE_MISSING)
                ? serve(Contract.load("ext/storage/object-not-found"))
                : aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg")
                .withHeader("Cache-Control", "max-age=3600").withBody(Picture.BYTES)));
    }

    /**
     * A small picture of its own (a blue 240x120 JPEG with two circles, drawn once with java.awt and kept as a file):
     * what the page shows is not judged, only that it loads. Read, not drawn, at each start: drawing loaded AWT and
     * ImageIO on a cold sandbox's start, a tenth of a second.
     */
    private static final class Picture {
        static final byte[] BYTES = Answers.resourceBytes("sandbox/wheels.jpg");
    }
}
