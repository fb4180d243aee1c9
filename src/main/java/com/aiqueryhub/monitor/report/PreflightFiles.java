package com.aiqueryhub.monitor.report;

import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.json.Json;
import com.aiqueryhub.monitor.run.PreflightItem;
import com.aiqueryhub.monitor.secret.Masker;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preflight's outputs: {@code preflight.json} (every item), {@code preflight.properties} (the environment as a
 * whole with the settings the preflight suggests, ready for {@code -Denv.file}) and a console table, problems first.
 */
public final class PreflightFiles {

    private PreflightFiles() {
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

    /**
     * @param environmentValues the environment as a whole (Settings#environmentValues), so the properties file is one a
     *                          later run can load by itself
     * @param sandbox           the sandbox's addresses last one run: no file of them is offered to load later
     */
    public static void write(Path reportDir, List<PreflightItem> found, Masker masker, String environment,
                             Map<String, String> environmentValues, boolean sandbox, PrintStream out) throws IOException {
        List<PreflightItem> items = new ArrayList<>(found);
        items.sort(Comparator.comparing((PreflightItem i) -> switch (i.status()) {
            case PROBLEM -> 0;
            case UNKNOWN -> 1;
            case OK -> 2;
        }).thenComparing(PreflightItem::id));
        Files.createDirectories(reportDir);
        Files.writeString(reportDir.resolve("preflight.json"), masker.maskValues(masker.mask(Json.pretty(items))) + "\n",
                StandardCharsets.UTF_8);
        // the environment's own settings (secrets never: they stay in environment variables), then what the
        // deployment showed should change, each after the item that suggests it
        Map<String, String> suggested = new LinkedHashMap<>();
        items.stream().filter(i -> i.suggestion() != null && i.setting() != null).forEach(i -> suggested.put(i.setting(), i.suggestion()));
        Path properties = reportDir.resolve("preflight.properties");
        StringBuilder props = new StringBuilder("# Settings for environment '" + environment + "' with what its preflight suggests.\n"
                + "# Secrets are not here: keep them in environment variables.\n"
                + (sandbox ? "# The sandbox's addresses last one run: run the sandbox again with -Denv=local.\n"
                : "# Run: mvn verify -Denv.file=" + properties + " -Dgroups=daily\n"));
        // the environment's name, so that a run of this file is labelled as the deployment, never "preflight"
        props.append("env.name=").append(AllureFiles.propertyValue(environment)).append('\n');
        environmentValues.forEach((k, v) -> {
            if (!Setting.isSecret(k) && !suggested.containsKey(k) && !k.equals("env.name")) {
                props.append(k).append('=').append(AllureFiles.propertyValue(v)).append('\n');
            }
        });
        for (PreflightItem i : items) {
            if (i.suggestion() != null && i.setting() != null) {
                props.append("# suggested by ").append(i.id()).append(": ").append(i.message().replace("\n", " ")).append('\n')
                        .append(i.setting()).append('=').append(AllureFiles.propertyValue(i.suggestion())).append('\n');
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
