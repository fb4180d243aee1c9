package com.aiqueryhub.monitor.sandbox;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.aiqueryhub.monitor.sandbox.Answers.serve;
import static com.aiqueryhub.monitor.sandbox.Answers.text;
import static com.aiqueryhub.monitor.sandbox.Sandbox.PROJECT_REGION;
import static com.aiqueryhub.monitor.sandbox.SandboxJson.array;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** The providers' status pages (Atlassian Statuspage, and OpenRouter's Datadog page) on the platform server. */
record StatusPagesStandIn(Set<Fault> faults, WireMockServer platform) {

    /** The providers' status pages the suite reads, each at /statuspage/NAME on the platform server. */
    static final Map<String, Setting<URI>> STATUS_PAGES = statusPages();


    private static Map<String, Setting<URI>> statusPages() {
        Map<String, Setting<URI>> pages = new LinkedHashMap<>();
        pages.put("supabase", Keys.STATUSPAGE_SUPABASE_URL);
        pages.put("anthropic", Keys.STATUSPAGE_ANTHROPIC_URL);
        pages.put("netlify", Keys.STATUSPAGE_NETLIFY_URL);
        pages.put("openrouter", Keys.STATUSPAGE_OPENROUTER_URL);
        return Collections.unmodifiableMap(pages);
    }

    /** The providers' pages, each answering a recorded shape (contracts/ext/statuspage/...). */
    void stub() {
        for (String page : List.of("supabase", "anthropic", "netlify", "openrouter")) {
            String base = "/statuspage/" + page;
            if (faults.contains(Fault.STATUSPAGES_DOWN)) {
                platform.stubFor(get(urlPathMatching(base + "/.*")).willReturn(text(503, "Service Unavailable")));
                continue;
            }
            // a Datadog status page answers its app shell at every path it does not know, /api/v2/* included
            Contract shell = Contract.load("ext/statuspage/not-statuspage");
            if (page.equals("openrouter")) {
                platform.stubFor(get(urlPathMatching(base + "/.*")).atPriority(9).willReturn(serve(shell)));
                platform.stubFor(get(urlPathEqualTo(base + "/config.json")).willReturn(serve(Contract.load("ext/statuspage/datadog-config"))));
                continue;
            }
            if (page.equals("netlify") && faults.contains(Fault.STATUSPAGE_NOT_STATUSPAGE)) {
                platform.stubFor(get(urlPathMatching(base + "/.*")).willReturn(serve(shell)));
                continue;
            }
            Contract summary = Contract.load("ext/statuspage/summary-none");
            if (faults.contains(Fault.API_FIELDS_ADDED)) { // the page's time zone, and a list after the page
                summary = summary.withJson(body -> {
                    ((ObjectNode) body.get("page")).put("time_zone", "Etc/UTC");
                    SandboxJson.insertAfter((ObjectNode) body, "page", "affected_regions", array());
                });
            }
            if (page.equals("supabase") && faults.contains(Fault.STATUS_INCIDENT_OTHER_REGION)) {
                summary = Contract.load("ext/statuspage/summary-incident-regional").with("{region}", "eu-central-1");
            } else if (page.equals("supabase") && faults.contains(Fault.STATUS_INCIDENT_OWN_REGION)) {
                summary = Contract.load("ext/statuspage/summary-incident-regional").with("{region}", PROJECT_REGION);
            } else if (page.equals("supabase") && faults.contains(Fault.UPSTREAM_INCIDENT)) {
                summary = Contract.load("ext/statuspage/summary-incident");
            } else if (page.equals("supabase") && faults.contains(Fault.STATUSPAGE_MAINTENANCE)) {
                summary = Contract.load("ext/statuspage/summary-maintenance");
            } else if (page.equals("supabase") && faults.contains(Fault.STATUSPAGE_MAINTENANCE_DATABASE)) {
                summary = Contract.load("ext/statuspage/summary-maintenance-components");
            } else if (page.equals("anthropic") && faults.contains(Fault.STATUSPAGE_UNKNOWN)) {
                summary = summary.withJson(body -> ((ObjectNode) body.get("status")).put("indicator", "purple"));
            }
            platform.stubFor(get(urlPathEqualTo(base + "/api/v2/summary.json")).willReturn(serve(summary)));
        }
    }
}
