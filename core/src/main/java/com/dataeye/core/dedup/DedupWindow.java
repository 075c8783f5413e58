package com.dataeye.core.dedup;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers which event ids were stored in the last {@code window} (at least 7 days), so an SDK
 * retry is stored once (PRODUCT.md C1).
 *
 * <p>Each id is kept as a 64-bit digest in a primitive hash set per receive day (about 16 bytes an
 * event); a whole day is dropped when it leaves the window. Two different ids share a digest with
 * probability about n²/2⁶⁵ (n = ids in the window: 10 million ids give 3·10⁻⁶); that is the only
 * way a new event could be taken for a retry. The store is the truth: the window is rebuilt from
 * it on start, so dedup holds across restarts.
 */
public final class DedupWindow {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final long windowDays;
    private final TreeMap<Long, LongOpenHashSet> digestsByDay = new TreeMap<>();

    public DedupWindow(Duration window) {
        this.windowDays = Math.max(1, window.toDays());
    }

    /** @return true when the id is new (and is now remembered), false when it was seen before */
    public boolean remember(String projectId, String eventId, Instant receivedAt) {
        // the digest outside the lock: importing threads share this window
        return remember(digest(projectId, eventId), receivedAt);
    }

    /**
     * Remembers an id already stored, by its {@link #digest} and the day it was received (days since the
     * epoch, UTC): how the window is rebuilt on start, from digests the store may compute itself.
     */
    public synchronized void restore(long digest, long receivedDay) {
        digestsByDay.computeIfAbsent(receivedDay, d -> new LongOpenHashSet()).add(digest);
    }

    private synchronized boolean remember(long digest, Instant receivedAt) {
        for (LongOpenHashSet day : digestsByDay.values()) {
            if (day.contains(digest)) {
                return false;
            }
        }
        long day = receivedAt.getEpochSecond() / 86_400;
        digestsByDay.computeIfAbsent(day, d -> new LongOpenHashSet()).add(digest);
        expireBefore(day - windowDays);
        return true;
    }

    /** Takes back an id whose commit failed, so a retry of it is stored. */
    public synchronized void forget(String projectId, String eventId, Instant receivedAt) {
        LongOpenHashSet day = digestsByDay.get(receivedAt.getEpochSecond() / 86_400);
        if (day != null) {
            day.remove(digest(projectId, eventId));
        }
    }

    public synchronized long size() {
        long n = 0;
        for (LongOpenHashSet day : digestsByDay.values()) {
            n += day.size();
        }
        return n;
    }

    private void expireBefore(long oldestDayKept) {
        Iterator<Map.Entry<Long, LongOpenHashSet>> it = digestsByDay.entrySet().iterator();
        while (it.hasNext() && it.next().getKey() < oldestDayKept) {
            it.remove();
        }
    }

    /**
     * An id's 64-bit digest: the first 8 bytes, big-endian, of the MD5 of the project id's UTF-8 bytes, a
     * zero byte and the event id's UTF-8 bytes. A store that computes it natively must give the same number.
     */
    public static long digest(String projectId, String eventId) {
        MessageDigest md5 = MD5.get();
        md5.update(projectId.getBytes(StandardCharsets.UTF_8));
        md5.update((byte) 0);
        byte[] d = md5.digest(eventId.getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        return v;
    }
}
