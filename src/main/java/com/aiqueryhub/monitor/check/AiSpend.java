package com.aiqueryhub.monitor.check;

import com.aiqueryhub.monitor.Monitor;
import com.aiqueryhub.monitor.config.MissingSettingException;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;
import com.aiqueryhub.monitor.probe.DbObservation;
import com.aiqueryhub.monitor.probe.HttpCall;
import com.aiqueryhub.monitor.probe.HttpObservation;
import com.aiqueryhub.monitor.probe.ProviderSpend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Today's and this month's AI spend in US dollars, from where it is really recorded: the providers' billing
 * endpoints ({@code cost.source=providers}, the default) or a team's own table ({@code cost.source=sql}).
 */
public record AiSpend(double today, double month, String sources, List<String> unread, String endpoint) {

    private record Reading(List<ProviderSpend.Spend> spends, List<HttpObservation> calls, DbObservation sql) {
    }

    /** The run's spend (read once, shared by both cost checks), its evidence attached to the calling check. */
    public static AiSpend current() {
        Monitor m = Monitor.get();
        Reading reading = m.shared("cost.spend", () -> read(m));
        if (reading.sql() != null) {
            DbAssert.assertThat(reading.sql()).answered();
            List<Map<String, Object>> rows = reading.sql().rows();
            Evidence.attach("spend by provider and model (source: cost.query)", rows.stream()
                    .map(r -> String.format("%-12s %-24s today $%10.2f   month $%10.2f", r.get("provider"), r.get("model"),
                            money(r.get("today_usd")), money(r.get("month_usd"))))
                    .collect(Collectors.joining("\n", "", "\n")));
            return new AiSpend(rows.stream().mapToDouble(r -> money(r.get("today_usd"))).sum(),
                    rows.stream().mapToDouble(r -> money(r.get("month_usd"))).sum(), "the database (cost.query)", List.of(),
                    reading.sql().endpoint());
        }
        reading.calls().forEach(HttpAssert::assertThat); // evidence, and a refused key is one misconfiguration
        List<ProviderSpend.Spend> read = reading.spends().stream().filter(ProviderSpend.Spend::read).toList();
        List<String> unread = reading.spends().stream().filter(s -> !s.read())
                .map(s -> s.provider() + " (" + s.problem() + ")").toList();
        Evidence.attach("spend by provider (source: the providers' billing endpoints)", reading.spends().stream()
                .map(s -> s.read() ? String.format("%-11s today $%10.2f   month $%10.2f   %s", s.provider(), s.todayUsd(),
                        s.monthUsd(), s.source()) : String.format("%-11s not read: %s   %s", s.provider(), s.problem(), s.source()))
                .collect(Collectors.joining("\n", "", "\n")));
        String sources = read.isEmpty() ? "no provider" : read.stream().map(ProviderSpend.Spend::provider)
                .collect(Collectors.joining(", ")) + " billing";
        return new AiSpend(read.stream().mapToDouble(ProviderSpend.Spend::todayUsd).sum(),
                read.stream().mapToDouble(ProviderSpend.Spend::monthUsd).sum(), sources, unread,
                reading.calls().stream().map(HttpObservation::endpoint).collect(Collectors.joining(", ")));
    }

    private static Reading read(Monitor m) {
        Settings s = m.settings();
        String source = s.require("cost.source");
        if (source.equals("sql")) {
            return new Reading(List.of(), List.of(), m.database().query(s.require("cost.query")));
        }
        if (!source.equals("providers")) {
            throw new SettingsException("cost.source must be 'providers' or 'sql', not '" + source + "' (set COST_SOURCE)");
        }
        List<ProviderSpend.Provider> providers = Arrays.stream(ProviderSpend.Provider.values())
                .filter(p -> s.find(p.keySetting()).isPresent()).toList();
        if (providers.isEmpty()) {
            throw MissingSettingException.noneOf(Arrays.stream(ProviderSpend.Provider.values())
                    .map(ProviderSpend.Provider::keySetting).toList(), s.environment(), ", or cost.source=sql with cost.query");
        }
        Instant now = Instant.now();
        // at the same time: three slow billing APIs cost one read timeout, not three
        ExecutorService pool = Executors.newFixedThreadPool(providers.size());
        List<HttpObservation> calls;
        try {
            List<HttpCall> requests = providers.stream().map(p -> p.call(s.require(p.urlSetting()), s.require(p.keySetting()), now))
                    .toList();
            List<CompletableFuture<HttpObservation>> sent = requests.stream()
                    .map(r -> CompletableFuture.supplyAsync(() -> m.http().send(r), pool)).toList();
            calls = sent.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
        List<ProviderSpend.Spend> spends = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) {
            spends.add(providers.get(i).read(calls.get(i), now));
        }
        return new Reading(spends, calls, null);
    }

    private static double money(Object v) {
        return v instanceof BigDecimal b ? b.doubleValue() : v instanceof Number n ? n.doubleValue() : 0;
    }
}
