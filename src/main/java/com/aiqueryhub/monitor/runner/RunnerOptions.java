package com.aiqueryhub.monitor.runner;

import com.aiqueryhub.monitor.config.Setting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The runner's command line: {@code --groups G --every D} once per cadence, {@code --cycles N} to stop after N cycles of
 * each (tests, a soak), {@code --metrics-port P} and {@code --metrics-address A} for the scrape. Settings of the checks
 * themselves are {@code -D} JVM properties and environment variables, as for {@code mvn verify}.
 */
record RunnerOptions(List<Cadence> cadences, OptionalInt cycles, int metricsPort, String metricsAddress, Duration stopWithin) {

    static final int DEFAULT_PORT = 9479;
    /** Kubernetes gives a pod 30 s between SIGTERM and SIGKILL by default: the current cycle ends within 25. */
    static final Duration DEFAULT_STOP_WITHIN = Duration.ofSeconds(25);

    static final String USAGE = "usage: java [-Dsetting=value ...] -jar synthetic-monitor-runner.jar --groups G --every D "
            + "[--groups G2 --every D2 ...] [--cycles N] [--metrics-port P] [--metrics-address A] [--stop-within D]";

    /** One cadence: its tag expression (as -Dgroups) and how often a cycle of it starts. */
    record Cadence(String groups, Duration every) {
        /** The {@code groups} label of its series, as the Pushgateway's grouping key spells it. */
        String label() {
            return com.aiqueryhub.monitor.report.RunMetrics.groupsLabel(groups);
        }
    }

    /** Reads the arguments; a problem is one line naming the option ({@link IllegalArgumentException}). */
    static RunnerOptions parse(String... args) {
        List<Cadence> cadences = new ArrayList<>();
        String groups = null;
        OptionalInt cycles = OptionalInt.empty();
        int port = DEFAULT_PORT;
        String address = "0.0.0.0";
        Duration stopWithin = DEFAULT_STOP_WITHIN;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + USAGE);
            }
            String value = args[++i].trim();
            switch (option) {
                case "--groups" -> {
                    if (groups != null) {
                        throw new IllegalArgumentException("--groups " + groups + " has no --every: give each cadence its interval, "
                                + "as in --groups smoke --every 1m");
                    }
                    if (value.isEmpty()) {
                        throw new IllegalArgumentException("--groups is empty: name a cadence (smoke, daily, weekly, ...)");
                    }
                    groups = value;
                }
                case "--every" -> {
                    if (groups == null) {
                        throw new IllegalArgumentException("--every " + value + " comes before its --groups: write --groups G --every D");
                    }
                    Duration every = duration("--every", value);
                    cadences.add(new Cadence(groups, every));
                    groups = null;
                }
                case "--cycles" -> cycles = OptionalInt.of(positive("--cycles", value));
                case "--metrics-port" -> port = port(value);
                case "--metrics-address" -> address = value;
                case "--stop-within" -> stopWithin = duration("--stop-within", value);
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            }
        }
        if (groups != null) {
            throw new IllegalArgumentException("--groups " + groups + " has no --every: give each cadence its interval, as in "
                    + "--groups smoke --every 1m");
        }
        if (cadences.isEmpty()) {
            throw new IllegalArgumentException("no cadence given; " + USAGE);
        }
        if (cadences.stream().map(Cadence::label).distinct().count() < cadences.size()) {
            throw new IllegalArgumentException("a cadence is given twice: each --groups once");
        }
        return new RunnerOptions(List.copyOf(cadences), cycles, port, address, stopWithin);
    }

    private static Duration duration(String option, String value) {
        Duration d = Setting.parseDuration(value).orElseThrow(() -> new IllegalArgumentException(option + " " + value
                + " is not a duration: write 30s, 1m, 500ms"));
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(option + " " + value + " must be longer than zero");
        }
        return d;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " " + value + " is not a whole number above zero");
    }

    private static int port(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n <= 65_535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--metrics-port " + value + " is not a port (0 to 65535; 0 picks a free one)");
    }
}
