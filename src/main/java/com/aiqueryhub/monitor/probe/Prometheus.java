package com.aiqueryhub.monitor.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples from the Prometheus text exposition format (the subset Supabase's metrics endpoint serves). */
public final class Prometheus {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Prometheus() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            try {
                samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
            } catch (NumberFormatException e) {
                // NaN/Inf spellings other than Java's: not a value any check uses
            }
        }
        return samples;
    }

    /**
     * How much the counter {@code name} grew from {@code before} to {@code after}, summed over the series whose labels
     * include {@code labels}, the way Prometheus's {@code increase()} reads counters: a series that went down was reset
     * (its process or host restarted) and counts from zero, so its whole value after is its growth; a series seen only
     * after (a CPU added by a larger compute size) has no start to grow from and counts nothing, and one seen only
     * before counts nothing either. A restart between two scrapes is an ordinary day, never a negative measurement.
     */
    public static double increase(List<Sample> before, List<Sample> after, String name, Map<String, String> labels) {
        Map<Map<String, String>, Double> start = new java.util.HashMap<>();
        for (Sample s : before) {
            if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) {
                start.merge(s.labels(), s.value(), Double::sum);
            }
        }
        double grown = 0;
        for (Sample s : after) {
            Double was = s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())
                    ? start.get(s.labels()) : null;
            if (was != null) {
                grown += s.value() >= was ? s.value() - was : s.value();
            }
        }
        return grown;
    }

    /** Sum of every sample of {@code name} whose labels include {@code labels}. */
    public static double sum(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }
}
