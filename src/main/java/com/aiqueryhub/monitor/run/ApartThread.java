package com.aiqueryhub.monitor.run;

/**
 * Runs a nested JUnit launcher (a self-test's run, the deploy gate's staging run) on a thread of its own and waits for
 * it. Called from a worker of a JUnit ForkJoinPool, a nested pool's join would let that worker "help" by running the
 * outer pool's other tests on the same stack while it waits: their time would count against the caller's timeout, and
 * more runs would go on at once than the configured parallelism allows.
 */
public final class ApartThread {

    private ApartThread() {
    }

    public static void run(String name, Runnable work) {
        Throwable[] failure = new Throwable[1];
        Thread apart = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, name);
        apart.setDaemon(true);
        apart.start();
        try {
            apart.join();
        } catch (InterruptedException e) {
            apart.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " was interrupted while it ran", e);
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        } else if (failure[0] instanceof Error e) {
            throw e;
        } else if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
    }
}
