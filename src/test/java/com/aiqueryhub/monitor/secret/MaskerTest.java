package com.aiqueryhub.monitor.secret;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MaskerTest {

    private final Masker masker = new Masker(List.of("s3cr3t/value+1", "sbp_0123456789abcdef"));

    @Test
    void masksKnownValuesInPlainUrlEncodedAndBase64Form() {
        String encoded = URLEncoder.encode("s3cr3t/value+1", StandardCharsets.UTF_8);
        String b64 = Base64.getEncoder().encodeToString("sbp_0123456789abcdef".getBytes(StandardCharsets.UTF_8));

        String out = masker.mask("a s3cr3t/value+1 b " + encoded + " c " + b64);

        assertThat(out).isEqualTo("a **** b **** c ****");
    }

    @Test
    void masksSecretCarryingHeadersWhateverTheirValue() {
        String out = masker.mask("GET /x\nAuthorization: Bearer abc.def\ncookie: sid=1\nX-Telegram-Bot-Api-Secret-Token: t0k3n\n"
                + "apikey: anon\nX-Slack-Signature: v0=abc\nAccept: */*");

        assertThat(out).contains("Authorization: ****", "cookie: ****", "X-Telegram-Bot-Api-Secret-Token: ****",
                "apikey: ****", "X-Slack-Signature: ****", "Accept: */*").doesNotContain("abc", "t0k3n", "sid=1");
    }

    @Test
    void masksTokenNamedQueryParametersAndJsonFields() {
        assertThat(masker.mask("https://x.example/a?apikey=anon123&page=2&access_token=tok9"))
                .isEqualTo("https://x.example/a?apikey=****&page=2&access_token=****");
        assertThat(masker.mask("{\"token\":\"abc\",\"user\":\"ann\",\"refresh_token\": \"r1\",\"api_key\":42}"))
                .isEqualTo("{\"token\":****,\"user\":\"ann\",\"refresh_token\": ****,\"api_key\":****}");
    }

    @Test
    void masksBotTokensInPathsAlsoUrlEncoded() {
        assertThat(masker.mask("POST https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage"))
                .isEqualTo("POST https://api.telegram.org/bot****/sendMessage");
        assertThat(masker.mask("/bot123456789%3AAAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe")).isEqualTo("/bot****/getMe");
    }

    @Test
    void masksJwtsAndCredentialsInUrls() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJlX2hlcmU";
        assertThat(masker.mask("key " + jwt + " end")).isEqualTo("key **** end");
        assertThat(masker.mask("postgresql://monitor:pw@db.example:5432/postgres"))
                .isEqualTo("postgresql://monitor:****@db.example:5432/postgres");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "expected HTTP 200; observed HTTP 500 {\"code\":401,\"message\":\"Invalid JWT\"} — GET https://a.example/";
        assertThat(masker.mask(text)).isEqualTo(text);
    }

    /**
     * Each known value is found wherever it stands, exactly as a search for each, longest first, finds it: also where
     * only a prefix of it stands, beside other values, or where a mask makes one with its neighbour ("y" + "****").
     */
    @Test
    void masksKnownValuesExactlyAsASearchForEachWould() {
        List<String> secrets = List.of("s3cr3t/value+1", "sbp_0123456789abcdef", "abcdefg", "y****");
        Masker values = new Masker(secrets);
        List<String> forms = new java.util.ArrayList<>();
        for (String s : secrets) {
            forms.addAll(List.of(s, URLEncoder.encode(s, StandardCharsets.UTF_8),
                    URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"), s.replace(":", "%3A"),
                    Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8))));
        }
        List<String> longestFirst = forms.stream().distinct().sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 500; n++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < (n % 2 == 0 ? 300 : 3000)) {
                String form = longestFirst.get(random.nextInt(longestFirst.size()));
                switch (random.nextInt(4)) {
                    case 0 -> text.append(form);
                    case 1 -> text.append(form, 0, 1 + random.nextInt(form.length() - 1));
                    default -> text.append((char) ('a' + random.nextInt(4))).append(random.nextBoolean() ? "*" : "z");
                }
            }
            String expected = text.toString();
            for (String form : longestFirst) {
                expected = expected.replace(form, Masker.MASK);
            }
            assertThat(values.maskValues(text.toString())).isEqualTo(expected);
        }
        assertThat(values.maskValues("yabcdefg")).as("a mask that makes a value of its neighbours").isEqualTo("****");
        assertThat(values.maskValues("-".repeat(3000) + "yabcdefg")).as("in a long text too").isEqualTo("-".repeat(3000) + "****");
    }

    /** A page's words and links pass untouched however many there are; the credentials in a link do not. */
    @Test
    void masksCredentialsInLinksOfALongPage() {
        String words = "word https://example.org/path?q=1 mailto:ops@example.org x@y ".repeat(2000);
        assertThat(masker.mask(words + "https://user:pw@host.example/ end"))
                .isEqualTo(words + "https://user:****@host.example/ end");
    }
}
