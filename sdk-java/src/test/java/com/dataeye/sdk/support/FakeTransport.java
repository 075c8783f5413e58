package com.dataeye.sdk.support;

import com.dataeye.sdk.HttpTransport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPInputStream;

/**
 * A collector in memory: records every request, decoded, and answers from a script; when the
 * script is used up it acknowledges everything, as the real collector would. {@link #hold()}
 * makes requests wait until {@link #release()}, to keep a batch in flight.
 */
public final class FakeTransport implements HttpTransport {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** A request as the collector would read it. */
    public record Sent(Request request, byte[] json, JsonNode body) {
        public List<JsonNode> events() {
            List<JsonNode> events = new ArrayList<>();
            body.path("batch").forEach(events::add);
            return events;
        }

        public List<String> eventIds() {
            return events().stream().map(e -> e.path("event_id").asString()).toList();
        }

        public long sentAt() {
            return body.path("sent_at").asLong();
        }

        public String header(String name) {
            return request.headers().get(name);
        }
    }

    private interface Answer {
        Response answer(Sent sent) throws IOException;
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Sent> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch firstArrived = new CountDownLatch(1);

    /** Answers the next request with {@code status}, {@code body} and headers given as name, value, name, value… */
    public synchronized FakeTransport thenAnswer(int status, String body, String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        script.add(sent -> new Response(status, h, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** The next request gets no answer: connection refused. */
    public synchronized FakeTransport thenRefuseConnection() {
        script.add(sent -> {
            throw new ConnectException("Connection refused");
        });
        return this;
    }

    /** Requests wait until {@link #release()}. */
    public FakeTransport hold() {
        gate = new CountDownLatch(1);
        firstArrived = new CountDownLatch(1);
        return this;
    }

    public void release() {
        gate.countDown();
    }

    /** Waits until a request is waiting at the gate of {@link #hold()}. */
    public void awaitHeldRequest() throws InterruptedException {
        firstArrived.await();
    }

    @Override
    public Response send(Request request) throws IOException, InterruptedException {
        Sent sent = decode(request);
        requests.add(sent);
        firstArrived.countDown();
        gate.await();
        Answer next;
        synchronized (this) {
            next = script.poll();
        }
        if (next == null) {
            int n = sent.events().size();
            return new Response(200, Map.of("Content-Type", "application/json"),
                    ("{\"accepted\":" + n + ",\"duplicates\":0,\"rejected\":0,\"errors\":[]}").getBytes(StandardCharsets.UTF_8));
        }
        return next.answer(sent);
    }

    private static Sent decode(Request request) {
        byte[] json = request.body();
        if ("gzip".equals(request.headers().get("Content-Encoding"))) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(json))) {
                json = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("the body is not gzip", e);
            }
        }
        return new Sent(request, json, JSON.readTree(json));
    }

    public List<Sent> requests() {
        return List.copyOf(requests);
    }

    /** The ids of every event of every request, in order, retries included. */
    public List<String> eventIdsSent() {
        return requests.stream().flatMap(s -> s.eventIds().stream()).toList();
    }
}
