package com.dataeye.sdk;

import com.dataeye.sdk.internals.EventSerializer;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many events per second application threads get into the buffer: 4 threads build shop events
 * and call {@code track}; the sender encodes and gzips every batch and hands it to a transport that
 * discards it, so the collector is out of the measurement. The baseline, measured in the same run,
 * builds and writes the same events as JSON without queuing them: the cost the buffer adds is the
 * difference. Process CPU per event is printed too: unlike the rate, it hardly depends on what
 * else the machine is doing. Not a test (a main class, not run by Maven); see the README for the command.
 *
 * <p>Arguments: seconds per measured round (default 5). Each measurement is preceded by a warm-up
 * round; the median of the rounds is the result.
 */
public final class BufferThroughputBenchmark {

    private static final int THREADS = 4;
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final int ROUNDS = 5;
    private static final int WARM_UP_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf("%d threads, %d s warm-up, %d rounds of %d s, %d cores, %s %s%n", THREADS, WARM_UP_SECONDS, ROUNDS, seconds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf("event JSON: %d bytes%n", new EventSerializer().toJson(event(0, 0).stampedAt(Instant.now())).length);

        EventSerializer serializer = new EventSerializer();
        run("baseline: build + write JSON", seconds, (t, i) -> serializer.toJson(event(t, i).stampedAt(Instant.now())));

        DataEyeConfig config = DataEyeConfig.builder().endpoint("http://collector.invalid").writeKey("wk_bench").build();
        LongAdder bytesSent = new LongAdder();
        HttpTransport discard = request -> {
            bytesSent.add(request.body().length);
            return new HttpTransport.Response(200, Map.of(), new byte[0]);
        };
        try (BatchingDataEyeClient client = BatchingDataEyeClient.builder(config).transport(discard).build()) {
            run("track() into the buffer", seconds, (t, i) -> client.track(event(t, i)));
            client.flush();
            ClientMetrics m = client.metrics();
            System.out.printf("sent %,d events in %,d batches (%,d gzipped bytes), dropped %d, blocked %d ms%n",
                    m.sentEvents(), m.batches(), bytesSent.sum(), m.droppedEvents(), m.blockedTime().toMillis());
        }
    }

    private static Event event(int thread, int i) {
        return Event.track("product_view").anonymousId("dev-" + thread + "-" + (i & 1023))
                .property("product_id", "lut-pack-v" + (i & 63))
                .property("$url", "https://shop.example/p/lut-pack?utm_source=douyin&utm_medium=video")
                .property("$title", "电影感 LUT 调色包")
                .property("price", 39.9)
                .property("currency", "CNY")
                .property("category", "luts")
                .property("position", i & 15)
                .build();
    }

    private interface Work {
        void run(int thread, int i);
    }

    private static void run(String name, int seconds, Work work) throws InterruptedException {
        round(WARM_UP_SECONDS, work);
        List<Double> rates = new ArrayList<>();
        long cpuBefore = PROCESS.getProcessCpuTime();
        double events = 0;
        for (int r = 0; r < ROUNDS; r++) {
            double rate = round(seconds, work);
            rates.add(rate);
            events += rate * seconds;
        }
        double cpuMicros = (PROCESS.getProcessCpuTime() - cpuBefore) / 1e3 / events;
        System.out.printf("%-30s %s events/s (median %,.0f; process CPU %.1f µs per event, GC included)%n", name,
                rates.stream().map(x -> String.format("%,.0f", x)).toList(), rates.stream().sorted().toList().get(ROUNDS / 2),
                cpuMicros);
    }

    /** Runs {@code work} on {@link #THREADS} threads for {@code seconds}; returns calls per second. */
    private static double round(int seconds, Work work) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    work.run(thread, i++);
                    done.increment();
                }
            }));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        TimeUnit.SECONDS.sleep(seconds);
        stop.set(true);
        long count = done.sum();
        long elapsed = System.nanoTime() - start;
        for (Thread t : threads) {
            t.join();
        }
        return count * 1e9 / elapsed;
    }
}
