package com.aiqueryhub.monitor.report;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Allure command line's {@code generate}, several times side by side in one JVM: a run's report is made twice (the
 * multi-file one carries history/ to the next run, the single file is the one people open), and two JVMs of the command
 * line each loaded and compiled the same classes on a small machine, a second of the cold run. Each generation is the
 * command line's own ({@code io.qameta.allure.CommandLine}, as its {@code main} makes it, found by name: the build puts
 * the unpacked command line on the class path, never on the product's).
 * <p>
 * Usage: {@code AllureReports APP_HOME -- generate ARGS... -- generate ARGS...}; exits with the first failing generation's
 * code, else 0.
 */
public final class AllureReports {

    private AllureReports() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !args[1].equals("--")) {
            System.err.println("usage: AllureReports APP_HOME -- generate ARGS... [-- generate ARGS...]");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        List<List<String>> commands = new ArrayList<>();
        for (int i = 1; i < args.length; i++) { // args[1] is "--": the first command starts there
            if (args[i].equals("--")) {
                commands.add(new ArrayList<>());
            } else {
                commands.get(commands.size() - 1).add(args[i]);
            }
        }
        Class<?> commandLine = Class.forName("io.qameta.allure.CommandLine");
        Method parse = commandLine.getMethod("parse", String[].class);
        Method run = commandLine.getMethod("run");
        ExecutorService pool = Executors.newFixedThreadPool(commands.size());
        List<Future<Integer>> codes = new ArrayList<>();
        for (List<String> command : commands) {
            codes.add(pool.submit(() -> {
                Object cli = commandLine.getConstructor(Path.class).newInstance(home);
                Optional<?> early = (Optional<?>) parse.invoke(cli, (Object) command.toArray(String[]::new));
                Object exit = early.isPresent() ? early.get() : run.invoke(cli);
                return (Integer) exit.getClass().getMethod("getCode").invoke(exit);
            }));
        }
        int code = 0;
        for (Future<Integer> generation : codes) {
            int each = generation.get();
            code = code != 0 ? code : each;
        }
        pool.shutdown();
        System.exit(code);
    }
}
