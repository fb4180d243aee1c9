package com.aiqueryhub.monitor.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port for a program that binds it itself a moment later: the sandbox's PostgreSQL (seconds later, after its
 * initdb) and chromedriver. A port the kernel hands out for "any port" comes from its ephemeral range, the range every
 * outgoing connection's own port is drawn from too; on a busy runner one of those connections can take the port before
 * the program binds it, and a connected socket blocks a listener on its port even with SO_REUSEADDR. The program then
 * fails to start (PostgreSQL: "Address already in use", which zonky reports after 10 s as "Connection refused"). The
 * kernel never hands out a port below its ephemeral range, so one chosen there can only be taken by another program
 * choosing the same port on purpose.
 */
public final class LoopbackPorts {

    /** How many ports below the ephemeral range are taken turns on (on Linux, by default, 16384 to 32767). */
    static final int SPAN = 16384;
    private static final int FIRST_USER_PORT = 1024;
    /** The next port to try, from a random start so that two JVMs rarely walk the same ports. */
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(SPAN));
    private static final int[] RANGE = below(lowestEphemeralPort());

    private LoopbackPorts() {
    }

    /**
     * A port nobody on this machine listens on now, below the ephemeral range; a port the kernel chooses where that range
     * leaves too little room below it (a machine that made it start at 1024).
     */
    public static int forProgramThatBindsLater() {
        return RANGE == null ? kernelsChoice() : choose(RANGE[0], RANGE[1], NEXT);
    }

    /** The first free port of [first, end) from {@code next} on, taking turns; the kernel's choice if 64 are taken. */
    static int choose(int first, int end, AtomicInteger next) {
        for (int tries = 0; tries < 64; tries++) {
            int port = first + Math.floorMod(next.getAndIncrement(), end - first);
            if (free(port)) {
                return port;
            }
        }
        return kernelsChoice();
    }

    /** [first, end) below an ephemeral range starting at {@code lowestEphemeral}, or null where it leaves too few. */
    static int[] below(int lowestEphemeral) {
        int first = Math.max(FIRST_USER_PORT, lowestEphemeral - SPAN);
        return lowestEphemeral - first < 1024 ? null : new int[]{first, lowestEphemeral};
    }

    /** Linux says where its range starts; macOS, Windows and the BSDs use IANA's (49152 to 65535) unless told otherwise. */
    public static int lowestEphemeralPort() {
        Path linux = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        // one read from the start: Files.readString reads this file a byte, then the rest, and the kernel answers a read
        // that does not start at 0 with nothing (it gave "3" for "32768\t60999", measured on Java 17)
        try (BufferedReader reader = Files.newBufferedReader(linux)) {
            return parseLowest(reader.readLine());
        } catch (IOException | RuntimeException e) {
            return 49152;
        }
    }

    /** The first number of "32768\t60999". */
    static int parseLowest(String range) {
        return Integer.parseInt(range.trim().split("\\s+")[0]);
    }

    /** Nothing listens on {@code port} of the IPv4 loopback, nor is it any socket's own port there. */
    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as PostgreSQL binds: a connection of this port's past in TIME_WAIT is no obstacle
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelsChoice() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }
}
