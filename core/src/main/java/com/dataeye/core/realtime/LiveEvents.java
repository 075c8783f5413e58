package com.dataeye.core.realtime;

import com.dataeye.core.event.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last accepted events of each project, in a ring of fixed size, numbered so that a reader asks
 * for what came after the last number it saw. A reader that falls behind by more than the ring
 * skips ahead (a live view needs the latest events, not all of them) and learns how many it missed.
 */
public final class LiveEvents {

    private final int capacity;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    public LiveEvents(int capacity) {
        this.capacity = capacity;
    }

    /** What came after {@code afterSeq}, at most {@code max} (the newest), and how many were skipped. */
    public record Page(List<LiveEvent> events, long lastSeq, long skipped) {}

    public void append(Event e) {
        rings.computeIfAbsent(e.projectId(), id -> new Ring(capacity)).append(e);
    }

    public Page after(String projectId, long afterSeq, int max) {
        Ring ring = rings.get(projectId);
        return ring == null ? new Page(List.of(), Math.max(afterSeq, 0), 0) : ring.after(afterSeq, max);
    }

    /** The number of the newest event, so a new reader starts from now. */
    public long lastSeq(String projectId) {
        Ring ring = rings.get(projectId);
        return ring == null ? 0 : ring.lastSeq();
    }

    private static final class Ring {
        // the events themselves: shaped for readers only when read, off the speed layer's path
        private final Event[] slots;
        private long next = 1;

        Ring(int capacity) {
            slots = new Event[capacity];
        }

        synchronized void append(Event e) {
            long seq = next++;
            slots[(int) (seq % slots.length)] = e;
        }

        synchronized long lastSeq() {
            return next - 1;
        }

        synchronized Page after(long afterSeq, int max) {
            long last = next - 1;
            long from = Math.max(afterSeq + 1, Math.max(1, last - Math.min(max, slots.length) + 1));
            long skipped = Math.max(0, from - (afterSeq + 1));
            List<LiveEvent> out = new ArrayList<>((int) Math.max(0, last - from + 1));
            for (long s = from; s <= last; s++) {
                out.add(LiveEvent.of(s, slots[(int) (s % slots.length)]));
            }
            return new Page(out, Math.max(last, afterSeq), skipped);
        }
    }
}
