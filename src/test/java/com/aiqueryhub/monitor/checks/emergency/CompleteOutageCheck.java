package com.aiqueryhub.monitor.checks.emergency;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.LayerVerdicts;
import com.aiqueryhub.monitor.check.Emergency;
import com.aiqueryhub.monitor.check.GatewayVerdicts;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.probe.Database;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.StatusPages;
import com.aiqueryhub.monitor.probe.Upstream;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.run.Severity;

import java.util.ArrayList;
import java.util.List;

import static com.aiqueryhub.monitor.probe.StatusPages.Condition.MAINTENANCE;
import static com.aiqueryhub.monitor.probe.StatusPages.Condition.UNKNOWN;

@Emergency
@RunbookStep(id = "outage", title = "Complete System Outage", section = "Emergency Procedures",
        anchor = "1-complete-system-outage", dependsOn = {}, severity = Severity.CRITICAL,
        differsFromRunbook = "Steps 1 to 3 of the runbook (verify the outage, check Supabase's status, check the "
                + "dependencies) in one run: each layer is probed on its own, and the triage check names every layer "
                + "of ours that is down, with an upstream incident that concerns the project (a component it uses, in its "
                + "region) as the likely cause; incidents elsewhere are listed, never red. A status page that cannot be read, is not Statuspage JSON "
                + "or shows an unknown indicator is context (degraded at most), never an outage.")
class CompleteOutageCheck {

    @Check(id = "frontend", name = "Our front end answers",
            remedy = "Netlify: check the last deploy and www.netlifystatus.com; roll back if the last deploy broke it.",
            needs = {"frontend.url"})
    void frontend(FrontEnd site, CheckContext check) {
        LayerVerdicts.expectFrontEndUp(check, site);
    }

    @Check(id = "functions", name = "Our edge functions answer (a 401 or 403 for an invalid token)",
            remedy = "Supabase Edge Functions: check status.supabase.com, then the function list and logs; redeploy ai-query. "
                    + "If it answered the invalid token, backend-api.invalid-jwt's remedy says which door to close.",
            needs = {"supabase.url", "supabase.project-ref", "supabase.access-token"})
    void functions(EdgeFunctions functions, Supabase supabase, CheckContext check) {
        LayerVerdicts.expectFunctionsUp(check, functions, supabase.verifyJwtAhead("ai-query"));
    }

    @Check(id = "database", name = "Our database answers SQL",
            remedy = "Check the project status in the Supabase dashboard and status.supabase.com; escalate to Supabase "
                    + "support if the project is unhealthy without a posted incident.",
            needs = {"db.user", "db.password"})
    void database(Database db, CheckContext check) {
        LayerVerdicts.expectDatabaseUp(check, db);
    }

    @Check(id = "upstream", name = "No provider reports an incident that concerns us (Supabase in our region, Anthropic, Netlify, OpenRouter)",
            remedy = "An upstream incident that concerns this project (a component the checks use, in its region): follow "
                    + "the provider's status page, tell users through our status page if our own checks fail too (runbook "
                    + "step 5), and switch AI providers if one is down; nothing to fix on our side. Incidents elsewhere "
                    + "(another region, a service we do not use) are listed and never red. A page whose status is unknown is "
                    + "only context: set statuspage.NAME.url to the provider's Statuspage, or leave it empty to stop reading it.")
    void upstream(Upstream upstream, CheckContext check) {
        List<StatusPages.Reading> pages = upstream.readAll();
        List<String> elsewhere = upstream.incidentsElsewhere(pages);
        check.attach("upstream incidents elsewhere (not ours: listed, never red)",
                elsewhere.isEmpty() ? "none\n" : String.join("\n", elsewhere) + "\n");
        // context, never the verdict: our own checks say whether we are down. An incident that concerns us, an unknown
        // status or a planned maintenance shows, without failing the run
        List<String> notes = new ArrayList<>(upstream.incidentsConcerningUs(pages));
        notes.addAll(StatusPages.texts(pages, UNKNOWN));
        notes.addAll(StatusPages.texts(pages, MAINTENANCE));
        check.passed("no provider's page can fail this check by itself: incidents elsewhere " + elsewhere.size());
        if (!notes.isEmpty()) {
            throw new Degraded("expected every provider's status page readable and operational for what we use; observed "
                    + String.join("; ", notes) + " (our own checks decide whether we are down; a failing one names this as "
                    + "the likely cause) — " + upstream.endpoints());
        }
    }

    @Check(id = "triage", name = "Triage: every layer of ours is up (an upstream incident named as the likely cause)",
            remedy = "The failing layers are named above: start with the first one down (ours before upstream), then "
                    + "follow the runbook's outage steps 4 to 6 (escalate, communicate, document).",
            needs = {"frontend.url", "supabase.url", "supabase.project-ref", "supabase.access-token", "db.user", "db.password"})
    void triage(FrontEnd site, EdgeFunctions edgeFunctions, Database database, Upstream upstream, CheckContext check) {
        List<String> down = new ArrayList<>();
        HttpObservation home = site.homePage();
        if (!LayerVerdicts.frontEndUp(home)) {
            down.add("front end DOWN (" + home.summary() + ")");
        }
        HttpObservation functions = edgeFunctions.aiQueryWithInvalidJwt();
        if (!GatewayVerdicts.refusedBeforeWork(functions)) {
            down.add("edge functions DOWN (" + functions.summary() + ")");
        }
        DbObservation db = database.ping();
        // a refused login is our setting, not the database: outage.database reports it as a misconfiguration
        if (LayerVerdicts.databaseDown(db)) {
            down.add("database DOWN (" + db.summary() + ")");
        }
        List<StatusPages.Reading> pages = upstream.readAll();
        List<String> ours = upstream.incidentsConcerningUs(pages);
        List<String> notes = new ArrayList<>(upstream.incidentsElsewhere(pages));
        notes.addAll(StatusPages.texts(pages, UNKNOWN));
        notes.addAll(StatusPages.texts(pages, MAINTENANCE));
        check.attach("upstream context (not counted as down)", notes.isEmpty() ? "none\n" : String.join("\n", notes) + "\n");
        String likely = ours.isEmpty() ? "" : "; likely cause: upstream " + String.join("; upstream ", ours);
        check.expect(down.isEmpty(), "every layer of ours up (front end, edge functions, database)",
                String.join("; ", down) + likely, "all layers");
        if (!ours.isEmpty()) {
            throw new Degraded("expected no upstream incident that concerns us; observed upstream " + String.join("; upstream ", ours)
                    + " while every layer of ours answers — " + upstream.endpoints());
        }
    }
}
