package com.aiqueryhub.monitor.check;

import org.junit.jupiter.api.Test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A runbook line the suite cannot do for people: it appears in its cadence's report as a manual step with the
 * dashboard to open and why no check covers it, never dropped without a word. It is no check: it never runs, never
 * counts as skipped or failed, and the verdict line counts it apart.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
public @interface Manual {
    /** Suffix of the step's id, after the class's {@link RunbookStep#id()}. */
    String id();

    /** The runbook line, as a person does it. */
    String name();

    /** Where to do it; {@code {setting.key}} is filled in from the run's settings ({@code _} where unset). */
    String dashboard();

    /** Why no check covers it. */
    String why();
}
