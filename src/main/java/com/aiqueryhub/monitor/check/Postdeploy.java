package com.aiqueryhub.monitor.check;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The verification right after a deploy (also of a deploy preview's URL): `mvn verify -Dgroups=postdeploy`. Put on a
 * check class of another cadence, it adds that class's checks to the verification; a failure there is Critical and
 * its remedy is the runbook's Emergency Rollback with the concrete targets.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("postdeploy")
@ExtendWith({CheckParameters.class, CheckOutcomes.class, CheckReport.class})
@DisplayNameGeneration(CheckNames.class)
public @interface Postdeploy {
}
