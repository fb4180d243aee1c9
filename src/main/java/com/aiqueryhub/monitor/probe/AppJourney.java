package com.aiqueryhub.monitor.probe;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The signed-in journey in a real browser, through the app's own pages as its source builds them (Thabonel/drive-flow-
 * ai-know@4abbf11): the sign-in form of src/pages/Auth.tsx ({@code #signin-email}, {@code #signin-password}, its submit
 * button), and the chat of src/components/ConversationChat.tsx at /conversations (a textarea that sends on Enter, the
 * answer rendered as the assistant's message; "Start New Conversation" when none is open). What the app asked GoTrue and
 * ai-query is read from the page's own fetch calls, watched from before its scripts run.
 */
public final class AppJourney implements AutoCloseable {

    /** The app's calls to GoTrue's token endpoint and to ai-query, each with its status and body once read. */
    static final String CALLS = """
            (function () {
              window.__monitorCalls = [];
              var original = window.fetch;
              if (!original) { return; }
              window.fetch = function (input, init) {
                var url = typeof input === 'string' ? input : (input && input.url) || String(input);
                var promise = original.apply(this, arguments);
                if (/\\/auth\\/v1\\/token|\\/functions\\/v1\\/ai-query/.test(url)) {
                  var call = {url: url.split('?')[0], status: 0, code: '', body: null};
                  window.__monitorCalls.push(call);
                  promise.then(function (r) {
                    call.code = r.headers.get('sb-error-code') || '';
                    r.clone().text().then(function (t) { call.body = t; call.status = r.status; },
                        function () { call.body = ''; call.status = r.status; });
                  }, function (e) { call.body = String(e); call.status = -1; });
                }
                return promise;
              };
            })();
            """;

    private final Browser browser;
    private final ChromeDriver driver;
    private final String site;
    private final Duration pageTimeout;
    private String accessToken;

    private AppJourney(Browser browser, String site, Duration pageTimeout) {
        this.browser = browser;
        this.driver = browser.driver();
        this.site = site;
        this.pageTimeout = pageTimeout;
    }

    /** A browser for the journey; empty when none is installed. */
    static Optional<AppJourney> open(String site, Duration pageTimeout, boolean acceptPrivateCa, Optional<String> driver, boolean keep) {
        return Browser.open(pageTimeout, acceptPrivateCa, driver, keep, BrowserProbe.WATCH + CALLS)
                .map(b -> new AppJourney(b, site, pageTimeout));
    }

    /** The access token of the session the app's sign-in made (a secret: never in a message). */
    Optional<String> accessToken() {
        return Optional.ofNullable(accessToken);
    }

    /** Signs in through the app's form, as a person would type it. */
    JourneyStep signIn(String path, String email, String password, String tokenEndpoint) {
        String url = site + path;
        Optional<String> unreached = load(url);
        if (unreached.isPresent()) {
            return JourneyStep.failed("the app's sign-in page to load", unreached.get(), "browser GET " + url, browser.screenshot());
        }
        Optional<WebElement> emailField = await(() -> first(By.id("signin-email")), pageTimeout);
        Optional<WebElement> passwordField = first(By.id("signin-password"));
        Optional<WebElement> submit = first(By.xpath("//input[@id='signin-email']/ancestor::form//button[@type='submit']"));
        if (emailField.isEmpty() || passwordField.isEmpty() || submit.isEmpty()) {
            return JourneyStep.failed("the app's sign-in form (#signin-email, #signin-password and its submit button)",
                    "no sign-in form after " + pageTimeout.toSeconds() + " s; the page shows: " + pageText(160) + firstError(),
                    "browser GET " + url, browser.screenshot());
        }
        emailField.get().sendKeys(email);
        passwordField.get().sendKeys(password);
        int before = calls("/auth/v1/token").size();
        long start = System.nanoTime();
        submit.get().click();
        Optional<Map<?, ?>> call = await(() -> completed("/auth/v1/token", before), pageTimeout);
        if (call.isEmpty()) {
            return JourneyStep.failed("the sign-in form to send the credentials to GoTrue", "no sign-in call within "
                    + pageTimeout.toSeconds() + " s" + firstError(), tokenEndpoint + " (the app's sign-in form)", browser.screenshot());
        }
        HttpObservation answer = observed(call.get(), tokenEndpoint, start);
        if (answer.status() != 200) {
            return JourneyStep.failed("GoTrue to accept the monitoring user's credentials (HTTP 200 with a session)",
                    answer.status() < 0 ? failedCall(answer.body()) : GoTrue.refusal(answer), tokenEndpoint + " (the app's sign-in form)",
                    browser.screenshot(), answer);
        }
        accessToken = answer.jsonObject().map(j -> j.path("access_token").asText("")).filter(t -> !t.isEmpty()).orElse(null);
        Optional<String> left = await(() -> Optional.of(currentPath()).filter(p -> !p.startsWith(path)), pageTimeout);
        if (left.isEmpty()) {
            return JourneyStep.failed("the app to leave its sign-in page once GoTrue signed the user in",
                    "GoTrue answered 200, and the app still shows " + path + " after " + pageTimeout.toSeconds() + " s" + firstError(),
                    "browser " + url, browser.screenshot());
        }
        return JourneyStep.passed("the monitoring user signed in through the app's form", "GoTrue 200, the app moved to "
                + left.get(), tokenEndpoint + " (the app's sign-in form at " + url + ")", browser.screenshot(), answer);
    }

    /** Asks {@code question} in the app's chat and waits, within {@code timeout}, for ai-query's answer to be shown. */
    JourneyStep ask(String path, String question, Duration timeout, String aiQueryEndpoint, Optional<Jwt> token) {
        String url = site + path;
        Optional<String> unreached = load(url);
        if (unreached.isPresent()) {
            return JourneyStep.failed("the app's chat page to load", unreached.get(), "browser GET " + url, browser.screenshot());
        }
        By box = By.tagName("textarea");
        Optional<WebElement> input = await(() -> first(box).or(() -> {
            // no conversation open: the page offers to start one (src/pages/Conversations.tsx)
            first(By.xpath("//button[contains(normalize-space(.), 'New Conversation')]")).ifPresent(WebElement::click);
            return Optional.empty();
        }), pageTimeout);
        if (input.isEmpty()) {
            String where = currentPath();
            return JourneyStep.failed("the chat's message box at " + path, where.startsWith(path)
                    ? "no message box after " + pageTimeout.toSeconds() + " s; the page shows: " + pageText(160) + firstError()
                    : "the app sent the signed-in user to " + where, "browser GET " + url, browser.screenshot());
        }
        int before = calls("/functions/v1/ai-query").size();
        long start = System.nanoTime();
        input.get().sendKeys(question);
        input.get().sendKeys(Keys.ENTER);
        Optional<Map<?, ?>> call = await(() -> completed("/functions/v1/ai-query", before), timeout);
        if (call.isEmpty()) {
            return JourneyStep.failed("the chat to send the question to ai-query", "no answer from ai-query within "
                    + timeout.toSeconds() + " s (journey.answer-timeout)" + firstError(), "POST " + aiQueryEndpoint + " (the app's chat)",
                    browser.screenshot());
        }
        HttpObservation answer = observed(call.get(), "POST " + aiQueryEndpoint, start);
        if (answer.status() < 0) {
            return JourneyStep.failed("ai-query to answer the signed-in user's question with an AI provider's answer",
                    failedCall(answer.body()), "POST " + aiQueryEndpoint + " (the app's chat)", browser.screenshot(), answer);
        }
        AiQueryAnswer reply = AiQueryAnswer.of(answer);
        if (!reply.answered()) {
            return JourneyStep.failed("ai-query to answer the signed-in user's question with an AI provider's answer",
                    reply.describe(token), "POST " + aiQueryEndpoint + " (the app's chat)", browser.screenshot(), answer);
        }
        // the answer's first words, as any rendering of its markdown shows them; the question, shown too, left out
        List<String> opening = words(reply.text()).stream().limit(6).toList();
        // the answer is in the page: rendering it takes the app moments, however long the AI took; the same limit again
        // keeps a busy machine from reading as a chat that never shows it
        Optional<Boolean> shown = await(() -> Optional.of(java.util.Collections.indexOfSubList(
                words(rawPageText().replace(question.strip(), " ")), opening) >= 0).filter(b -> b), timeout);
        if (shown.isEmpty()) {
            boolean spinning = !driver.findElements(By.cssSelector(".animate-spin, [aria-busy='true']")).isEmpty();
            return JourneyStep.failed("the chat to show ai-query's answer", "ai-query answered HTTP 200 (" + reply.text().length()
                    + " characters) and the chat did not show it within " + timeout.toSeconds() + " s (journey.answer-timeout)"
                    + (spinning ? ", a spinner still turning" : "") + firstError(), "browser " + url, browser.screenshot(), answer);
        }
        return JourneyStep.passed("the chat showed ai-query's answer", reply.text().length() + " characters in "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms", "browser " + url, browser.screenshot(), answer);
    }

    /**
     * A call the page made, as an observation the checks judge and attach like their own: its status (-1 when the browser
     * got no answer it may read), the gateway's {@code sb-error-code} and the body.
     */
    private static HttpObservation observed(Map<?, ?> call, String endpoint, long start) {
        String errorCode = String.valueOf(call.get("code"));
        int space = endpoint.indexOf(' ');
        return HttpObservation.answered(HttpCall.request(endpoint.substring(0, space), endpoint.substring(space + 1)),
                ((Number) call.get("status")).intValue(), null,
                errorCode.isEmpty() ? Map.of() : Map.of("sb-error-code", List.of(errorCode)),
                String.valueOf(call.get("body")), Duration.ofNanos(System.nanoTime() - start), null);
    }

    /** How a step the browser's fetch could not complete begins (the network, or a CORS refusal). */
    public static final String UNREADABLE = "the browser's call got no answer it may read";

    private static String failedCall(String error) {
        return UNREADABLE + " (" + error + "): the network, or the answer lacked the CORS headers that let the app's origin "
                + "read it";
    }

    /**
     * The words of a text, lowercased: what a markdown answer and its rendering share (marks, punctuation, spacing and
     * line breaks differ between them, the words do not).
     */
    static List<String> words(String text) {
        List<String> words = new java.util.ArrayList<>();
        // a link shows its text, never its target
        java.util.regex.Matcher word = WORD.matcher(text.replaceAll("\\]\\([^)]*\\)", "]").toLowerCase(Locale.ROOT));
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+");

    private Optional<String> load(String url) {
        try {
            driver.get(url);
            Object href = ((JavascriptExecutor) driver).executeScript("return location.href;");
            return String.valueOf(href).startsWith("chrome-error://")
                    ? Optional.of("the browser could not reach the site (its error page)") : Optional.empty();
        } catch (org.openqa.selenium.TimeoutException e) {
            return Optional.of("timed out: the page did not load within " + pageTimeout.toSeconds() + " s");
        } catch (RuntimeException e) {
            return Optional.of("the browser could not load it: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private Optional<WebElement> first(By by) {
        return driver.findElements(by).stream().filter(WebElement::isDisplayed).findFirst();
    }

    private List<Map<?, ?>> calls(String path) {
        Object seen = ((JavascriptExecutor) driver).executeScript("return window.__monitorCalls || [];");
        List<Map<?, ?>> out = new java.util.ArrayList<>();
        if (seen instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).map(m -> (Map<?, ?>) m)
                    .filter(m -> String.valueOf(m.get("url")).contains(path)).forEach(out::add);
        }
        return out;
    }

    /** The first call to {@code path} after the first {@code skip}, once its answer is read. */
    private Optional<Map<?, ?>> completed(String path, int skip) {
        return calls(path).stream().skip(skip).filter(m -> ((Number) m.get("status")).intValue() != 0).findFirst();
    }

    private String currentPath() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return location.pathname;"));
    }

    private String rawPageText() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return document.body ? document.body.innerText : '';"));
    }

    private String pageText(int limit) {
        String t = rawPageText().replaceAll("\\s+", " ").strip();
        return t.isEmpty() ? "(nothing)" : t.length() > limit ? t.substring(0, limit) + "..." : t;
    }

    private String firstError() {
        Object errors = ((JavascriptExecutor) driver).executeScript("return window.__monitorErrors || [];");
        return errors instanceof List<?> l && !l.isEmpty() ? "; first error: " + String.valueOf(l.get(0)).lines().findFirst().orElse("") : "";
    }

    /** Asks until {@code probe} has an answer or {@code limit} has passed, a few times a second. */
    private static <T> Optional<T> await(Supplier<Optional<T>> probe, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent() || System.nanoTime() > deadline) {
                return value;
            }
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    void reusable() {
        browser.reusable(true);
    }

    @Override
    public void close() {
        browser.close();
    }
}
