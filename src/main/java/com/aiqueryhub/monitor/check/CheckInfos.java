package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.run.CheckInfo;
import com.aiqueryhub.monitor.run.Severity;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a check's {@link CheckInfo} from its annotations: the one description every output carries. */
public final class CheckInfos {

    private CheckInfos() {
    }

    public static Optional<CheckInfo> of(Class<?> type, Method method, Set<String> tags, String runbookBase) {
        RunbookStep step = type.getAnnotation(RunbookStep.class);
        Check check = method == null ? null : method.getAnnotation(Check.class);
        Manual manual = method == null ? null : method.getAnnotation(Manual.class);
        if (step == null || (check == null && manual == null)) {
            return Optional.empty();
        }
        String cadence = String.join(",", CheckInfo.CADENCES.stream().filter(tags::contains).toList());
        String runbookUrl = runbookBase + "#" + step.anchor();
        if (manual != null) {
            return Optional.of(new CheckInfo(step.id() + "." + manual.id(), manual.name(), cadence, step.severity(),
                    "by hand: " + manual.dashboard(), step.section(), step.title(), step.differsFromRunbook(), runbookUrl,
                    List.of(), List.of(), new CheckInfo.ManualInfo(manual.why(), manual.dashboard())));
        }
        Severity severity = check.severity().length > 0 ? check.severity()[0] : step.severity();
        List<String> dependsOn = List.of(check.dependsOn().length > 0 ? check.dependsOn() : step.dependsOn());
        List<String> components = List.of(check.components().length > 0 ? check.components() : step.components());
        return Optional.of(new CheckInfo(step.id() + "." + check.id(), check.name(), cadence, severity, check.remedy(),
                step.section(), step.title(), step.differsFromRunbook(), runbookUrl, dependsOn, components, null));
    }

    public static Optional<CheckInfo> of(Class<?> type, String methodName, Set<String> tags, String runbookBase) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(methodName)).findFirst()
                .flatMap(m -> of(type, m, tags, runbookBase));
    }
}
