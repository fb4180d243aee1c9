package com.aiqueryhub.monitor.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Titles as the app's index.html wrote them over its history (Thabonel/drive-flow-ai-know), and as other sites do. */
class PageTitleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            today's                 | <title>AI Query Hub - An AI Assistant That Remembers Everything</title>          | AI Query Hub - An AI Assistant That Remembers Everything
            over lines, an entity   | <title>\\n  AI Query Hub &middot; Your AI&nbsp;Memory\\n</title>                   | AI Query Hub · Your AI Memory
            numeric entities        | <TITLE lang=en>AI Query Hub &#8211; Q&#x26;A</TITLE>                             | AI Query Hub – Q&A
            nginx                   | <title>Welcome to nginx!</title>                                                 | Welcome to nginx!
            """)
    void theTitleReadsAsABrowserShowsIt(String shape, String html, String shown) {
        assertThat(PageTitle.of(html.replace("\\n", "\n"))).as(shape).contains(shown);
    }

    @Test
    void aPageWithoutTitleHasNone() {
        assertThat(PageTitle.of("<html><body><div id=root></div></body></html>")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            AI Query Hub - An AI Assistant That Remembers Everything ; AI Query Hub
            AI Query Hub | Remembers Everything                       ; AI Query Hub
            DocChat                                                   ; DocChat
            Q-and-A Hub - answers                                     ; Q-and-A Hub
            """)
    void theProductsNameIsWhatComesBeforeTheFirstSeparator(String title, String product) {
        assertThat(PageTitle.productName(title)).isEqualTo(product);
    }
}
