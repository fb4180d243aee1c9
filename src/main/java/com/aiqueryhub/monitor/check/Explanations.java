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
                // a scheduled run that lost a setting: the monitor's trouble, its owner's to fix, never production's failure
                return new Unobservable(masker.mask("not observed: " + missing.getMessage()
                        + " (monitor.strict=true: a setting the monitor lacks fails the run, as the monitor's own trouble)"),
                        Cause.missing(List.of(missing.key())));
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
        if (thrown instanceof AssertionError && info.map(CheckInfo::isPreflight).orElse(false)) {
            // the preflight lists each item in its own words (a missing secret, a host that does not resolve): never
            // folded into one blind line, which would hide the settings it exists to name
            return new CheckFailure(masker.mask(thrown.getMessage() + tail), thrown.getStackTrace());
        }
        if (thrown instanceof AssertionError) {
            // nothing answers this runner, production nor the references: its network, not production's outage
            Optional<String> blind = resource.run().flatMap(RunContext::runnerBlind);
            if (blind.isPresent()) {
                return new Unobservable(masker.mask("not observed: " + blind.get()),
                        new Cause(Cause.Kind.RUNNER_NETWORK, List.of(), blind.get()));
            }
            Optional<String> neverReached = resource.run().flatMap(Explanations::neverReached);
            if (neverReached.isPresent()) {
                return new Unobservable(masker.mask("not observed: " + neverReached.get()), new Cause(Cause.Kind.NEVER_REACHED,
                        List.of("frontend.url", "supabase.url", "db.url"), neverReached.get()));
            }
            String upstream = info.flatMap(i -> resource.run().map(r -> upstreamNote(r, i))).orElse("");
            return new CheckFailure(masker.mask(upstream + thrown.getMessage() + tail), thrown.getStackTrace());
        }
        RuntimeException broken = new RuntimeException(masker.mask("the check itself failed: "
                + thrown.getClass().getSimpleName() + ": " + thrown.getMessage() + tail));
        broken.setStackTrace(thrown.getStackTrace());
        return broken;
    }

    /**
     * Whether production's addresses have never answered this runner: none answers now while a reference does, and no
     * run kept in the history reached them. A typo in frontend.url, supabase.url or db.url looks exactly like production
     * gone everywhere, except that it never worked: the monitor's owner's to check, never production's page. Once these
     * addresses have answered, the same failure is production's. Asked once a run, at its first failure.
     */
    private static Optional<String> neverReached(RunContext run) {
        return run.shared().once("never-reached", () -> {
            com.aiqueryhub.monitor.probe.RunnerNetwork network = com.aiqueryhub.monitor.probe.RunnerNetwork.of(run.settings());
            List<String> hosts = network.productionHosts();
            if (hosts.isEmpty() || !network.productionUnreachedWhileReferencesAnswer()) {
                return Optional.<String>empty();
            }
            java.util.Set<String> reached = com.aiqueryhub.monitor.report.RunHistory.load(
                    com.aiqueryhub.monitor.report.RunHistory.file(run.reportDir())).reached(run.environment());
            if (hosts.stream().anyMatch(reached::contains)) {
                return Optional.<String>empty();
            }
            return Optional.of("never reached: none of " + String.join(", ", hosts) + " has answered this runner, in this run "
                    + "or any kept in its history, while the references answer: check frontend.url, supabase.url and db.url "
                    + "for a typo (production down everywhere at once looks the same, but it answered before)");
        });
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
