package com.aiqueryhub.monitor.check;

import org.junit.jupiter.api.Test;

import com.aiqueryhub.monitor.run.Severity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One check: a test method whose failure pages someone. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
public @interface Check {
    /** Suffix of the check's id (the class's {@link RunbookStep#id()} comes first), e.g. "bundle". */
    String id();

    /** What healthy looks like, as a sentence: the check's display name. */
    String name();

    /** What the person on call should do when it fails. */
    String remedy();

    /** Overrides the step's {@link RunbookStep#dependsOn()}; empty keeps it. */
    String[] dependsOn() default {};

    /** Overrides the step's severity; empty keeps it. */
    Severity[] severity() default {};

    /** Overrides the step's {@link RunbookStep#components()}; empty keeps it. */
    String[] components() default {};

    /** Settings this check needs besides its step's {@link RunbookStep#needs()}. */
    String[] needs() default {};
}
