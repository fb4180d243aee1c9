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

    /** Deploy occasions: a check carries them besides its cadence, and is labelled by them only in a run that selects them. */
    static final List<String> OCCASIONS = List.of("predeploy", "postdeploy");

    public static Optional<CheckInfo> of(Class<?> type, Method method, Set<String> tags, String runbookBase) {
        return of(type, method, tags, runbookBase, "");
    }

    /** @param tagExpression the run's tag expression (-Dgroups): it decides whether a deploy occasion labels the check */
    public static Optional<CheckInfo> of(Class<?> type, Method method, Set<String> tags, String runbookBase, String tagExpression) {
        RunbookStep step = type.getAnnotation(RunbookStep.class);
        Check check = method == null ? null : method.getAnnotation(Check.class);
        Manual manual = method == null ? null : method.getAnnotation(Manual.class);
        if (step == null || (check == null && manual == null)) {
            return Optional.empty();
        }
        String cadence = cadence(tags, tagExpression);
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

    /**
     * The cadences a check is labelled with: its cadence tags, deploy occasions left out unless the run selected one
     * (then the occasion alone), so a daily check that also verifies deploys stays "daily" in a daily run.
     */
    static String cadence(Set<String> tags, String tagExpression) {
        List<String> cadences = CheckInfo.CADENCES.stream().filter(tags::contains).toList();
        Set<String> named = tagExpression == null ? Set.of() : Set.of(tagExpression.split("[^A-Za-z0-9_-]+"));
        List<String> occasions = cadences.stream().filter(OCCASIONS::contains).filter(named::contains).toList();
        if (!occasions.isEmpty()) {
            return String.join(",", occasions);
        }
        List<String> regular = cadences.stream().filter(c -> !OCCASIONS.contains(c)).toList();
        return String.join(",", regular.isEmpty() ? cadences : regular);
    }

    public static Optional<CheckInfo> of(Class<?> type, String methodName, Set<String> tags, String runbookBase) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(methodName)).findFirst()
                .flatMap(m -> of(type, m, tags, runbookBase));
    }
}
