package com.aiqueryhub.monitor.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Endpoints that are broken below HTTP: a port nobody listens on, and a listener that never answers. */
final class DeadEnds implements AutoCloseable {

    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private ServerSocket blackHole;

    /** A loopback port with nothing listening: connecting is refused at once. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    /** A loopback port that accepts connections and then says nothing, ever (until the sandbox stops). */
    synchronized int blackHolePort() {
        if (blackHole == null) {
            try {
                blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException("no free loopback port", e);
            }
            Thread acceptor = new Thread(() -> {
                while (!blackHole.isClosed()) {
                    try {
                        held.add(blackHole.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "sandbox-black-hole");
            acceptor.setDaemon(true);
            acceptor.start();
        }
        return blackHole.getLocalPort();
    }

    @Override
    public synchronized void close() {
        try {
            if (blackHole != null) {
                blackHole.close();
            }
        } catch (IOException ignored) {
            // closing a listener that is going away anyway
        }
        for (Socket s : held) {
            try {
                s.close();
            } catch (IOException ignored) {
                // same
            }
        }
    }
}
