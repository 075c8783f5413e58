package com.dataeye.simulator.output;

/**
 * Where simulated events go: a file here ({@link NdjsonFileSink}); a live HTTP sender or a direct
 * importer elsewhere. Events arrive person by person, each person's in time order.
 */
public interface EventSink extends AutoCloseable {

    void accept(SimulatedEvent event);

    /** Flushes and releases what the sink holds; the default holds nothing. */
    @Override
    default void close() {
    }
}
