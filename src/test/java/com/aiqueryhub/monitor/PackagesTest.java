package com.aiqueryhub.monitor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers read one way (config, probe, run, report, check): no package of src/main uses a package that uses it back,
 * and no file there outgrows a room a newcomer can read (declaration lists such as Keys aside).
 */
class PackagesTest {

    private static final Path MAIN = Path.of("src/main/java/com/aiqueryhub/monitor");
    private static final Pattern USE = Pattern.compile("com\\.aiqueryhub\\.monitor\\.(\\w+)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package com\\.aiqueryhub\\.monitor\\.?(\\w*)", Pattern.MULTILINE);
    /** Lists of declarations, long by nature: one entry per setting. */
    private static final Set<String> DECLARATION_LISTS = Set.of("Keys.java");
    private static final int MAX_LINES = 400;

    @Test
    void noPackageUsesOneThatUsesItBack() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Path file : sources(MAIN)) {
            String text = Files.readString(file);
            Matcher p = PACKAGE.matcher(text);
            assertThat(p.find()).as("%s has a package line", file).isTrue();
            String pkg = p.group(1);
            Matcher m = USE.matcher(text);
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    uses.computeIfAbsent(pkg, k -> new TreeSet<>()).add(m.group(1));
                }
            }
        }
        List<String> circles = new ArrayList<>();
        for (String pkg : uses.keySet()) {
            reachable(pkg, uses).stream().filter(other -> reachable(other, uses).contains(pkg))
                    .forEach(other -> circles.add(pkg + " <-> " + other));
        }
        assertThat(circles).as("packages that use each other (uses: %s)", uses).isEmpty();
    }

    @Test
    void noSourceFileOutgrowsARoom() throws IOException {
        List<String> large = new ArrayList<>();
        for (Path root : List.of(MAIN, Path.of("src/sandbox/java"))) {
            for (Path file : sources(root)) {
                long lines;
                try (Stream<String> all = Files.lines(file)) {
                    lines = all.count();
                }
                if (lines > MAX_LINES && !DECLARATION_LISTS.contains(file.getFileName().toString())) {
                    large.add(file + " (" + lines + " lines)");
                }
            }
        }
        assertThat(large).as("files over %d lines", MAX_LINES).isEmpty();
    }

    private static Set<String> reachable(String from, Map<String, Set<String>> uses) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(uses.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(uses.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
