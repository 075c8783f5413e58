package com.dataeye.sdk.internals;

import com.dataeye.sdk.Clock;
import com.dataeye.sdk.DataEyeConfig;
import com.dataeye.sdk.DeliveryFailure;
import com.dataeye.sdk.DeliveryListener;
import com.dataeye.sdk.HttpTransport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Delivers one batch: sends it, retries what may succeed later, and accounts for every event
 * exactly once as sent or failed.
 *
 * <ul>
 *   <li>2xx — acknowledged; the events listed in its {@code errors} were refused and are reported.</li>
 *   <li>network error, 429, 5xx — retried after a {@link Backoff} (at least the {@code Retry-After}),
 *       up to {@code retry.max.attempts}; the same {@code event_id}s go again, so an attempt whose
 *       answer was lost is stored once.</li>
 *   <li>any other 4xx — never retried, the same request would be refused again: a 400 with
 *       {@code errors} reports each event's reason, others (bad write key, 413 …) fail the batch
 *       with the collector's code.</li>
 * </ul>
 */
public final class BatchDelivery implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("com.dataeye.sdk");

    private final URI uri;
    private final Map<String, String> headers;
    private final boolean gzip;
    private final int maxAttempts;
    private final Backoff backoff;
    private final HttpTransport transport;
    private final Clock clock;
    private final Counters counters;
    private final DeliveryListener listener;
    private final DoubleSupplier random;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Gzip gzipper = new Gzip();

    public BatchDelivery(DataEyeConfig config, HttpTransport transport, Clock clock, Counters counters,
                         DeliveryListener listener, DoubleSupplier random) {
        this.uri = config.eventsUri();
        this.gzip = config.gzip();
        this.headers = gzip
                ? Map.of("Content-Type", "application/json", "Content-Encoding", "gzip", "X-Write-Key", config.writeKey(),
                        "User-Agent", userAgent())
                : Map.of("Content-Type", "application/json", "X-Write-Key", config.writeKey(), "User-Agent", userAgent());
        this.maxAttempts = config.retryMaxAttempts();
        this.backoff = Backoff.from(config);
        this.transport = transport;
        this.clock = clock;
        this.counters = counters;
        this.listener = listener;
        this.random = random;
    }

    private static String userAgent() {
        return EventSerializer.LIB + "/" + EventSerializer.LIB_VERSION;
    }

    /** Sends {@code batch} until it is acknowledged, refused, or out of attempts. */
    public void deliver(Batch batch) throws InterruptedException {
        String lastProblem = null;
        for (int attempt = 1; ; attempt++) {
            long retryAfterMs = -1;
            try {
                HttpTransport.Response r = transport.send(request(batch));
                int status = r.status();
                CollectorAnswer answer = CollectorAnswer.read(json, r.body());
                if (status >= 200 && status < 300) {
                    acknowledged(batch, answer);
                    return;
                }
                if (status != 429 && status < 500) {
                    refused(batch, status, answer);
                    return;
                }
                lastProblem = "HTTP " + status + (answer.code() == null ? "" : " " + answer.describe());
                retryAfterMs = Backoff.retryAfterMs(r.header("Retry-After").orElse(null), clock.currentTimeMillis());
            } catch (IOException e) {
                lastProblem = e.toString();
            }
            if (attempt >= maxAttempts) {
                LOG.log(Level.WARNING, "DataEye: {0} events not delivered after {1} attempts; last: {2}", batch.events(),
                        attempt, lastProblem);
                failAll(batch, DeliveryFailure.RETRIES_EXHAUSTED, "not delivered after " + attempt + " attempts; last: " + lastProblem);
                return;
            }
            counters.retried();
            long delay = backoff.delayMs(attempt, retryAfterMs, random.getAsDouble());
            LOG.log(Level.DEBUG, "DataEye: attempt {0} failed ({1}), retrying in {2} ms", attempt, lastProblem, delay);
            clock.sleep(delay);
        }
    }

    private HttpTransport.Request request(Batch batch) {
        byte[] body = BatchEncoder.json(batch, clock.currentTimeMillis());
        return new HttpTransport.Request(uri, headers, gzip ? gzipper.compress(body) : body);
    }

    private void acknowledged(Batch batch, CollectorAnswer answer) {
        counters.batchAnswered();
        int refused = reportRefusals(batch, answer);
        counters.sent(batch.events() - refused);
        if (refused > 0) {
            LOG.log(Level.DEBUG, "DataEye: the collector refused {0} of {1} events", refused, batch.events());
        }
    }

    private void refused(Batch batch, int status, CollectorAnswer answer) {
        counters.batchAnswered();
        int reported = reportRefusals(batch, answer);
        if (reported == batch.events()) {
            return;
        }
        String code = answer.code() != null ? answer.code() : "http_" + status;
        String message = "HTTP " + status + " from " + uri + (answer.code() == null ? "" : ": " + answer.describe());
        LOG.log(Level.WARNING, "DataEye: {0} events refused, not retried: {1}", batch.events() - reported, message);
        Set<Integer> done = new HashSet<>();
        answer.errors().forEach(e -> done.add(e.index()));
        List<JsonNode> events = events(batch);
        for (int i = 0; i < events.size(); i++) {
            if (!done.contains(i)) {
                fail(events.get(i), code, null, message);
            }
        }
    }

    /** Reports the events the collector listed as refused; returns how many of the batch's events it listed. */
    private int reportRefusals(Batch batch, CollectorAnswer answer) {
        if (answer.errors().isEmpty()) {
            return 0;
        }
        List<JsonNode> events = events(batch);
        Set<Integer> seen = new HashSet<>();
        for (CollectorAnswer.EventError e : answer.errors()) {
            if (e.index() >= 0 && e.index() < events.size() && seen.add(e.index())) {
                fail(events.get(e.index()), e.code(), e.field(), e.message());
            }
        }
        return seen.size();
    }

    /** Reports every event of {@code batch} as failed with the same reason. */
    public void failAll(Batch batch, String code, String message) {
        for (JsonNode e : events(batch)) {
            fail(e, code, null, message);
        }
    }

    /** The batch's events read back from its JSON: failures are rare, and the buffer keeps only bytes. */
    private List<JsonNode> events(Batch batch) {
        byte[] array = new byte[batch.length() + 2];
        array[0] = '[';
        System.arraycopy(batch.json(), 0, array, 1, batch.length());
        array[array.length - 1] = ']';
        List<JsonNode> events = new ArrayList<>(batch.events());
        json.readTree(array).forEach(events::add);
        return events;
    }

    private void fail(JsonNode event, String code, String field, String message) {
        counters.failed(1);
        String name = event.hasNonNull("event") ? event.get("event").asString() : event.path("type").asString();
        try {
            listener.onFailure(new DeliveryFailure(event.path("event_id").asString(), name, code, field, message));
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "DataEye: the DeliveryListener threw", bug);
        }
    }

    @Override
    public void close() {
        gzipper.close();
    }
}
