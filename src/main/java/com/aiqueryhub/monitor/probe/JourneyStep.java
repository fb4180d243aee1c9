package com.aiqueryhub.monitor.probe;

import java.util.List;

/**
 * One step of the signed-in journey as the monitor saw it: whether it went as a user expects, in the standard words of
 * a finding (what was expected, what was observed, where), with the screenshot of the page at that moment when a
 * browser took the step, and the calls it made (their evidence masked like every other).
 */
public record JourneyStep(boolean ok, String expected, String observed, String endpoint, byte[] screenshot,
                          List<HttpObservation> calls) {

    static JourneyStep passed(String expected, String observed, String endpoint, byte[] screenshot, HttpObservation... calls) {
        return new JourneyStep(true, expected, observed, endpoint, screenshot, List.of(calls));
    }

    static JourneyStep failed(String expected, String observed, String endpoint, byte[] screenshot, HttpObservation... calls) {
        return new JourneyStep(false, expected, observed, endpoint, screenshot, List.of(calls));
    }

    /** The same step seen otherwise (a refusal explained): its screenshot and calls kept. */
    JourneyStep observing(String otherwise) {
        return new JourneyStep(ok, expected, otherwise, endpoint, screenshot, calls);
    }
}
