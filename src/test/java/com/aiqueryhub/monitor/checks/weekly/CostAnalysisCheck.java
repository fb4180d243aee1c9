package com.aiqueryhub.monitor.checks.weekly;

import com.aiqueryhub.monitor.check.AiSpend;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.CheckContext;
import com.aiqueryhub.monitor.check.Manual;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Weekly;
import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.probe.Billing;
import com.aiqueryhub.monitor.run.Degraded;
import com.aiqueryhub.monitor.run.Severity;

@Weekly
@RunbookStep(id = "cost", title = "Cost Analysis", section = "Weekly Operations",
        anchor = "weekly-operations-30-minutes", severity = Severity.MEDIUM,
        differsFromRunbook = "The runbook reads the billing page. AI Query Hub records no AI spend in money in its "
                + "database, so by default (cost.source=providers) the check reads today's and this month's spend from "
                + "the AI providers' own read-only billing endpoints (OpenRouter's key usage, Anthropic's and OpenAI's "
                + "cost reports) for each provider whose key is set; cost.source=sql reads a query (cost.query) instead. "
                + "The report names the source it used.",
        needs = {"cost.openrouter.api-key|cost.anthropic.admin-key|cost.openai.admin-key"})
class CostAnalysisCheck {

    private static final String REMEDY = "Runbook 'High AI Costs': look at the spend by provider attached here; "
            + "move queries to cheaper models, tighten per-user rate limits, cache common answers.";

    @Check(id = "daily-spend", name = "Today's AI spend under the daily cap", remedy = REMEDY)
    void dailySpend(Billing billing, Settings settings, CheckContext check) {
        double cap = settings.get(Keys.BUDGET_DAILY_USD);
        AiSpend spend = AiSpend.current(check, billing);
        check.figure("today-usd", spend.today(), "USD");
        check.band(spend.today(), cap * settings.get(Keys.BUDGET_WARN_SHARE), cap, "today's spend (USD)",
                String.format("$%.2f from %s", spend.today(), spend.sources()), spend.endpoint());
        expectComplete(spend);
    }

    @Check(id = "monthly-spend", name = "This month's AI spend within the budget", remedy = REMEDY)
    void monthlySpend(Billing billing, Settings settings, CheckContext check) {
        double budget = settings.get(Keys.BUDGET_MONTHLY_USD);
        AiSpend spend = AiSpend.current(check, billing);
        check.figure("month-usd", spend.month(), "USD");
        check.band(spend.month(), budget * settings.get(Keys.BUDGET_WARN_SHARE),
                budget * settings.get(Keys.BUDGET_MONTHLY_FAIL_SHARE),
                "month-to-date spend (USD)", String.format("$%.2f of a $%.2f budget, from %s", spend.month(), budget,
                        spend.sources()), spend.endpoint());
        expectComplete(spend);
    }

    /** A provider whose bill could not be read leaves the total short: visible, not a page at 3 a.m. */
    private static void expectComplete(AiSpend spend) {
        if (!spend.unread().isEmpty()) {
            throw new Degraded("expected every provider's spend to be read; observed spend unknown at "
                    + String.join("; ", spend.unread()) + " — " + spend.endpoint());
        }
    }

    @Manual(id = "supabase-bill", name = "This month's Supabase spending against budget, and egress (manual)",
            dashboard = "https://supabase.com/dashboard/org/{supabase.organization-slug}/usage",
            why = "the Management API offers no read of an organization's bill or egress (Supabase discussion #49702 asks "
                    + "for one); the AI providers' spend is checked above")
    void supabaseBill() {
    }
}
