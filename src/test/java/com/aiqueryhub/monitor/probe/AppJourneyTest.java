package com.aiqueryhub.monitor.probe;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A markdown answer is found in its rendering by its words, whatever the marks, links and line breaks did. */
class AppJourneyTest {

    @Test
    void aMarkdownAnswerAndItsRenderingShareTheirWords() {
        String markdown = "**Hello**, I can [help](https://example.com/docs) with\n\n- your *documents*";
        String rendered = "Hello, I can help with\nyour documents";

        List<String> opening = AppJourney.words(markdown).stream().limit(6).toList();
        assertThat(opening).containsExactly("hello", "i", "can", "help", "with", "your");
        assertThat(Collections.indexOfSubList(AppJourney.words(rendered), opening)).isZero();
    }

    @Test
    void aSpinnerIsNoAnswer() {
        List<String> opening = AppJourney.words("pong");
        assertThat(Collections.indexOfSubList(AppJourney.words("Thinking..."), opening)).isNegative();
    }
}
