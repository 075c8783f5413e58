package com.dataeye.core.store;

/**
 * Port: the durable log every acknowledged batch is written to before the collector answers
 * (ARCHITECTURE.md "EventLog"). Embedded, a segmented file with group-committed fsyncs, loaded
 * into the event store in large batches; on a cluster, Kafka with acks=all.
 */
@FunctionalInterface
public interface EventLog {

    /** Durable when this returns; all of the batch or (after a crash mid-write) an unacknowledged tail. */
    void append(CommitBatch batch);
}
