package com.dataeye.core.ingest;

import com.dataeye.core.event.Event;
import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.store.EventStore;
import com.dataeye.core.store.QuarantinedEvent;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitterTest {

    /** A store that records commits and can be held or made to fail, to observe the committer. */
    static final class RecordingStore implements EventStore {
        final List<Integer> commitSizes = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean hold;
        volatile boolean fail;

        @Override
        public void commit(CommitBatch batch) {
            if (hold) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fail) {
                throw new IllegalStateException("disk full");
            }
            commitSizes.add(batch.size());
        }

        @Override
        public void forEachEventIdSince(Instant since, EventIdConsumer consumer) {}

        @Override
        public void forEachIdentityLink(Consumer<IdentityLink> consumer) {}

        @Override
        public void close() {}
    }

    private static CommitBatch batchOf(int n) {
        List<QuarantinedEvent> q = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            q.add(new QuarantinedEvent("p", Instant.EPOCH, null, "c", null, "m", "{}"));
        }
        return new CommitBatch(List.<Event>of(), List.of(), q);
    }

    @Test
    void completesEachRequestAfterItsGroupIsCommitted() throws Exception {
        RecordingStore store = new RecordingStore();
        store.hold = true;
        try (GroupCommitter c = new GroupCommitter(store, 1000, 1000, n -> {})) {
            CompletableFuture<Void> first = c.submit(batchOf(1));
            Thread.sleep(50);
            CompletableFuture<Void> second = c.submit(batchOf(2));
            CompletableFuture<Void> third = c.submit(batchOf(3));
            assertThat(first).isNotDone();
            store.release.countDown();
            CompletableFuture.allOf(first, second, third).get(5, TimeUnit.SECONDS);
            // while the first commit was held, the other two gathered into one group
            assertThat(store.commitSizes).containsExactly(1, 5);
        }
    }

    @Test
    void refusesAtOnceWhenTheQueueIsFull() throws Exception {
        RecordingStore store = new RecordingStore();
        store.hold = true;
        try (GroupCommitter c = new GroupCommitter(store, 10, 1000, n -> {})) {
            c.submit(batchOf(1));
            Thread.sleep(50);
            c.submit(batchOf(8));
            assertThatThrownBy(() -> c.submit(batchOf(5)))
                    .isInstanceOf(OverloadedException.class)
                    .satisfies(e -> assertThat(((OverloadedException) e).retryAfter()).isPositive());
            store.release.countDown();
        }
    }

    @Test
    void failsEveryWaitingRequestWhenTheStoreFails() {
        RecordingStore store = new RecordingStore();
        store.fail = true;
        try (GroupCommitter c = new GroupCommitter(store, 1000, 1000, n -> {})) {
            CompletableFuture<Void> f = c.submit(batchOf(1));
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("disk full");
        }
    }
}
