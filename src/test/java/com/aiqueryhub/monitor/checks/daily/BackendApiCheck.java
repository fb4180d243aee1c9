package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.GatewayVerdicts;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.probe.EdgeFunctions;
import com.aiqueryhub.monitor.probe.FrontEnd;
import com.aiqueryhub.monitor.run.Severity;
import org.junit.jupiter.api.Tag;

@Daily
@Tag("postdeploy") // also verifies a deploy (DeployVerificationCheck)
@RunbookStep(id = "backend-api", title = "Backend API Status", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", severity = Severity.CRITICAL, components = {"edge function", "api gateway"},
        differsFromRunbook = "The runbook expects the exact body {\"code\":401,\"message\":\"Invalid JWT\"}; the gateway "
                + "has since answered with other codes (UNAUTHORIZED_INVALID_JWT_FORMAT, ...) and messages, so a refusal is "
                + "recognised by its meaning: a 401 with a JSON message, from the gateway, not the function. "
                + "Besides the runbook's invalid-token call, the checks also call without any token "
                + "and send the browser's CORS preflight; none of them reaches the function with a valid token, "
                + "so no AI credits are spent and no rate-limit slot is used.")
class BackendApiCheck {

    @Check(id = "invalid-jwt", name = "Gateway refuses an invalid JWT with its 401",
            remedy = "If ai-query answered by itself (its 500 'User not authenticated', its own 401 or a 200), JWT "
                    + "verification was switched off for it: redeploy it without --no-verify-jwt (verify_jwt = true). "
                    + "If there was no answer, check Supabase's status and the function's logs.")
    void rejectsInvalidJwt(EdgeFunctions functions, CheckContext check) {
        GatewayVerdicts.expectRefusedByGateway(check, functions.aiQueryWithInvalidJwt(), "ai-query");
    }

    @Check(id = "missing-jwt", name = "Gateway refuses a call without a token with its 401",
            remedy = "Same as invalid-jwt: the gateway must refuse calls without Authorization before the function runs.")
    void rejectsMissingJwt(EdgeFunctions functions, CheckContext check) {
        GatewayVerdicts.expectRefusedByGateway(check, functions.aiQueryWithoutAuthorization(), "ai-query");
    }

    @Check(id = "cors", name = "CORS preflight from the front end's origin is allowed",
            remedy = "The front end cannot call the API. Check the allowed origins in ai-query's CORS handling "
                    + "(and the ALLOWED_ORIGINS secret if set) against the site's current domain, then redeploy ai-query.")
    void allowsFrontendOrigin(EdgeFunctions functions, FrontEnd site, CheckContext check) {
        check.that(functions.aiQueryPreflight(site.origin())).hasStatusIn(200, 204)
                .hasHeader("Access-Control-Allow-Origin", site.origin());
    }
}
