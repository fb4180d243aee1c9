package com.aiqueryhub.monitor.checks.daily;

import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.Daily;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.probe.AiQueryHub;
import com.aiqueryhub.monitor.probe.HttpObservation;

import static com.aiqueryhub.monitor.check.HttpAssert.assertThat;

@Daily
@RunbookStep(id = "backend-api", title = "Backend API Status", section = "Morning Health Check",
        anchor = "morning-health-check-5-minutes", severity = Severity.CRITICAL,
        differsFromRunbook = "Besides the runbook's invalid-token call, the checks also call without any token "
                + "and send the browser's CORS preflight; none of them reaches the function with a valid token, "
                + "so no AI credits are spent and no rate-limit slot is used.")
class BackendApiCheck {

    private static final String GATEWAY_OFF = "User not authenticated";

    @Check(id = "invalid-jwt", name = "Gateway rejects an invalid JWT with 401 Invalid JWT",
            remedy = "If the function answered 'User not authenticated', JWT verification was switched off for ai-query: "
                    + "redeploy it without --no-verify-jwt (verify_jwt = true). Otherwise check Supabase's status and the "
                    + "function's logs.")
    void rejectsInvalidJwt() {
        HttpObservation answer = AiQueryHub.aiQueryWithInvalidJwt();
        expectGatewayOn(answer);
        assertThat(answer).hasStatus(401).hasJsonBody("{\"code\":401,\"message\":\"Invalid JWT\"}");
    }

    @Check(id = "missing-jwt", name = "Gateway rejects a call without token with 401",
            remedy = "Same as invalid-jwt: the gateway must refuse calls without Authorization before the function runs.")
    void rejectsMissingJwt() {
        HttpObservation answer = AiQueryHub.aiQueryWithoutAuthorization();
        expectGatewayOn(answer);
        assertThat(answer).hasStatus(401).hasJsonBody("{\"code\":401,\"message\":\"Missing authorization header\"}");
    }

    @Check(id = "cors", name = "CORS preflight from the front end's origin is allowed",
            remedy = "The front end cannot call the API. Check the allowed origins in ai-query's CORS handling "
                    + "(and the ALLOWED_ORIGINS secret if set) against the site's current domain, then redeploy ai-query.")
    void allowsFrontendOrigin() {
        assertThat(AiQueryHub.aiQueryPreflight()).hasStatusIn(200, 204)
                .hasHeader("Access-Control-Allow-Origin", AiQueryHub.frontendOrigin());
    }

    /** A 500 "User not authenticated" means the request got past the gateway: its JWT check is off. */
    private static void expectGatewayOn(HttpObservation answer) {
        if (answer.answered() && answer.status() == 500 && answer.body().contains(GATEWAY_OFF)) {
            throw Verdict.failure("the gateway to refuse the call with 401",
                    "HTTP 500 '" + GATEWAY_OFF + "' from the function itself: gateway JWT verification is OFF",
                    answer.endpoint());
        }
    }
}
