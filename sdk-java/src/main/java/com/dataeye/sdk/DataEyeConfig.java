package com.dataeye.sdk;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The client's settings, immutable and checked. Each setting is declared once below, as a
 * {@link Setting} constant with its name, default, rule and documentation; the builder, the
 * properties loader and the README's reference table ({@link #referenceTable()}) all read them.
 *
 * <pre>{@code
 * DataEyeConfig config = DataEyeConfig.builder()
 *         .endpoint("https://dataeye.example.com")
 *         .writeKey("wk_JjQBg8NXPmJH96TWMywAmszE")
 *         .onFull(OnFull.DROP_NEWEST)
 *         .build();
 * // or from a properties file: endpoint=…, write.key=…, on.full=drop_newest
 * DataEyeConfig same = DataEyeConfig.fromProperties(props);
 * }</pre>
 */
public final class DataEyeConfig {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    public static final Setting<URI> ENDPOINT = Setting.url("endpoint",
            "The collector: the server's base URL (`https://dataeye.example.com`, posts go to `/api/v1/events`) "
                    + "or the full URL of the events endpoint.");
    public static final Setting<String> WRITE_KEY = Setting.text("write.key",
            "a project's write key (wk_…), not its secret key (sk_…)", k -> !k.isBlank() && !k.startsWith("sk_"),
            "The project's write key (`wk_…`), sent as `X-Write-Key`. Never the secret key.");
    public static final Setting<Integer> MAX_BATCH_EVENTS = Setting.integer("max.batch.events", 200, 1, 10_000,
            "Most events in one request.");
    public static final Setting<Long> MAX_BATCH_BYTES = Setting.bytes("max.batch.bytes", 512 * KIB, 33 * KIB, MIB,
            "Largest request body before gzip; the collector refuses bodies over 1 MiB. A single event over 32 KiB "
                    + "is refused by `send` with `EventTooLargeException`.");
    public static final Setting<Long> LINGER_MS = Setting.millis("linger.ms", 1_000L, 0, 60_000,
            "How long an event may wait for others to fill its batch: fewer, larger requests against a little delay.");
    public static final Setting<Integer> BUFFER_MAX_EVENTS = Setting.integer("buffer.max.events", 100_000, 1, 10_000_000,
            "Most events held in memory (queued and in flight) before `on.full` applies.");
    public static final Setting<Long> BUFFER_MAX_BYTES = Setting.bytes("buffer.max.bytes", 64 * MIB, 32 * KIB, 4096 * MIB,
            "Most bytes of event JSON held in memory before `on.full` applies: the SDK's memory cap.");
    public static final Setting<OnFull> ON_FULL = Setting.choice("on.full", OnFull.class, OnFull.BLOCK,
            "When the buffer is full: `BLOCK` waits up to `max.block.ms`, then throws `BufferFullException`; "
                    + "`DROP_NEWEST` refuses the event and counts it.");
    public static final Setting<Long> MAX_BLOCK_MS = Setting.millis("max.block.ms", 5_000L, 0, 3_600_000,
            "How long `send` waits for room under `BLOCK`.");
    public static final Setting<Integer> RETRY_MAX_ATTEMPTS = Setting.integer("retry.max.attempts", 10, 1, 1_000_000,
            "Attempts per batch, the first included, on network errors, 429 and 5xx. Other 4xx are never retried.");
    public static final Setting<Long> RETRY_BACKOFF_MS = Setting.millis("retry.backoff.ms", 200L, 1, 600_000,
            "Wait before the first retry; it doubles with each further retry. A longer `Retry-After` wins.");
    public static final Setting<Long> RETRY_BACKOFF_MAX_MS = Setting.millis("retry.backoff.max.ms", 30_000L, 1, 3_600_000,
            "Longest wait between two attempts (a longer `Retry-After` still wins).");
    public static final Setting<Double> RETRY_JITTER = Setting.fraction("retry.jitter", 0.2,
            "Share of each backoff taken off at random, so many clients do not retry in step.");
    public static final Setting<Long> REQUEST_TIMEOUT_MS = Setting.millis("request.timeout.ms", 30_000L, 1, 600_000,
            "Longest wait for an answer; then the attempt counts as a network error and is retried.");
    public static final Setting<Long> CONNECT_TIMEOUT_MS = Setting.millis("connect.timeout.ms", 10_000L, 1, 600_000,
            "Longest wait for a connection (default transport).");
    public static final Setting<Long> CLOSE_TIMEOUT_MS = Setting.millis("close.timeout.ms", 30_000L, 0, 3_600_000,
            "How long `close()` waits for queued events to be delivered; the rest are reported as `closed`.");
    public static final Setting<Boolean> GZIP = Setting.flag("gzip", true,
            "Compress request bodies (`Content-Encoding: gzip`); batches of JSON events shrink several-fold.");

    /** Every setting, in the order of the reference table. */
    public static final List<Setting<?>> SETTINGS = List.of(ENDPOINT, WRITE_KEY, MAX_BATCH_EVENTS, MAX_BATCH_BYTES,
            LINGER_MS, BUFFER_MAX_EVENTS, BUFFER_MAX_BYTES, ON_FULL, MAX_BLOCK_MS, RETRY_MAX_ATTEMPTS, RETRY_BACKOFF_MS,
            RETRY_BACKOFF_MAX_MS, RETRY_JITTER, REQUEST_TIMEOUT_MS, CONNECT_TIMEOUT_MS, CLOSE_TIMEOUT_MS, GZIP);

    private static final Map<String, Setting<?>> BY_NAME = SETTINGS.stream()
            .collect(Collectors.toUnmodifiableMap(Setting::name, Function.identity()));

    private final Map<String, Object> values;

    private DataEyeConfig(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** From settings by name, as in a properties file; unknown names are refused, so typos do not go unnoticed. */
    public static DataEyeConfig fromProperties(Map<String, String> properties) {
        Builder b = builder();
        properties.forEach((name, text) -> {
            Setting<?> s = BY_NAME.get(name);
            if (s == null) {
                throw new IllegalArgumentException("unknown setting '" + name + "'; the settings are " + BY_NAME.keySet());
            }
            b.values.put(name, s.parse(text));
        });
        return b.build();
    }

    public static DataEyeConfig fromProperties(Properties properties) {
        Map<String, String> m = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(n -> m.put(n, properties.getProperty(n)));
        return fromProperties(m);
    }

    /** The value of any setting. */
    public <T> T get(Setting<T> setting) {
        return setting.type().cast(values.get(setting.name()));
    }

    /** Where batches are posted: {@link #ENDPOINT}, with {@code /api/v1/events} when it has no path. */
    public URI eventsUri() {
        URI e = get(ENDPOINT);
        String path = e.getPath();
        return path == null || path.isEmpty() || path.equals("/") ? e.resolve("/api/v1/events") : e;
    }

    public String writeKey() { return get(WRITE_KEY); }
    public int maxBatchEvents() { return get(MAX_BATCH_EVENTS); }
    public long maxBatchBytes() { return get(MAX_BATCH_BYTES); }
    public long lingerMs() { return get(LINGER_MS); }
    public int bufferMaxEvents() { return get(BUFFER_MAX_EVENTS); }
    public long bufferMaxBytes() { return get(BUFFER_MAX_BYTES); }
    public OnFull onFull() { return get(ON_FULL); }
    public long maxBlockMs() { return get(MAX_BLOCK_MS); }
    public int retryMaxAttempts() { return get(RETRY_MAX_ATTEMPTS); }
    public long retryBackoffMs() { return get(RETRY_BACKOFF_MS); }
    public long retryBackoffMaxMs() { return get(RETRY_BACKOFF_MAX_MS); }
    public double retryJitter() { return get(RETRY_JITTER); }
    public long requestTimeoutMs() { return get(REQUEST_TIMEOUT_MS); }
    public long connectTimeoutMs() { return get(CONNECT_TIMEOUT_MS); }
    public long closeTimeoutMs() { return get(CLOSE_TIMEOUT_MS); }
    public boolean gzip() { return get(GZIP); }

    /** The settings as a Markdown table (name, default, rule, meaning): the README's reference. */
    public static String referenceTable() {
        StringBuilder t = new StringBuilder("| setting | default | allowed | meaning |\n|---|---|---|---|\n");
        for (Setting<?> s : SETTINGS) {
            t.append("| `").append(s.name()).append("` | ")
                    .append(s.required() ? "required" : "`" + s.defaultValue() + "`").append(" | ")
                    .append(s.rule()).append(" | ").append(s.doc()).append(" |\n");
        }
        return t.toString();
    }

    @Override
    public String toString() {
        return SETTINGS.stream().map(s -> s.name() + "=" + values.get(s.name())).collect(Collectors.joining(", ", "DataEyeConfig{", "}"));
    }

    /** Collects settings, checking each as it is set; {@link #build()} checks the required ones and how they combine. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        public <T> Builder set(Setting<T> setting, T value) {
            values.put(setting.name(), setting.check(value));
            return this;
        }

        public Builder endpoint(String url) {
            return set(ENDPOINT, ENDPOINT.parse(url));
        }

        public Builder writeKey(String key) { return set(WRITE_KEY, key); }
        public Builder maxBatchEvents(int n) { return set(MAX_BATCH_EVENTS, n); }
        public Builder maxBatchBytes(long n) { return set(MAX_BATCH_BYTES, n); }
        public Builder lingerMs(long ms) { return set(LINGER_MS, ms); }
        public Builder bufferMaxEvents(int n) { return set(BUFFER_MAX_EVENTS, n); }
        public Builder bufferMaxBytes(long n) { return set(BUFFER_MAX_BYTES, n); }
        public Builder onFull(OnFull policy) { return set(ON_FULL, policy); }
        public Builder maxBlockMs(long ms) { return set(MAX_BLOCK_MS, ms); }
        public Builder retryMaxAttempts(int n) { return set(RETRY_MAX_ATTEMPTS, n); }
        public Builder retryBackoffMs(long ms) { return set(RETRY_BACKOFF_MS, ms); }
        public Builder retryBackoffMaxMs(long ms) { return set(RETRY_BACKOFF_MAX_MS, ms); }
        public Builder retryJitter(double share) { return set(RETRY_JITTER, share); }
        public Builder requestTimeoutMs(long ms) { return set(REQUEST_TIMEOUT_MS, ms); }
        public Builder connectTimeoutMs(long ms) { return set(CONNECT_TIMEOUT_MS, ms); }
        public Builder closeTimeoutMs(long ms) { return set(CLOSE_TIMEOUT_MS, ms); }
        public Builder gzip(boolean on) { return set(GZIP, on); }

        public DataEyeConfig build() {
            Map<String, Object> all = new LinkedHashMap<>();
            for (Setting<?> s : SETTINGS) {
                Object v = values.getOrDefault(s.name(), s.defaultValue());
                all.put(s.name(), s.check(v));
            }
            DataEyeConfig c = new DataEyeConfig(all);
            if (c.retryBackoffMaxMs() < c.retryBackoffMs()) {
                throw new IllegalArgumentException(RETRY_BACKOFF_MAX_MS.name() + " (" + c.retryBackoffMaxMs()
                        + ") must not be less than " + RETRY_BACKOFF_MS.name() + " (" + c.retryBackoffMs() + ")");
            }
            return c;
        }
    }
}
