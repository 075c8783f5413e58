package com.dataeye.core.store;

import com.dataeye.core.identity.IdentityLink;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Port: where every accepted event is kept (ARCHITECTURE.md "Event store" and, embedded,
 * "EventLog"). {@link #commit} is all-or-nothing and durable when it returns: the collector
 * acknowledges only after it.
 */
public interface EventStore extends EventLog, AutoCloseable {

    void commit(CommitBatch batch);

    /** Without a separate log, appending is committing. */
    @Override
    default void append(CommitBatch batch) {
        commit(batch);
    }

    /** Ids of events received at or after {@code since}, to rebuild the dedup window on start. */
    void forEachEventIdSince(Instant since, EventIdConsumer consumer);

    /**
     * The {@link com.dataeye.core.dedup.DedupWindow#digest digests} of the ids of events received at or after
     * {@code since}, with the day each was received (days since the epoch, UTC): the dedup window's restore on
     * start. By default from {@link #forEachEventIdSince}; a store may compute the digests itself, faster.
     */
    default void forEachEventDigestSince(Instant since, EventDigestConsumer consumer) {
        forEachEventIdSince(since, (project, id, receivedAt) ->
                consumer.accept(com.dataeye.core.dedup.DedupWindow.digest(project, id), receivedAt.getEpochSecond() / 86_400));
    }

    /** Every identity link, to rebuild the identity resolver on start. */
    void forEachIdentityLink(Consumer<IdentityLink> consumer);

    @Override
    void close();

    @FunctionalInterface
    interface EventIdConsumer {
        void accept(String projectId, String eventId, Instant receivedAt);
    }

    @FunctionalInterface
    interface EventDigestConsumer {
        void accept(long digest, long receivedDay);
    }
}
