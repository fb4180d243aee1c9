package com.aiqueryhub.monitor.probe;

import com.aiqueryhub.monitor.config.Keys;
import com.aiqueryhub.monitor.config.Setting;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Optional;

/**
 * AI spend as the providers bill it, read from their read-only usage and cost endpoints: AI Query Hub records no
 * spend in money in its own database (system contract). Each reader turns one provider's answer into today's and
 * this month's spend in US dollars, or says why it cannot.
 */
public final class ProviderSpend {

    /** One provider's spend; {@code problem} is set (and the amounts meaningless) when its answer could not be read. */
    public record Spend(String provider, double todayUsd, double monthUsd, String source, String problem) {
        public boolean read() {
            return problem == null;
        }
    }

    private ProviderSpend() {
    }

    /** OpenRouter's {@code GET /api/v1/key}: the key's spend in credits (1 credit = 1 USD) today and this month (UTC). */
    public static HttpCall openRouterCall(String baseUrl, String apiKey) {
        return HttpCall.get(trim(baseUrl) + "/key").header("Authorization", "Bearer " + apiKey);
    }

    public static Spend openRouter(HttpObservation answer) {
        String source = "OpenRouter " + answer.call().url();
        Optional<JsonNode> json = ok(answer);
        if (json.isEmpty()) {
            return failed("openrouter", source, answer);
        }
        Double today = number(json.get().path("data").path("usage_daily"));
        Double month = number(json.get().path("data").path("usage_monthly"));
        if (today == null || month == null) {
            return new Spend("openrouter", 0, 0, source, "no data.usage_daily / data.usage_monthly in " + answer.summary());
        }
        return new Spend("openrouter", today, month, source, null);
    }

    /**
     * Anthropic's Admin API cost report for this month in daily buckets. Amounts are decimal strings in cents
     * ("lowest currency units"), one result per bucket unless grouped.
     */
    public static HttpCall anthropicCall(String baseUrl, String adminKey, Instant now) {
        Instant monthStart = monthStart(now);
        return HttpCall.get(trim(baseUrl) + "/v1/organizations/cost_report")
                .header("x-api-key", adminKey).header("anthropic-version", "2023-06-01")
                .queryParam("starting_at", monthStart.toString())
                .queryParam("bucket_width", "1d")
                .queryParam("limit", "31");
    }

    public static Spend anthropic(HttpObservation answer, Instant now) {
        String source = "Anthropic " + answer.call().url();
        Optional<JsonNode> json = ok(answer);
        if (json.isEmpty()) {
            return failed("anthropic", source, answer);
        }
        String today = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        return daily("anthropic", source, answer, json.get(),
                bucket -> bucket.path("starting_at").asText().startsWith(today),
                result -> "USD".equalsIgnoreCase(result.path("currency").asText()) ? cents(result.path("amount")) : 0);
    }

    /**
     * OpenAI's organization costs ({@code GET /v1/organization/costs}, admin key) for this month in daily buckets;
     * amounts are {@code {value, currency}} in dollars.
     */
    public static HttpCall openAiCall(String baseUrl, String adminKey, Instant now) {
        Instant monthStart = monthStart(now);
        return HttpCall.get(trim(baseUrl) + "/v1/organization/costs").header("Authorization", "Bearer " + adminKey)
                .queryParam("start_time", Long.toString(monthStart.getEpochSecond()))
                .queryParam("bucket_width", "1d")
                .queryParam("limit", "31");
    }

    public static Spend openAi(HttpObservation answer, Instant now) {
        String source = "OpenAI " + answer.call().url();
        Optional<JsonNode> json = ok(answer);
        if (json.isEmpty()) {
            return failed("openai", source, answer);
        }
        long todayStart = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        return daily("openai", source, answer, json.get(),
                bucket -> number(bucket.path("start_time")) != null && number(bucket.path("start_time")) >= todayStart,
                result -> "usd".equalsIgnoreCase(result.path("amount").path("currency").asText())
                        ? orZero(number(result.path("amount").path("value"))) : 0);
    }

    /** Sums a cost report's daily buckets: all of them for the month, those {@code isToday} accepts for today. */
    private static Spend daily(String provider, String source, HttpObservation answer, JsonNode json,
                               java.util.function.Predicate<JsonNode> isToday, java.util.function.ToDoubleFunction<JsonNode> usdOfResult) {
        if (!json.path("data").isArray()) {
            return new Spend(provider, 0, 0, source, "no data[] in " + answer.summary());
        }
        double month = 0;
        double day = 0;
        for (JsonNode bucket : json.path("data")) {
            double usd = 0;
            for (JsonNode result : bucket.path("results")) {
                usd += usdOfResult.applyAsDouble(result);
            }
            month += usd;
            day += isToday.test(bucket) ? usd : 0;
        }
        // a month has at most 31 daily buckets, the page size asked for
        String more = json.path("has_more").asBoolean(false) ? "more than 31 daily buckets: the report was cut" : null;
        return new Spend(provider, day, month, source, more);
    }

    private static double cents(JsonNode amount) {
        return orZero(number(amount)) / 100;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    /** The cost reports are asked from the first of this month (UTC). */
    private static Instant monthStart(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static Optional<JsonNode> ok(HttpObservation answer) {
        return answer.answered() && answer.status() == 200 ? answer.json() : Optional.empty();
    }

    private static Spend failed(String provider, String source, HttpObservation answer) {
        return new Spend(provider, 0, 0, source, answer.summary());
    }

    /** JSON numbers, and the decimal strings some billing APIs use for money (JsonNumbers). */
    static Double number(JsonNode value) {
        java.util.OptionalDouble n = com.aiqueryhub.monitor.json.JsonNumbers.decimal(value);
        return n.isPresent() ? n.getAsDouble() : null;
    }

    private static String trim(String url) {
        return url.replaceAll("/+$", "");
    }

    /** The providers whose billing the suite can read, each with its key setting, its call and its reader. */
    public enum Provider {
        OPENROUTER("openrouter", Keys.COST_OPENROUTER_API_KEY, Keys.COST_OPENROUTER_URL),
        ANTHROPIC("anthropic", Keys.COST_ANTHROPIC_ADMIN_KEY, Keys.COST_ANTHROPIC_URL),
        OPENAI("openai", Keys.COST_OPENAI_ADMIN_KEY, Keys.COST_OPENAI_URL);

        private final String id;
        private final Setting<String> keySetting;
        private final Setting<java.net.URI> urlSetting;

        Provider(String id, Setting<String> keySetting, Setting<java.net.URI> urlSetting) {
            this.id = id;
            this.keySetting = keySetting;
            this.urlSetting = urlSetting;
        }

        public String id() {
            return id;
        }

        public Setting<String> keySetting() {
            return keySetting;
        }

        public Setting<java.net.URI> urlSetting() {
            return urlSetting;
        }

        public HttpCall call(String baseUrl, String key, Instant now) {
            return switch (this) {
                case OPENROUTER -> openRouterCall(baseUrl, key);
                case ANTHROPIC -> anthropicCall(baseUrl, key, now);
                case OPENAI -> openAiCall(baseUrl, key, now);
            };
        }

        public Spend read(HttpObservation answer, Instant now) {
            return switch (this) {
                case OPENROUTER -> openRouter(answer);
                case ANTHROPIC -> anthropic(answer, now);
                case OPENAI -> openAi(answer, now);
            };
        }
    }
}
