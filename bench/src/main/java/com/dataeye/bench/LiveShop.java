package com.dataeye.bench;

import com.dataeye.sdk.BatchingDataEyeClient;
import com.dataeye.sdk.ClientMetrics;
import com.dataeye.sdk.DataEyeConfig;
import com.dataeye.sdk.Event;
import com.dataeye.sdk.EventType;
import com.dataeye.simulator.SimulationConfig;
import com.dataeye.simulator.live.LiveTraffic;
import com.dataeye.simulator.output.SimulatedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Simulator live mode: the simulated shop's visitors, sent at a chosen rate through the public
 * collector API with the Java SDK ({@code sdk-java}, {@link BatchingDataEyeClient}) — for the
 * real-time board and for load tests.
 *
 * <pre>java -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.LiveShop \
 *      --server http://localhost:8080 --write-key wk_… [--rate 200] [--seconds 0 (endless)] [--persons 10000] [--seed 42]</pre>
 */
public final class LiveShop {

    private LiveShop() {}

    /** What a run sent, from the SDK's own metrics. */
    public record Result(long offered, ClientMetrics metrics, Duration elapsed) {}

    public static void main(String[] args) {
        String server = null;
        String writeKey = System.getenv("DATAEYE_WRITE_KEY");
        double rate = 200;
        long seconds = 0;
        int persons = 10_000;
        long seed = 42;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--server" -> server = args[i + 1];
                case "--write-key" -> writeKey = args[i + 1];
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
                case "--persons" -> persons = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (server == null || writeKey == null) {
            System.err.println("usage: LiveShop --server http://localhost:8080 --write-key wk_… [--rate 200] [--seconds 0] "
                    + "[--persons 10000] [--seed 42]");
            System.exit(2);
        }
        Result r = run(server, writeKey, rate, seconds <= 0 ? Duration.ofDays(36_500) : Duration.ofSeconds(seconds),
                SimulationConfig.defaults().withPersons(persons).withSeed(seed), true);
        System.err.printf(Locale.ROOT, "%nsent %,d events in %.1f s (%,.0f/s); failed %,d, dropped %,d%n", r.metrics().sentEvents(),
                r.elapsed().toMillis() / 1e3, r.metrics().sentEvents() / Math.max(1e-3, r.elapsed().toMillis() / 1e3),
                r.metrics().failedEvents(), r.metrics().droppedEvents());
    }

    /** Sends {@code rate} events a second for {@code duration}, then flushes and closes the client. */
    public static Result run(String server, String writeKey, double rate, Duration duration, SimulationConfig shop, boolean progress) {
        LiveTraffic live = new LiveTraffic(shop, System::currentTimeMillis);
        DataEyeConfig config = DataEyeConfig.builder().endpoint(server).writeKey(writeKey).build();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long offered = 0;
        long nextReport = start + 2_000_000_000L;
        try (BatchingDataEyeClient client = BatchingDataEyeClient.builder(config).build()) {
            long now;
            while ((now = System.nanoTime()) < end) {
                // pace by the clock: after t seconds, rate·t events
                long due = (long) ((now - start) / 1e9 * rate) + 1;
                while (offered < due) {
                    client.send(toSdk(live.next()));
                    offered++;
                }
                if (progress && now >= nextReport) {
                    ClientMetrics m = client.metrics();
                    System.err.printf(Locale.ROOT, "\r%,d events offered, %,d sent, %,d failed, %,d queued ", offered, m.sentEvents(),
                            m.failedEvents(), m.queuedEvents());
                    nextReport += 2_000_000_000L;
                }
                LockSupport.parkNanos(Math.max(100_000L, (long) (1e9 / rate)));
            }
            client.flush();
            ClientMetrics metrics = client.metrics();
            return new Result(offered, metrics, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    static Event toSdk(SimulatedEvent e) {
        Event.Builder b = Event.of(EventType.valueOf(e.type().name())).eventId(e.eventId()).anonymousId(e.anonymousId())
                .loginId(e.loginId()).distinctId(e.distinctId()).itemId(e.itemId()).timestamp(Instant.ofEpochMilli(e.timestamp()))
                .properties(e.properties());
        if (e.event() != null) {
            b.name(e.event());
        }
        return b.build();
    }
}
