package com.aiqueryhub.monitor.checks.weekly;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.check.Check;
import com.aiqueryhub.monitor.check.DbAssert;
import com.aiqueryhub.monitor.check.Evidence;
import com.aiqueryhub.monitor.check.RunbookStep;
import com.aiqueryhub.monitor.check.Severity;
import com.aiqueryhub.monitor.check.Verdict;
import com.aiqueryhub.monitor.check.Weekly;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.report.Figures;

import java.math.BigDecimal;
import java.util.stream.Collectors;

@Weekly
@RunbookStep(id = "cost", title = "Cost Analysis", section = "Weekly Operations",
        anchor = "weekly-operations-30-minutes", severity = Severity.MEDIUM,
        differsFromRunbook = "The runbook reads the billing page. The check sums AI spend for today and this month "
                + "from the database (setting cost.query, one row per provider and model with today_usd and month_usd) "
                + "and compares it with the budget settings.")
class CostAnalysisCheck {

    private static final String REMEDY = "Runbook 'High AI Costs': look at the spend by provider and model attached here; "
            + "move queries to cheaper models, tighten per-user rate limits, cache common answers.";

    @Check(id = "daily-spend", name = "Today's AI spend under the daily cap", remedy = REMEDY)
    void dailySpend() {
        var s = Monitor.get().settings();
        double cap = s.decimal("budget.daily-usd");
        double today = total("today_usd");
        Figures.record("today-usd", today, "USD");
        Verdict.band(today, cap * s.decimal("budget.warn-share"), cap, "today's spend (USD)",
                String.format("$%.2f", today), spend().endpoint());
    }

    @Check(id = "monthly-spend", name = "This month's AI spend within the budget", remedy = REMEDY)
    void monthlySpend() {
        var s = Monitor.get().settings();
        double budget = s.decimal("budget.monthly-usd");
        double month = total("month_usd");
        Figures.record("month-usd", month, "USD");
        Verdict.band(month, budget * s.decimal("budget.warn-share"), budget * s.decimal("budget.monthly-fail-share"),
                "month-to-date spend (USD)", String.format("$%.2f of a $%.2f budget", month, budget), spend().endpoint());
    }

    private static DbObservation spend() {
        Monitor m = Monitor.get();
        return m.shared("cost.spend", () -> m.database().query(m.settings().require("cost.query")));
    }

    private static double total(String column) {
        DbObservation rows = spend();
        DbAssert.assertThat(rows).answered();
        Evidence.attach("spend by provider and model", rows.rows().stream()
                .map(r -> String.format("%-12s %-24s today $%10.2f   month $%10.2f", r.get("provider"), r.get("model"),
                        money(r.get("today_usd")), money(r.get("month_usd"))))
                .collect(Collectors.joining("\n", "", "\n")));
        return rows.rows().stream().mapToDouble(r -> money(r.get(column))).sum();
    }

    private static double money(Object v) {
        return v instanceof BigDecimal b ? b.doubleValue() : v instanceof Number n ? n.doubleValue() : 0;
    }

}
