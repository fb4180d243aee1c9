package com.aiqueryhub.monitor.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Endpoints that are broken below HTTP: a port nobody listens on, and a listener that never answers. Each sandbox has
 * its own, held until it stops, so a sandbox starting beside it in the same JVM cannot be given the same port.
 */
final class DeadEnds implements AutoCloseable {

    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final List<Socket> reserved = new CopyOnWriteArrayList<>();
    private ServerSocket blackHole;

    /**
     * A loopback port with nothing listening: connecting is refused at once. The port stays bound (never listening)
     * until the sandbox stops, so no other server, another sandbox's included, can take it meanwhile.
     */
    synchronized int closedPort() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            closeQuietly(socket);
            throw new IllegalStateException("no free loopback port", e);
        }
        reserved.add(socket);
        return socket.getLocalPort();
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
        held.forEach(DeadEnds::closeQuietly);
        reserved.forEach(DeadEnds::closeQuietly);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the sandbox is stopping
        }
    }
}
