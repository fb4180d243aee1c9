package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.run.Severity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The runbook step a check class implements: where it is written, and how urgent its failures are. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RunbookStep {
    /** Stable prefix of the ids of this class's checks, e.g. "frontend". */
    String id();

    /** The step as the runbook names it, e.g. "Frontend Verification". */
    String title();

    /** The runbook section, e.g. "Morning Health Check". */
    String section();

    /** The section's anchor in the runbook document (GitHub's heading slug). */
    String anchor();

    /** Default severity of this step's checks; a {@link Check} may raise or lower it. */
    Severity severity();

    /**
     * Providers whose status pages explain a failure of these checks (supabase, netlify, anthropic, openrouter):
     * when one reports an incident, the failure says so and is filed under "upstream incident".
     */
    String[] dependsOn() default {"supabase"};

    /** What the check does differently from the runbook's literal command, and why. */
    String differsFromRunbook() default "";

    /**
     * The providers' status-page components these checks stand on, as case-insensitive fragments of their names
     * ("edge function", "database"): a scheduled maintenance is noted on a failure only when it names one of them.
     */
    String[] components() default {};

    /**
     * The settings these checks cannot run without, by key ("a|b" when either will do). Declared here, where the checks
     * are written: the preflight lists them per cadence, and a check skipped for a missing setting names every one of
     * its needs that is missing.
     */
    String[] needs() default {};
}
