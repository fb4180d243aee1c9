package com.aiqueryhub.monitor.check;

import org.junit.jupiter.api.DisplayNameGenerator;

import java.lang.reflect.Method;
import java.util.List;

/** Display names from the runbook: the step's title for a class, the healthy state for a check. */
public final class CheckNames extends DisplayNameGenerator.Standard {
    @Override
    public String generateDisplayNameForClass(Class<?> testClass) {
        RunbookStep step = testClass.getAnnotation(RunbookStep.class);
        return step == null ? super.generateDisplayNameForClass(testClass) : step.section() + ": " + step.title();
    }

    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        Check check = testMethod.getAnnotation(Check.class);
        Manual manual = testMethod.getAnnotation(Manual.class);
        return check != null ? check.name() : manual != null ? manual.name()
                : super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod);
    }
}
