package com.aiqueryhub.monitor.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The list of faults docs/sandbox.md keeps stays true: every sandbox fault is in it (RunMetricsTest keeps the series). */
class DocsInStepTest {

    @Test
    void everySandboxFaultIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("docs/sandbox.md"));

        assertThat(Arrays.stream(Fault.values()).map(Fault::id).filter(id -> !doc.contains("`" + id + "`")))
                .as("faults missing from docs/sandbox.md").isEmpty();
    }
}
