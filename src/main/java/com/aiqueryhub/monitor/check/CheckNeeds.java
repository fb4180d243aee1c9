package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.run.RunVerdict;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What checks need, read from where they are written ({@link RunbookStep#needs()}, {@link Check#needs()}): no table kept
 * beside them. A need is a setting's key, or several joined by "|" when any one of them will do.
 */
public final class CheckNeeds {

    /** The cadences in the order the README lists them; a check class belongs to each one it is tagged with. */
    public static final List<String> CADENCES = RunVerdict.GROUPS.stream().filter(g -> !g.equals("preflight")).toList();

    private CheckNeeds() {
    }

    /** The check classes under {@code packageName}: every class that declares a runbook step. */
    public static List<Class<?>> scan(String packageName) {
        return ReflectionSupport.findAllClassesInPackage(packageName, c -> c.isAnnotationPresent(RunbookStep.class), n -> true);
    }

    /** Per cadence, the needs of its checks (each once, in the order the classes and methods declare them). */
    public static Map<String, List<String>> byCadence(Collection<Class<?>> classes) {
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        CADENCES.forEach(c -> needs.put(c, new LinkedHashSet<>()));
        List<Class<?>> sorted = new ArrayList<>(classes);
        sorted.sort(java.util.Comparator.comparing(Class::getName));
        for (Class<?> type : sorted) {
            Set<String> own = new LinkedHashSet<>(List.of(type.getAnnotation(RunbookStep.class).needs()));
            Arrays.stream(type.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Check.class))
                    .sorted(java.util.Comparator.comparing(Method::getName)).forEach(m -> own.addAll(of(type, m)));
            cadences(type).forEach(cadence -> needs.get(cadence).addAll(own));
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        needs.forEach((cadence, list) -> {
            if (!list.isEmpty()) {
                out.put(cadence, List.copyOf(list));
            }
        });
        return out;
    }

    /** The needs of one check: its step's, then its own. */
    public static List<String> of(Class<?> type, Method method) {
        Set<String> needs = new LinkedHashSet<>();
        RunbookStep step = type.getAnnotation(RunbookStep.class);
        if (step != null) {
            needs.addAll(List.of(step.needs()));
        }
        Check check = method.getAnnotation(Check.class);
        if (check != null) {
            needs.addAll(List.of(check.needs()));
        }
        return List.copyOf(needs);
    }

    /** The needs of {@code needs} that {@code settings} leave unmet, each as it is declared. */
    public static List<String> missing(List<String> needs, Settings settings) {
        return needs.stream().filter(need -> !settings.meets(need)).toList();
    }

    /** The cadence tags of a check class (its @Daily, @Weekly, ... carry them). */
    static List<String> cadences(Class<?> type) {
        return AnnotationSupport.findRepeatableAnnotations(type, Tag.class).stream().map(Tag::value)
                .filter(CADENCES::contains).toList();
    }
}
