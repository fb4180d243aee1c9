package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.LayerVerdicts;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.GatewayVerdicts;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.Supabase;
import com.aiqueryhub.monitor.run.Severity;
import org.junit.jupiter.api.Tag;

import java.util.Optional;
import java.util.function.Supplier;

@Daily
@Tag("postdeploy") // also verifies a deploy (DeployVerificationCheck)
@RunbookStep(id = "backend-api", title = "Backend API Status", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", severity = Severity.CRITICAL, components = {"edge function", "api gateway"},
        differsFromRunbook = "The runbook expects the exact body {\"code\":401,\"message\":\"Invalid JWT\"}; the gateway "
                + "has since answered with other codes (UNAUTHORIZED_INVALID_JWT_FORMAT, ...) and messages, and since 2026 "
                + "Supabase advises functions to verify tokens themselves (verify_jwt = false with JWT signing keys), so a "
                + "refusal is recognised by its meaning: a 401 or 403 before the function does any work, from the gateway "
                + "or the function; the functions list says which door refused. "
                + "Besides the runbook's invalid-token call, the checks also call without any token "
                + "and send the browser's CORS preflight; none of them reaches the function with a valid token, "
                + "so no AI credits are spent and no rate-limit slot is used.",
        needs = {"supabase.url"})
class BackendApiCheck {

    @Check(id = "invalid-jwt", name = "A call with an invalid JWT is refused before ai-query does any work",
            remedy = "ai-query let a call without a valid user in; the message says which door the functions list "
                    + "names. Close it: with verify_jwt=false (ai-query verifies tokens itself, as Supabase advises with "
                    + "JWT signing keys), fix its own check (supabase-js auth.getClaims(), a 401 before any work) and "
                    + "redeploy it. Only a project that still signs with the legacy JWT secret and relied on the gateway "
                    + "redeploys ai-query with verify_jwt = true (never one on JWT signing keys: there the gateway's check "
                    + "refuses every real user's token). If there was no answer, check Supabase's status and the function's "
                    + "logs.")
    void rejectsInvalidJwt(EdgeFunctions functions, Supabase supabase, CheckContext check) {
        LayerVerdicts.expectFunctionsUp(check, functions, supabase.verifyJwtAhead("ai-query"));
    }

    @Check(id = "missing-jwt", name = "A call without a token is refused before ai-query does any work",
            remedy = "Same as invalid-jwt: a call without Authorization must be refused before the function does any work, "
                    + "by the gateway (verify_jwt = true) or by ai-query's own check (verify_jwt = false).")
    void rejectsMissingJwt(EdgeFunctions functions, Supabase supabase, CheckContext check) {
        Supplier<Optional<Boolean>> door = supabase.verifyJwtAhead("ai-query");
        HttpObservation call = functions.aiQueryWithoutAuthorization(); // while the functions list is asked for
        GatewayVerdicts.expectRefusedBeforeWork(check, call, "ai-query", door.get());
    }

    @Check(id = "cors", name = "CORS preflight from the front end's origin is allowed",
            remedy = "The front end cannot call the API. Check the allowed origins in ai-query's CORS handling "
                    + "(and the ALLOWED_ORIGINS secret if set) against the site's current domain, then redeploy ai-query.",
            needs = {"frontend.url"})
    void allowsFrontendOrigin(EdgeFunctions functions, FrontEnd site, CheckContext check) {
        check.that(functions.aiQueryPreflight(site.origin())).hasStatusIn(200, 204)
                .allowsCorsFrom(site.origin());
    }
}
