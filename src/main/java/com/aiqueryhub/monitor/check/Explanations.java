package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.Misconfiguration;
import com.aiqueryhub.monitor.config.MissingSettingException;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.run.Cause;
import com.aiqueryhub.monitor.run.CheckFailure;
import com.aiqueryhub.monitor.run.CheckInfo;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.run.ManualStep;
import com.aiqueryhub.monitor.run.RunContext;
import com.aiqueryhub.monitor.run.Skipped;
import com.aiqueryhub.monitor.run.SuiteMisconfigured;
import com.aiqueryhub.monitor.run.Unobservable;
import com.aiqueryhub.monitor.secret.Masker;
import org.opentest4j.TestAbortedException;

import java.util.List;
import java.util.Optional;

/**
 * What a check ends with, for the person on call: a real failure with the upstream incident that may explain it, its
 * severity, remedy and runbook link; a skip or a misconfiguration in one line; every message masked. One branch per
 * kind of outcome, each a line or two.
 */
final class Explanations {

    private Explanations() {
    }

    /** The exception a check ends with: masked, and for a real failure with severity, remedy and runbook link. */
    static Throwable explain(Throwable thrown, RunResource resource, Optional<CheckInfo> info) {
        Masker masker = resource.masker();
        String tail = info.map(CheckInfo::failureContext).orElse("");
        if (thrown instanceof Degraded) {
            return new Degraded(masker.mask(thrown.getMessage() + tail));
        }
        if (thrown instanceof ManualStep) {
            return thrown;
        }
        if (thrown instanceof Skipped skipped) {
            return new Skipped(masker.mask("skipped: " + thrown.getMessage().replaceFirst("^skipped: ", "")), skipped.outcomeCause());
        }
        if (thrown instanceof TestAbortedException) {
            // JUnit's assumptions say "Assumption failed: ..."; the reason is all the report needs
            return new TestAbortedException(masker.mask("skipped: " + thrown.getMessage().replaceFirst("^Assumption failed: ", "")));
        }
        if (thrown instanceof MissingSettingException missing) {
            if (resource.run().map(r -> r.settings().strict()).orElse(false)) {
                return new SuiteMisconfigured(masker.mask("suite misconfigured: " + missing.getMessage()
                        + " (monitor.strict=true turns a missing setting into a failure)"), Cause.missing(List.of(missing.key())));
            }
            return new Skipped(masker.mask("skipped: " + missing.getMessage()), Cause.missing(List.of(missing.key())));
        }
        if (thrown instanceof Unobservable notObserved) {
            return new Unobservable(masker.mask(thrown.getMessage()), notObserved.outcomeCause());
        }
        if (thrown instanceof Misconfiguration wrong && resource.run().isPresent() && info.isPresent()) {
            // a setting wrong for the whole run is one finding: the first check to meet it reports it (as CheckContext does)
            return CheckContext.misconfiguredOnce(resource.run().get(), info.get().id(), wrong.setting(),
                    masker.mask(thrown.getMessage().replaceFirst("^suite misconfigured: ", "")));
        }
        if (thrown instanceof SettingsException || thrown instanceof SuiteMisconfigured) {
            return new SuiteMisconfigured(masker.mask("suite misconfigured: " + thrown.getMessage()
                    .replaceFirst("^suite misconfigured: ", "")));
        }
        if (thrown instanceof AssertionError) {
            // nothing answers this runner, production nor the references: its network, not production's outage
            Optional<String> blind = resource.run().flatMap(RunContext::runnerBlind);
            if (blind.isPresent()) {
                return new Unobservable(masker.mask("not observed: " + blind.get()),
                        new Cause(Cause.Kind.RUNNER_NETWORK, List.of(), blind.get()));
            }
            String upstream = info.flatMap(i -> resource.run().map(r -> upstreamNote(r, i))).orElse("");
            return new CheckFailure(masker.mask(upstream + thrown.getMessage() + tail), thrown.getStackTrace());
        }
        RuntimeException broken = new RuntimeException(masker.mask("the check itself failed: "
                + thrown.getClass().getSimpleName() + ": " + thrown.getMessage() + tail));
        broken.setStackTrace(thrown.getStackTrace());
        return broken;
    }

    /** "upstream incident at Supabase (major): ...\n" when a provider this check depends on reports one. */
    private static String upstreamNote(RunContext run, CheckInfo info) {
        try {
            List<String> incidents = run.upstream().notesFor(info.dependsOn(), info.components());
            return incidents.isEmpty() ? "" : String.join("\n", incidents) + "\n";
        } catch (RuntimeException e) {
            return ""; // no status page settings, or none readable: the failure speaks for itself
        }
    }
}
