package com.aiqueryhub.monitor.check;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The gate before a deploy, one check per line of the runbook's deploy checklist: `mvn verify -Dgroups=predeploy`. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("predeploy")
@ExtendWith({CheckParameters.class, CheckOutcomes.class, CheckReport.class})
@DisplayNameGeneration(CheckNames.class)
public @interface Predeploy {
}
