package com.aiqueryhub.monitor.probe;

import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
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

    private final Browser browser;
    private final ChromeDriver driver;
    private final PageWatch watch;
    private final String site;
    private final Duration pageTimeout;
    private String accessToken;

    private AppJourney(Browser browser, String site, Duration pageTimeout) {
        this.browser = browser;
        this.driver = browser.driver();
        this.watch = new PageWatch(driver, site);
        this.site = site;
        this.pageTimeout = pageTimeout;
    }

    /** A browser for the journey; empty when none is installed. */
    static Optional<AppJourney> open(String site, Duration pageTimeout, boolean acceptPrivateCa, Optional<String> driver, boolean keep,
                                     boolean screenshots) {
        return Browser.open(pageTimeout, acceptPrivateCa, driver, keep, BrowserProbe.WATCH + PageWatch.CALLS, screenshots)
                .map(b -> new AppJourney(b, site, pageTimeout));
    }

    /** The access token of the session the app's sign-in made (a secret: never in a message). */
    Optional<String> accessToken() {
        return Optional.ofNullable(accessToken);
    }

    /**
     * Signs in through the app's form, as a person would type it. The form renders more than once while the app's auth
     * state settles: the step waits until it is ready (every field present and enabled), finds each element afresh for
     * each action, types again what a re-render lost, and says "no sign-in form" only when none appeared within the limit.
     */
    JourneyStep signIn(String path, String email, String password, String tokenEndpoint) {
        String url = site + path;
        Optional<String> unreached = load(url);
        if (unreached.isPresent()) {
            return JourneyStep.failed("the app's sign-in page to load", unreached.get(), "browser GET " + url, browser.screenshot());
        }
        int before = watch.calls("/auth/v1/token").size();
        long start = System.nanoTime();
        long deadline = start + pageTimeout.toNanos();
        boolean formSeen = false;
        Optional<Map<?, ?>> call = Optional.empty();
        while (call.isEmpty() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            if (watch.calls("/auth/v1/token").size() > before) {
                // the credentials are on their way: wait for GoTrue's answer, within the same limit
                call = await(() -> watch.completed("/auth/v1/token", before), remaining(deadline));
                break;
            }
            try {
                Optional<SignInForm> form = signInForm();
                if (form.isEmpty()) {
                    if (watch.appStopped()) {
                        break;
                    }
                    pause();
                    continue;
                }
                formSeen = true;
                typeInto(form.get().email(), email);
                typeInto(form.get().password(), password);
                // a re-render while typing leaves a fresh, empty form: what is on the page now is what gets sent
                Optional<SignInForm> now = signInForm();
                if (now.isEmpty() || !email.equals(now.get().email().getDomProperty("value"))
                        || !password.equals(now.get().password().getDomProperty("value"))) {
                    continue;
                }
                now.get().submit().click();
                call = await(() -> watch.completed("/auth/v1/token", before), Duration.ofSeconds(2));
            } catch (StaleElementReferenceException | ElementNotInteractableException e) {
                // the form was replaced under us: find it again
            }
        }
        if (call.isEmpty()) {
            return JourneyStep.failed("the app's sign-in form (#signin-email, #signin-password and its submit button) to send "
                    + "the credentials to GoTrue", formSeen
                    ? "the form never sent them within " + pageTimeout.toSeconds() + " s" + watch.firstError()
                    : "no sign-in form " + waited() + "; the page shows: " + watch.pageText(160) + watch.firstError(),
                    "browser GET " + url, browser.screenshot());
        }
        HttpObservation answer = PageWatch.observed(call.get(), tokenEndpoint, start);
        if (answer.status() != 200) {
            return JourneyStep.failed("GoTrue to accept the monitoring user's credentials (HTTP 200 with a session)",
                    answer.status() < 0 ? failedCall(answer.body()) : GoTrue.refusal(answer), tokenEndpoint + " (the app's sign-in form)",
                    browser.screenshot(), answer);
        }
        accessToken = answer.jsonObject().map(j -> j.path("access_token").asText("")).filter(t -> !t.isEmpty()).orElse(null);
        Optional<String> left = await(() -> Optional.of(watch.currentPath()).filter(p -> !p.startsWith(path)), pageTimeout);
        if (left.isEmpty()) {
            return JourneyStep.failed("the app to leave its sign-in page once GoTrue signed the user in",
                    "GoTrue answered 200, and the app still shows " + path + " after " + pageTimeout.toSeconds() + " s" + watch.firstError(),
                    "browser " + url, browser.screenshot());
        }
        return JourneyStep.passed("the monitoring user signed in through the app's form", "GoTrue 200, the app moved to "
                + left.get(), tokenEndpoint + " (the app's sign-in form at " + url + ")", browser.screenshot(), answer);
    }

    /** The sign-in form as a user can use it: both fields and the form's submit button shown and enabled. */
    private record SignInForm(WebElement email, WebElement password, WebElement submit) {
    }

    private Optional<SignInForm> signInForm() {
        Optional<WebElement> email = usable(By.id("signin-email"));
        Optional<WebElement> password = usable(By.id("signin-password"));
        Optional<WebElement> submit = usable(By.xpath("//input[@id='signin-email']/ancestor::form//button[@type='submit']"));
        return email.isPresent() && password.isPresent() && submit.isPresent()
                ? Optional.of(new SignInForm(email.get(), password.get(), submit.get())) : Optional.empty();
    }

    /** Types {@code text} into a field unless it already holds it, replacing whatever a re-render left there. */
    private static void typeInto(WebElement field, String text) {
        String value = field.getDomProperty("value");
        if (text.equals(value)) {
            return;
        }
        if (value != null && !value.isEmpty()) {
            // one backspace per character: select-all is Control-A on one system and Command-A on another
            field.sendKeys(Keys.END, String.valueOf(Keys.BACK_SPACE).repeat(value.length()));
        }
        field.sendKeys(text);
    }

    /**
     * Asks {@code question} in the app's chat and waits, within {@code timeout}, for ai-query's answer to be shown. It
     * goes on from the page the app showed after the sign-in, as a user does: when that is not the chat, through the
     * app's own link to it, never by loading a URL.
     */
    JourneyStep ask(String path, String question, Duration timeout, String aiQueryEndpoint, Optional<Jwt> token) {
        String url = site + path;
        String shown = watch.currentPath();
        if (!shown.startsWith(path)) {
            // the app's navigation to the chat (src/components/AppSidebar.tsx: NavLink "AI Chat" to /conversations)
            By link = By.cssSelector("a[href='" + path + "'], a[href='" + url + "']");
            Optional<Boolean> followed = await(() -> {
                if (watch.currentPath().startsWith(path)) {
                    return Optional.of(true);
                }
                try {
                    usable(link).ifPresent(WebElement::click);
                } catch (StaleElementReferenceException | ElementNotInteractableException e) {
                    // the page re-rendered its navigation: the next round finds the link again
                }
                return Optional.<Boolean>empty();
            }, pageTimeout);
            if (followed.isEmpty()) {
                return JourneyStep.failed("a link to the chat (" + path + ") in the page the app shows a signed-in user",
                        "none followed within " + pageTimeout.toSeconds() + " s at " + watch.currentPath() + "; the page shows: " + watch.pageText(160)
                                + watch.firstError(), "browser " + site + shown, browser.screenshot());
            }
        }
        Optional<String> ready = awaitChat(path);
        if (ready.isEmpty()) {
            String where = watch.currentPath();
            return JourneyStep.failed("the chat's message box at " + path, where.startsWith(path)
                    ? "no message box " + waited() + "; the page shows: " + watch.pageText(160) + watch.firstError()
                    : "the app sent the signed-in user to " + where + watch.signedOutBy(0), "browser " + url, browser.screenshot());
        }
        int before = watch.calls("/functions/v1/ai-query").size();
        long start = System.nanoTime();
        Optional<Boolean> sent = await(() -> {
            try {
                Optional<WebElement> box = usable(CHAT_BOX);
                if (box.isEmpty()) {
                    return Optional.empty();
                }
                typeInto(box.get(), question);
                Optional<WebElement> now = usable(CHAT_BOX);
                if (now.isPresent() && question.equals(now.get().getDomProperty("value"))) {
                    now.get().sendKeys(Keys.ENTER);
                    return Optional.of(true);
                }
            } catch (StaleElementReferenceException | ElementNotInteractableException e) {
                // the chat re-rendered its box: find it again
            }
            return Optional.empty();
        }, pageTimeout);
        if (sent.isEmpty()) {
            return JourneyStep.failed("the chat's message box to take the question", "it could not be typed into within "
                    + pageTimeout.toSeconds() + " s" + watch.firstError(), "browser " + url, browser.screenshot());
        }
        Optional<Map<?, ?>> call = await(() -> watch.completed("/functions/v1/ai-query", before), timeout);
        if (call.isEmpty()) {
            return JourneyStep.failed("the chat to send the question to ai-query", "no answer from ai-query within "
                    + timeout.toSeconds() + " s (journey.answer-timeout)" + watch.firstError(), "POST " + aiQueryEndpoint + " (the app's chat)",
                    browser.screenshot());
        }
        HttpObservation answer = PageWatch.observed(call.get(), "POST " + aiQueryEndpoint, start);
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
        Optional<Boolean> onPage = await(() -> Optional.of(java.util.Collections.indexOfSubList(
                words(watch.rawPageText().replace(question.strip(), " ")), opening) >= 0).filter(b -> b), timeout);
        if (onPage.isEmpty()) {
            boolean spinning = !driver.findElements(By.cssSelector(".animate-spin, [aria-busy='true']")).isEmpty();
            return JourneyStep.failed("the chat to show ai-query's answer", "ai-query answered HTTP 200 (" + reply.text().length()
                    + " characters) and the chat did not show it within " + timeout.toSeconds() + " s (journey.answer-timeout)"
                    + (spinning ? ", a spinner still turning" : "") + watch.firstError(), "browser " + url, browser.screenshot(), answer);
        }
        return JourneyStep.passed("the chat showed ai-query's answer", reply.text().length() + " characters in "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms", "browser " + url, browser.screenshot(), answer);
    }

    /**
     * Loads the chat page again, as a user who reloads it or opens it from a bookmark, and expects the user still signed
     * in: the chat shown and the session still in the page's storage. When the app signs the user out, the step names
     * which of the app's functions cleared its storage, and any uncaught error.
     */
    JourneyStep reload(String path) {
        String url = site + path;
        int wipesBefore = watch.kept("storage").size();
        Optional<String> unreached = load(url);
        if (unreached.isPresent()) {
            return JourneyStep.failed("the chat page to load again", unreached.get(), "browser GET " + url, browser.screenshot());
        }
        Optional<String> ready = awaitChat(path);
        boolean session = Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(SESSION_KEPT));
        if (ready.isPresent() && session) {
            return JourneyStep.passed("the signed-in user stayed signed in when the chat page loaded again",
                    "the chat shown at " + watch.currentPath() + ", the session still in the page's storage", "browser GET " + url,
                    browser.screenshot());
        }
        String where = watch.currentPath();
        String outcome = !where.startsWith(path) ? "the app sent the user to " + where
                : ready.isEmpty() ? "no chat " + waited() + "; the page shows: " + watch.pageText(120)
                : "the chat is shown with no session left in the page's storage";
        return JourneyStep.failed("the signed-in user to stay signed in when the chat page loads again (a reload, a bookmark, "
                + "a link opened in a new tab)", "a page load of " + path + " signed the user out: " + outcome
                + watch.signedOutBy(wipesBefore), "browser GET " + url, browser.screenshot());
    }

    /** How long a step waited for what never came: the page limit, or less when the app stopped after an error. */
    private String waited() {
        return watch.appStopped() ? "(the app stopped after an error, nothing left pending)" : "after " + pageTimeout.toSeconds() + " s";
    }

    /** The chat's message box: the chat page's own textarea. */
    private static final By CHAT_BOX = By.tagName("textarea");

    /** Whether a Supabase session (sb-*-auth-token, as supabase-js keeps it) is in the page's storage. */
    private static final String SESSION_KEPT = "return Object.keys(localStorage).some(function (k) {"
            + " return /^sb-.+-auth-token$/.test(k) && (localStorage.getItem(k) || '').indexOf('access_token') >= 0; });";

    /**
     * Waits for the chat to be usable at {@code path}: its message box, or (no conversation open) after pressing "Start
     * New Conversation" (src/pages/Conversations.tsx). Empty when the app shows no chat within the page limit, or leaves
     * the chat's path for good: elsewhere with no session left in its storage, the user signed out, who cannot come back
     * without signing in again; or the app stopped after an error (waiting out the page limit then would tell nothing more).
     */
    private Optional<String> awaitChat(String path) {
        return await(() -> {
            try {
                if (usable(CHAT_BOX).isPresent()) {
                    return Optional.of(Optional.of(watch.currentPath()));
                }
                if ((!watch.currentPath().startsWith(path)
                        && !Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(SESSION_KEPT))) || watch.appStopped()) {
                    return Optional.of(Optional.<String>empty());
                }
                usable(By.xpath("//button[contains(normalize-space(.), 'New Conversation')]")).ifPresent(WebElement::click);
            } catch (StaleElementReferenceException | ElementNotInteractableException e) {
                // re-rendered: the next round looks again
            }
            return Optional.<Optional<String>>empty();
        }, pageTimeout).flatMap(chat -> chat);
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

    /** The first element found by {@code by} that is shown and enabled; none while the page re-renders it. */
    private Optional<WebElement> usable(By by) {
        try {
            return driver.findElements(by).stream().filter(e -> e.isDisplayed() && e.isEnabled()).findFirst();
        } catch (StaleElementReferenceException e) {
            return Optional.empty();
        }
    }

    private Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static void pause() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
