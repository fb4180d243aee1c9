package com.aiqueryhub.monitor.preflight;

import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.secret.Masker;
import groovy.json.JsonOutput;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The preflight's outputs: {@code reports/preflight.json} (every item), {@code reports/preflight.properties} (the
 * settings it suggests, ready for {@code -Denv.file}) and a console table, problems first.
 */
public final class PreflightReport {

    private static final Map<String, PreflightItem> ITEMS = new ConcurrentHashMap<>();

    private PreflightReport() {
    }

    /** Removes an earlier preflight's files: the preflight about to run writes its own. */
    public static void forget(Path reportDir) {
        for (String name : List.of("preflight.json", "preflight.properties")) {
            try {
                Files.deleteIfExists(reportDir.resolve(name));
            } catch (IOException e) {
                // the new preflight overwrites it anyway
            }
        }
    }

    public static void record(List<PreflightItem> items) {
        items.forEach(i -> ITEMS.put(i.id(), i));
    }

    /** Writes the files and the table when this run had a preflight; forgets the items afterwards. */
    /**
     * @param environmentValues the environment as a whole (Settings#environmentValues), so the properties file is one a
     *                          later run can load by itself
     * @param sandbox           the sandbox's addresses last one run: no file of them is offered to load later
     */
    public static void writeIfAny(Path reportDir, Masker masker, String environment, Map<String, String> environmentValues,
                                  boolean sandbox, PrintStream out) throws IOException {
        if (ITEMS.isEmpty()) {
            return;
        }
        List<PreflightItem> items = new ArrayList<>(ITEMS.values());
        ITEMS.clear();
        items.sort(Comparator.comparing((PreflightItem i) -> switch (i.status()) {
            case PROBLEM -> 0;
            case UNKNOWN -> 1;
            case OK -> 2;
        }).thenComparing(PreflightItem::id));
        Files.createDirectories(reportDir);
        Files.writeString(reportDir.resolve("preflight.json"), masker.maskValues(masker.mask(JsonOutput.prettyPrint(
                JsonOutput.toJson(items.stream().map(PreflightItem::toJson).toList())))) + "\n", StandardCharsets.UTF_8);
        // the environment's own settings (secrets never: they stay in environment variables), then what the
        // deployment showed should change, each after the item that suggests it
        Map<String, String> suggested = new java.util.LinkedHashMap<>();
        items.stream().filter(i -> i.suggestion() != null && i.setting() != null).forEach(i -> suggested.put(i.setting(), i.suggestion()));
        Path properties = reportDir.resolve("preflight.properties");
        StringBuilder props = new StringBuilder("# Settings for environment '" + environment + "' with what its preflight suggests.\n"
                + "# Secrets are not here: keep them in environment variables.\n"
                + (sandbox ? "# The sandbox's addresses last one run: run the sandbox again with -Denv=local.\n"
                : "# Run: mvn verify -Denv.file=" + properties + " -Dgroups=daily\n"));
        environmentValues.forEach((k, v) -> {
            if (!Settings.isSecret(k) && !suggested.containsKey(k)) {
                props.append(k).append('=').append(v).append('\n');
            }
        });
        for (PreflightItem i : items) {
            if (i.suggestion() != null && i.setting() != null) {
                props.append("# suggested by ").append(i.id()).append(": ").append(i.message().replace("\n", " ")).append('\n')
                        .append(i.setting()).append('=').append(i.suggestion()).append('\n');
            }
        }
        Files.writeString(properties, masker.mask(props.toString()), StandardCharsets.UTF_8);
        long problems = items.stream().filter(i -> i.status() == PreflightItem.Status.PROBLEM).count();
        out.println();
        out.println("PREFLIGHT of " + environment + ": " + (problems == 0 ? "every item fits" : problems + " item(s) to change")
                + " (" + reportDir.resolve("preflight.json") + ")");
        int width = items.stream().mapToInt(i -> i.id().length()).max().orElse(10);
        for (PreflightItem i : items) {
            out.println(String.format("%-8s  %-" + width + "s  %s%s", i.status().label().toUpperCase(java.util.Locale.ROOT), i.id(),
                    masker.mask(i.message()), i.setting() == null || i.status() == PreflightItem.Status.OK ? ""
                            : "  [set " + i.setting() + (i.suggestion() == null ? "" : "=" + masker.mask(i.suggestion())) + "]"));
        }
        out.flush();
    }

}
