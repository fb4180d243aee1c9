package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.MissingSettingException;
import com.aiqueryhub.monitor.config.Settings;
import com.aiqueryhub.monitor.config.SettingsException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Today's and this month's AI spend as it is really recorded: the providers' read-only billing endpoints
 * ({@code cost.source=providers}, for each provider whose key is set), or a team's own table ({@code cost.source=sql}).
 * Read once per run, for both cost checks.
 */
public final class Billing {

    /** What was read: each provider's spend and the calls behind it, or the rows of cost.query. */
    public record Reading(List<ProviderSpend.Spend> spends, List<HttpObservation> calls, DbObservation sql) {
    }

    private final Settings settings;
    private final HttpProbe http;
    private final SharedCalls shared;
    private final Supplier<Database> database;

    public Billing(Settings settings, HttpProbe http, SharedCalls shared, Supplier<Database> database) {
        this.settings = settings;
        this.http = http;
        this.shared = shared;
        this.database = database;
    }

    public Reading read() {
        return shared.once("cost.spend", this::readOnce);
    }

    private Reading readOnce() {
        String source = settings.get(Keys.COST_SOURCE);
        if (source.equals("sql")) {
            return new Reading(List.of(), List.of(), database.get().query(settings.get(Keys.COST_QUERY)));
        }
        if (!source.equals("providers")) {
            throw new SettingsException("cost.source must be 'providers' or 'sql', not '" + source + "' (set COST_SOURCE)");
        }
        List<ProviderSpend.Provider> providers = Arrays.stream(ProviderSpend.Provider.values())
                .filter(p -> settings.isSet(p.keySetting())).toList();
        if (providers.isEmpty()) {
            throw MissingSettingException.noneOf(Arrays.stream(ProviderSpend.Provider.values())
                    .map(p -> p.keySetting().key()).toList(), settings.environment(), ", or cost.source=sql with cost.query");
        }
        Instant now = Instant.now();
        // at the same time: three slow billing APIs cost one read timeout, not three
        ExecutorService pool = Executors.newFixedThreadPool(providers.size());
        List<HttpObservation> calls;
        try {
            List<HttpCall> requests = providers.stream().map(p -> p.call(settings.get(p.urlSetting()).toString(),
                    settings.get(p.keySetting()), now)).toList();
            List<CompletableFuture<HttpObservation>> sent = requests.stream()
                    .map(r -> CompletableFuture.supplyAsync(() -> http.send(r), pool)).toList();
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
}
