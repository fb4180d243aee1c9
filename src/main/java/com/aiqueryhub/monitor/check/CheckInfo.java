package com.aiqueryhub.monitor.check;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Everything the report says about a check besides its outcome. */
public record CheckInfo(String id, String name, String cadence, Severity severity, String remedy,
                        RunbookStep step, String runbookUrl, List<String> dependsOn, List<String> components, Manual manual) {

    public static final List<String> CADENCES = List.of("daily", "weekly", "monthly", "emergency", "smoke", "preflight");

    public static Optional<CheckInfo> of(Class<?> type, Method method, Set<String> tags, Supplier<String> runbookBase) {
        RunbookStep step = type.getAnnotation(RunbookStep.class);
        Check check = method == null ? null : method.getAnnotation(Check.class);
        Manual manual = method == null ? null : method.getAnnotation(Manual.class);
        if (step == null || (check == null && manual == null)) {
            return Optional.empty();
        }
        String cadence = String.join(",", CADENCES.stream().filter(tags::contains).toList());
        if (manual != null) {
            return Optional.of(new CheckInfo(step.id() + "." + manual.id(), manual.name(), cadence, step.severity(),
                    "by hand: " + manual.dashboard(), step, runbookBase.get() + "#" + step.anchor(), List.of(), List.of(), manual));
        }
        Severity severity = check.severity().length > 0 ? check.severity()[0] : step.severity();
        List<String> dependsOn = List.of(check.dependsOn().length > 0 ? check.dependsOn() : step.dependsOn());
        List<String> components = List.of(check.components().length > 0 ? check.components() : step.components());
        return Optional.of(new CheckInfo(step.id() + "." + check.id(), check.name(), cadence, severity, check.remedy(),
                step, runbookBase.get() + "#" + step.anchor(), dependsOn, components, null));
    }

    /** A runbook line for people, shown in the report, never run. */
    public boolean isManual() {
        return manual != null;
    }

    public static Optional<CheckInfo> of(Class<?> type, String methodName, Set<String> tags, Supplier<String> runbookBase) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.getName().equals(methodName) && m.getParameterCount() == 0)
                .findFirst()
                .flatMap(m -> of(type, m, tags, runbookBase));
    }

    /** The lines every failure message ends with. */
    public String failureContext() {
        return "\nseverity: " + severity + "\nremedy: " + remedy + "\nrunbook: " + step.section() + " > "
                + step.title() + " " + runbookUrl;
    }
}
