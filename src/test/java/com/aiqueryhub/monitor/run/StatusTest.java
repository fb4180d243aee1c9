package com.aiqueryhub.monitor.run;

import com.aiqueryhub.monitor.config.MissingSettingException;
import com.aiqueryhub.monitor.config.SettingsException;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one place an outcome becomes a status: every output and the self-tests read it from here. */
class StatusTest {

    @Test
    void noThrowableIsPassed() {
        assertThat(Status.of(null)).isEqualTo(Status.PASSED);
    }

    @Test
    void degradedIsDegradedThoughItIsAnAbortedTest() {
        Degraded degraded = new Degraded("p95 1800 ms over the 1500 ms warning band");

        assertThat(degraded).isInstanceOf(TestAbortedException.class).hasMessageStartingWith("degraded: ");
        assertThat(Status.of(degraded)).isEqualTo(Status.DEGRADED);
    }

    @Test
    void aManualStepIsManualThoughItIsAnAbortedTest() {
        assertThat(Status.of(new ManualStep("look at the dashboard"))).isEqualTo(Status.MANUAL);
    }

    @Test
    void anAbortedTestOrAMissingSettingIsSkipped() {
        assertThat(Status.of(new TestAbortedException("maintenance: planned window"))).isEqualTo(Status.SKIPPED);
        assertThat(Status.of(new MissingSettingException("db.url", "staging"))).isEqualTo(Status.SKIPPED);
        assertThat(Status.of(MissingSettingException.noneOf(List.of("db.url", "supabase.project-ref"), "staging", "")))
                .isEqualTo(Status.SKIPPED);
    }

    @Test
    void anAssertionErrorIsFailed() {
        assertThat(Status.of(new AssertionError("expected HTTP 200; observed HTTP 503"))).isEqualTo(Status.FAILED);
        assertThat(Status.of(new AssertionFailedError("expected 1 but was 2"))).isEqualTo(Status.FAILED);
    }

    @Test
    void anyOtherThrowableIsBroken() {
        assertThat(Status.of(new NullPointerException())).isEqualTo(Status.BROKEN);
        assertThat(Status.of(new IOException("disk full"))).isEqualTo(Status.BROKEN);
        assertThat(Status.of(new SuiteMisconfigured("unknown environment 'x'"))).isEqualTo(Status.BROKEN);
        assertThat(Status.of(new SettingsException("invalid setting http.read-timeout='soon'")))
                .as("an invalid setting is broken, only a missing one is skipped").isEqualTo(Status.BROKEN);
        assertThat(Status.of(new StackOverflowError())).isEqualTo(Status.BROKEN);
    }

    @Test
    void labelsAreLowerCaseAndPassedAndDegradedCountAsSuccess() {
        assertThat(Status.values()).extracting(Status::label)
                .containsExactly("failed", "broken", "not observed", "degraded", "skipped", "passed", "manual");
        assertThat(List.of("passed", "degraded")).allMatch(Status::succeeded);
        assertThat(List.of("failed", "broken", "not observed", "skipped", "manual")).noneMatch(Status::succeeded);
    }
}
