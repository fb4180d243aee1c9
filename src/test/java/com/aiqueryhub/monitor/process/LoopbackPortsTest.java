package com.aiqueryhub.monitor.process;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The ports a program binds a moment later (the sandbox's PostgreSQL, chromedriver) are never the kernel's to hand out. */
class LoopbackPortsTest {

    @Test
    void anOutgoingConnectionsOwnPortIsOfTheEphemeralRangeAndTheChosenPortsAreNot() throws IOException {
        int lowest = LoopbackPorts.lowestEphemeralPort();
        Assumptions.assumeTrue(LoopbackPorts.below(lowest) != null,
                "this machine's ephemeral range starts at " + lowest + ": no room below it, the kernel chooses");
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             Socket outgoing = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
            // what took PostgreSQL's port in a busy self-test run: an outgoing connection drawn from this range
            assertThat(outgoing.getLocalPort()).isGreaterThanOrEqualTo(lowest);
        }
        Set<Integer> chosen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int port = LoopbackPorts.forProgramThatBindsLater();
            assertThat(port).isBetween(1024, lowest - 1);
            assertThat(LoopbackPorts.free(port)).as("port %d is free", port).isTrue();
            chosen.add(port);
        }
        assertThat(chosen).as("each call takes its turn").hasSize(20);
    }

    @Test
    void aPortSomethingListensOnIsPassedOver() throws IOException {
        int taken = LoopbackPorts.forProgramThatBindsLater();
        try (ServerSocket listener = new ServerSocket(taken, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(LoopbackPorts.free(taken)).isFalse();
            int port = LoopbackPorts.choose(taken, taken + 4, new AtomicInteger());
            assertThat(port).isNotEqualTo(taken).isBetween(taken + 1, taken + 3);
        }
    }

    @Test
    void theRangeBelowTheEphemeralOneAsEachSystemSetsIt() {
        assertThat(LoopbackPorts.parseLowest("32768\t60999\n")).isEqualTo(32768);
        assertThat(LoopbackPorts.below(32768)).containsExactly(16384, 32768); // Linux's default
        assertThat(LoopbackPorts.below(49152)).containsExactly(32768, 49152); // IANA's: macOS, Windows
        assertThat(LoopbackPorts.below(10000)).containsExactly(1024, 10000);
        assertThat(LoopbackPorts.below(1024)).as("a range that starts at 1024 leaves nothing: the kernel chooses").isNull();
    }
}
