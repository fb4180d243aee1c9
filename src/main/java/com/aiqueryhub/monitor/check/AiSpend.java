package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.probe.Billing;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.ProviderSpend;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Today's and this month's AI spend in US dollars, from where it is really recorded (the providers' billing endpoints,
 * or a team's own query), with its evidence attached to the judging check and a refused key reported once.
 */
public record AiSpend(double today, double month, String sources, List<String> unread, String endpoint) {

    public static AiSpend current(CheckContext check, Billing billing) {
        Billing.Reading reading = billing.read();
        if (reading.sql() != null) {
            check.that(reading.sql()).answered();
            List<Map<String, Object>> rows = reading.sql().rows();
            check.attach("spend by provider and model (source: cost.query)", rows.stream()
                    .map(r -> String.format("%-12s %-24s today $%10.2f   month $%10.2f", r.get("provider"), r.get("model"),
                            money(r.get("today_usd")), money(r.get("month_usd"))))
                    .collect(Collectors.joining("\n", "", "\n")));
            return new AiSpend(rows.stream().mapToDouble(r -> money(r.get("today_usd"))).sum(),
                    rows.stream().mapToDouble(r -> money(r.get("month_usd"))).sum(), "the database (cost.query)", List.of(),
                    reading.sql().endpoint());
        }
        reading.calls().forEach(check::that); // evidence, and a refused key is one misconfiguration
        List<ProviderSpend.Spend> read = reading.spends().stream().filter(ProviderSpend.Spend::read).toList();
        List<String> unread = reading.spends().stream().filter(s -> !s.read())
                .map(s -> s.provider() + " (" + s.problem() + ")").toList();
        check.attach("spend by provider (source: the providers' billing endpoints)", reading.spends().stream()
                .map(s -> s.read() ? String.format("%-11s today $%10.2f   month $%10.2f   %s", s.provider(), s.todayUsd(),
                        s.monthUsd(), s.source()) : String.format("%-11s not read: %s   %s", s.provider(), s.problem(), s.source()))
                .collect(Collectors.joining("\n", "", "\n")));
        String sources = read.isEmpty() ? "no provider" : read.stream().map(ProviderSpend.Spend::provider)
                .collect(Collectors.joining(", ")) + " billing";
        return new AiSpend(read.stream().mapToDouble(ProviderSpend.Spend::todayUsd).sum(),
                read.stream().mapToDouble(ProviderSpend.Spend::monthUsd).sum(), sources, unread,
                reading.calls().stream().map(HttpObservation::endpoint).collect(Collectors.joining(", ")));
    }

    private static double money(Object v) {
        return v instanceof BigDecimal b ? b.doubleValue() : v instanceof Number n ? n.doubleValue() : 0;
    }
}
