package com.aiqueryhub.monitor.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
                .withHeader("Cache-Control", "max-age=3600").withBody(picture())));
    }

    /** A small picture of its own: what the page shows is not judged, only that it loads. */
    private static byte[] picture() {
        BufferedImage image = new BufferedImage(240, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x1e3a8a));
        g.fillRect(0, 0, 240, 120);
        g.setColor(new Color(0x93c5fd));
        g.fillOval(40, 30, 60, 60);
        g.fillOval(140, 30, 60, 60);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
