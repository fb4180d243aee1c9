package com.aiqueryhub.monitor.check;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Runs with the runbook's monthly checks: `mvn verify -Dgroups=monthly`. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("monthly")
@ExtendWith({CheckParameters.class, CheckOutcomes.class, CheckReport.class})
@DisplayNameGeneration(CheckNames.class)
public @interface Monthly {
}
