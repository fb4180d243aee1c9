package com.aiqueryhub.monitor.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Allure files a result under every category that matches: ours must never overlap. */
class CategoriesTest {

    static Stream<Arguments> results() {
        return Stream.of(
                Arguments.of("failed", "expected HTTP 200; observed no answer (connection refused) — GET https://a/\nremedy: x", "Outage"),
                Arguments.of("failed", "expected HTTP 401; observed HTTP 500 'User not authenticated' — GET https://a/\nremedy: x", "Wrong answer"),
                Arguments.of("broken", "suite misconfigured: unknown environment 'x'", "Suite misconfigured"),
                Arguments.of("skipped", "skipped: setting 'db.url' is not set", "Suite misconfigured"),
                Arguments.of("broken", "the check itself failed: NullPointerException", "Check defect"),
                Arguments.of("failed", "upstream incident at Supabase (major): x\nexpected HTTP 200; observed no answer (connection refused)",
                        "Upstream incident"),
                Arguments.of("skipped", "degraded: expected p95 (ms) at most 1000", "Degraded"),
                Arguments.of("skipped", "maintenance: planned window 2026-12-01T02:00/PT2H", "Maintenance"),
                Arguments.of("broken", "rate limited: GET https://api/v1/projects/x answered HTTP 429", "Not observable"),
                Arguments.of("skipped", "skipped: rate limited (reported once, by database.services): x", "Not observable"),
                Arguments.of("broken", "not observed: this runner cannot resolve any name (production and 5 references): the "
                        + "runner's DNS or network, not production", "Not observed"),
                Arguments.of("broken", "not observed: the credential in supabase.access-token was refused (HTTP 401)", "Not observed"),
                Arguments.of("skipped", "skipped: not observed (reported once, by database.project-status): x", "Not observed"),
                Arguments.of("skipped", "skipped: the front end is unreachable (name not resolved: a.invalid — GET https://a.invalid/): "
                        + "reported by frontend.status", "Reported once"));
    }

    @ParameterizedTest
    @MethodSource("results")
    void everyResultLandsInExactlyOneCategory(String status, String message, String expected) {
        List<String> matched = Categories.all().stream()
                .filter(c -> ((List<?>) c.get("matchedStatuses")).contains(status))
                .filter(c -> Pattern.compile((String) c.get("messageRegex")).matcher(message).matches())
                .map(c -> (String) c.get("name"))
                .toList();

        assertThat(matched).hasSize(1);
        assertThat(matched.get(0)).startsWith(expected);
    }
}
