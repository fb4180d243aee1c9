package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.preflight.Preflight;
import com.aiqueryhub.monitor.probe.Billing;
import com.aiqueryhub.monitor.probe.Certificates;
import com.aiqueryhub.monitor.probe.Database;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.probe.GoTrue;
import com.aiqueryhub.monitor.probe.MetricsApi;
import com.aiqueryhub.monitor.probe.Netlify;
import com.aiqueryhub.monitor.probe.SignedInJourney;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.probe.Upstream;
import com.aiqueryhub.monitor.run.RunContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Map;
import java.util.function.Function;

/**
 * What a check method may ask for ({@code void answers(FrontEnd site, CheckContext check)}): the run's probes, built once
 * per run by its {@link RunContext}; the run itself and its settings; the preflight; and the check's own context.
 */
public final class CheckParameters implements ParameterResolver {

    /** The probes a check or a lifecycle method may ask for, each built once per run by the run. */
    private static final Map<Class<?>, Function<RunContext, Object>> PROBES = Map.ofEntries(
            Map.entry(FrontEnd.class, RunContext::frontEnd),
            Map.entry(EdgeFunctions.class, RunContext::edgeFunctions),
            Map.entry(Supabase.class, RunContext::supabase),
            Map.entry(Database.class, RunContext::database),
            Map.entry(MetricsApi.class, RunContext::metrics),
            Map.entry(Billing.class, RunContext::billing),
            Map.entry(Certificates.class, RunContext::certificates),
            Map.entry(Upstream.class, RunContext::upstream),
            Map.entry(Netlify.class, RunContext::netlify),
            Map.entry(GoTrue.class, RunContext::goTrue),
            Map.entry(SignedInJourney.class, RunContext::journey));

    /** Besides probes: the run itself, its settings, and the preflight (which reads through the run's probes). */
    private static final Map<Class<?>, Function<RunContext, Object>> RUN = Map.of(
            RunContext.class, run -> run,
            Settings.class, RunContext::settings,
            Preflight.class, run -> run.shared().once("preflight", () -> new Preflight(run)));

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == CheckContext.class || PROBES.containsKey(type) || RUN.containsKey(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == CheckContext.class) {
            CheckContext check = context.getStore(CheckRuns.NAMESPACE).get(CheckContext.class, CheckContext.class);
            if (check == null) {
                // the run could not start (its reason is thrown) or this is no check method
                CheckRuns.resource(context).require();
                throw new ParameterResolutionException("a CheckContext is handed to @Check methods only");
            }
            return check;
        }
        return PROBES.getOrDefault(type, RUN.get(type)).apply(CheckRuns.resource(context).require());
    }
}
