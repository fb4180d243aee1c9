package com.aiqueryhub.monitor.checks.predeploy;

import com.aiqueryhub.monitor.check.HandedInSettings;
import com.aiqueryhub.monitor.checks.daily.DailyChecks;
import com.aiqueryhub.monitor.checks.smoke.SmokeChecks;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.aiqueryhub.monitor.run.ApartThread;
import com.aiqueryhub.monitor.run.RunContext;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs the staging checks now, inside the gate, when the gate's own environment is the staging one and no recent run
 * is kept: a run of its own (handed the same settings), quiet (no console, no Allure evidence, no notification, no
 * push), that leaves its result in the shared history for the gate to read.
 */
final class StagingRun {

    private StagingRun() {
    }

    static void now(RunContext run, String tagExpression) {
        Map<String, String> settings = new LinkedHashMap<>(run.settings().handedDown());
        // in the sandbox, staging is the sandbox this run already started: a second one would only cost its start
        settings.putAll(run.sandboxForRunsInside());
        settings.put(Keys.MONITOR_REPORT_DIR.key(), run.reportDir().toString());
        settings.put(Keys.MONITOR_TAG_EXPRESSION.key(), tagExpression);
        settings.put(Keys.MONITOR_CHECK_RUN.key(), "false");
        settings.put(Keys.MONITOR_CONSOLE.key(), "false");
        settings.put(Keys.MONITOR_EVIDENCE.key(), "false");
        settings.put(Keys.PUSHGATEWAY_URL.key(), "");
        Keys.ALL.stream().map(Setting::key).filter(k -> k.startsWith("notify.") && (k.endsWith("url") || k.endsWith("token")
                || k.endsWith("key"))).forEach(k -> settings.put(k, ""));
        LauncherDiscoveryRequest checks = request()
                .selectors(Stream.of(DailyChecks.CLASSES, SmokeChecks.CLASSES).flatMap(Stream::of).distinct().map(c -> selectClass(c)).toList())
                .filters(TagFilter.includeTags(tagExpression))
                .configurationParameter(HandedInSettings.PARAMETER, HandedInSettings.encode(settings))
                .build();
        // no listener of the surrounding run's (Allure's above all): this run's checks are the gate's evidence, not the report's
        // on a thread of its own: the gate is itself a check running in a JUnit pool (ApartThread says why)
        ApartThread.run("staging-run", () -> LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).enablePostDiscoveryFilterAutoRegistration(false).build())
                .execute(checks));
    }
}
