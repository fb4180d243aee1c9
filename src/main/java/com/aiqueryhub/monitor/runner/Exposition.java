package com.aiqueryhub.monitor.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest metrics.prom of each cadence as one scrape. Each cycle's file is Prometheus text as the run wrote it; served
 * side by side, two cadences' run-level series ({@code synthetic_monitor_run_healthy{environment,location}}) would be the
 * same series twice, and two HELP lines for one name are refused by a scrape. So each sample gets the cadence's
 * {@code groups} label (as the Pushgateway's grouping key adds it to a pushed run) and each family is written once, its
 * samples from every cadence together.
 */
final class Exposition {

    private Exposition() {
    }

    /** @param byGroups each cadence's {@code groups} label and its latest metrics.prom text */
    static String merge(Map<String, String> byGroups) {
        Map<String, Family> families = new LinkedHashMap<>();
        byGroups.forEach((groups, text) -> {
            Family current = null;
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                    String name = line.substring(7).split(" ", 2)[0];
                    current = families.computeIfAbsent(name, k -> new Family());
                    if (line.startsWith("# HELP ")) {
                        current.help = current.help == null ? line : current.help;
                    } else {
                        current.type = current.type == null ? line : current.type;
                    }
                } else if (!line.startsWith("#")) {
                    Family into = current != null ? current : families.computeIfAbsent(sampleName(line), k -> new Family());
                    into.samples.add(labelled(line, groups));
                }
            }
        });
        StringBuilder out = new StringBuilder();
        for (Family f : families.values()) {
            if (f.help != null) {
                out.append(f.help).append('\n');
            }
            if (f.type != null) {
                out.append(f.type).append('\n');
            }
            f.samples.forEach(s -> out.append(s).append('\n'));
        }
        return out.toString();
    }

    /** A sample line with {@code groups="..."} first among its labels. */
    static String labelled(String sample, String groups) {
        String label = "groups=\"" + groups.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        String name = sampleName(sample);
        String rest = sample.substring(name.length());
        if (rest.startsWith("{}")) {
            return name + "{" + label + "}" + rest.substring(2);
        }
        if (rest.startsWith("{")) {
            return name + "{" + label + "," + rest.substring(1);
        }
        return name + "{" + label + "}" + rest;
    }

    private static String sampleName(String sample) {
        int end = 0;
        while (end < sample.length() && sample.charAt(end) != '{' && sample.charAt(end) != ' ') {
            end++;
        }
        return sample.substring(0, end);
    }

    private static final class Family {
        private String help;
        private String type;
        private final List<String> samples = new ArrayList<>();
    }
}
