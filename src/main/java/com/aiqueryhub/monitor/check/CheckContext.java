package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.report.FigureHistory;
import com.aiqueryhub.monitor.run.Cause;
import com.aiqueryhub.monitor.run.CheckInfo;
import com.aiqueryhub.monitor.run.CheckResult;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.run.Unobservable;
import io.qameta.allure.Allure;
import org.opentest4j.TestAbortedException;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One check while it runs: what it judges with ({@link #that}, {@link #expect}, {@link #band}), what it measured
 * ({@link #figure}) and what it saw ({@link #attach}), all masked and kept with the check in the run's outputs. Handed
 * to the check method by the checks' extension, beside the probes it asks for.
 */
public final class CheckContext {

    private final RunContext run;
    private final CheckInfo info;

    /** The checks' extension builds one for each check it runs; a test of the assertions builds its own. */
    public CheckContext(RunContext run, CheckInfo info) {
        this.run = run;
        this.info = info;
    }

    public RunContext run() {
        return run;
    }

    public CheckInfo info() {
        return info;
    }

    public Settings settings() {
        return run.settings();
    }

    /** Starts the conditions on an HTTP observation and attaches its evidence. */
    public HttpAssert that(HttpObservation observation) {
        return HttpAssert.of(this, observation);
    }

    /** Starts the conditions on a database observation and attaches its evidence. */
    public DbAssert that(DbObservation observation) {
        return DbAssert.of(this, observation);
    }

    /** Fails with the standard message unless {@code ok}; records the condition as a passed step when it holds. */
    public void expect(boolean ok, String expected, String observed, String endpoint) {
        if (!ok) {
            throw Verdict.failure(expected, observed, endpoint);
        }
        String seen = observed.length() > 80 ? observed.substring(0, 77) + "..." : observed;
        passed(expected + " (observed " + seen + ")");
    }

    /**
     * Judges a value against a warning band and a failure limit (higher is worse): fails above {@code failAbove}, ends
     * the check degraded above {@code warnAbove}, passes otherwise.
     */
    public void band(double value, double warnAbove, double failAbove, String what, String observed, String endpoint) {
        expect(value <= failAbove, what + " at most " + Verdict.trim(failAbove), observed, endpoint);
        if (value > warnAbove) {
            throw new Degraded("expected " + what + " at most " + Verdict.trim(warnAbove) + " (warning band; failure above "
                    + Verdict.trim(failAbove) + "); observed " + observed + " — " + endpoint);
        }
    }

    /** Records a figure of this check and attaches it with its values in earlier runs. */
    public void figure(String name, double value, String unit) {
        figure(name, value, unit, null, null);
    }

    /**
     * The same, for a figure the check judges: {@code limit} (fails above), {@code warn} (degraded above), in its unit,
     * from the settings the check judges by; either may be null.
     */
    public void figure(String name, double value, String unit, Double limit, Double warn) {
        double rounded = Double.parseDouble(String.format(Locale.ROOT, "%.4f", value));
        run.recordFigure(info.id(), new CheckResult.Figure(name, rounded, unit, limit, warn));
        List<String> earlier = new ArrayList<>();
        for (Map.Entry<Instant, Double> e : figures().earlier(info.id(), name, run.environment())) {
            earlier.add(e.getKey() + "  " + e.getValue() + " " + unit);
        }
        attach("figure: " + name, name + " = " + rounded + " " + unit + "\n\nearlier runs (newest last):\n"
                + (earlier.isEmpty() ? "(none kept yet)" : String.join("\n", earlier)) + "\n");
    }

    /** This check's {@code name} figure in the newest earlier run of the same environment, if kept. */
    public Optional<Map.Entry<Instant, Double>> previousFigure(String name) {
        return figures().previous(info.id(), name, run.environment());
    }

    /** The kept figures, read once per run. */
    FigureHistory figures() {
        return run.shared().once("report.figure-history", () -> FigureHistory.load(run.reportDir()));
    }

    /** Attaches what a probe saw, masked. */
    public void attach(String name, String text) {
        if (!run.evidence()) {
            return;
        }
        Allure.addAttachment(name, "text/plain", run.masker().mask(text), ".txt");
    }

    /** A PNG or JPEG image (told apart by its first bytes). */
    public void attachImage(String name, byte[] image) {
        if (!run.evidence()) {
            return;
        }
        boolean jpeg = image.length > 2 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8;
        Allure.addAttachment(name, jpeg ? "image/jpeg" : "image/png", new ByteArrayInputStream(image), jpeg ? ".jpg" : ".png");
    }

    /** Records a condition that held, so a green check shows what it verified. */
    public void passed(String condition) {
        if (!run.evidence()) {
            return;
        }
        Allure.step(run.masker().mask(condition));
    }

    /** Records an attempt that got no answer and was made again, as a broken step. */
    void retried(String what) {
        if (!run.evidence()) {
            return;
        }
        Allure.step(run.masker().mask(what), io.qameta.allure.model.Status.BROKEN);
    }

    void noteRetries(String endpoint, List<String> failures) {
        if (!failures.isEmpty()) {
            run.noteRetries(info.id(), endpoint + " answered after " + failures.size() + " retried attempt(s): "
                    + String.join("; ", failures));
        }
    }

    /**
     * A setting that is wrong for the whole run (a rejected database password or API token) is one finding: the first
     * check to meet it is broken with {@code message}; every later one is skipped, pointing at that check.
     */
    public RuntimeException misconfigured(String setting, String message) {
        return misconfiguredOnce(run, info.id(), setting, message);
    }

    /** One finding per wrong setting and run: the first check to meet it reports it, every later one points there. */
    static RuntimeException misconfiguredOnce(RunContext run, String checkId, String setting, String message) {
        // the monitor's setting, not production: not observed, once
        String first = run.findings().claim("setting " + setting, checkId);
        return first.equals(checkId) ? new Unobservable("not observed: " + message, Cause.monitorSetting(setting))
                : new TestAbortedException("not observed (reported once, by " + first + "): " + message);
    }

    /**
     * An API that keeps answering "later" (429) leaves the suite blind for this run: one finding, "rate limited", on
     * the first check that met it; every later one is skipped pointing at it. Never an outage on every check.
     */
    public RuntimeException rateLimited(String credentialSetting, String message) {
        String first = run.findings().claim("rate-limit " + credentialSetting, info.id());
        return first.equals(info.id()) ? new Unobservable("rate limited: " + message,
                new Cause(Cause.Kind.RATE_LIMITED, List.of(credentialSetting)))
                : new TestAbortedException("rate limited (reported once, by " + first + "): " + message);
    }
}
