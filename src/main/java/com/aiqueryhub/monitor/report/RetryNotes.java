package com.aiqueryhub.monitor.report;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Which checks judged a call that needed retries, so a pass after retries is marked as such. */
public final class RetryNotes {

    private static final Map<String, List<String>> BY_CHECK = new ConcurrentHashMap<>();

    private RetryNotes() {
    }

    /** Notes on the running check that {@code endpoint} answered only after {@code failures}. */
    public static void note(String endpoint, List<String> failures) {
        String check = Figures.currentCheck();
        if (check != null && !failures.isEmpty()) {
            BY_CHECK.computeIfAbsent(check, k -> new CopyOnWriteArrayList<>())
                    .add(endpoint + " answered after " + failures.size() + " retried attempt(s): " + String.join("; ", failures));
        }
    }

    public static List<String> of(String checkId) {
        return BY_CHECK.getOrDefault(checkId, List.of());
    }

    static void clear(String checkId) {
        BY_CHECK.remove(checkId);
    }
}
