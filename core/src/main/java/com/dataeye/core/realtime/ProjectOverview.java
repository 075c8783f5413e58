package com.dataeye.core.realtime;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import org.apache.datasketches.hash.MurmurHash3;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The overview state of one project: a bucket per minute for the last two days (series and
 * "yesterday at the same time") and a bucket per day for the last 35 days (DAU/WAU/MAU), each with
 * exact counts and HLL sketches of persons. New users are persons never seen before, found in a set
 * of 64-bit hashes of every person id (about 16 bytes a person). Thread-safe: one lock per project.
 */
final class ProjectOverview {

    static final int DAY_LG_K = 14;
    static final int MINUTE_LG_K = 12;
    static final int DAYS_KEPT = 35;
    static final Duration MINUTES_KEPT = Duration.ofHours(49);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX");

    private final String project;
    private final ZoneId zone;
    private final TreeMap<Long, Bucket> minutes = new TreeMap<>();
    private final TreeMap<LocalDate, Bucket> days = new TreeMap<>();
    private final LongOpenHashSet known = new LongOpenHashSet();
    private long version;
    // the buckets most events fall in, found without a map lookup
    private long lastMinuteKey = Long.MIN_VALUE;
    private Bucket lastMinute;
    private long lastDayStart = Long.MAX_VALUE;
    private long lastDayEnd = Long.MIN_VALUE;
    private Bucket lastDay;

    ProjectOverview(String project, ZoneId zone) {
        this.project = project;
        this.zone = zone;
    }

    synchronized long version() {
        return version;
    }

    /** Marks a person as seen before the window; counts them as new on {@code firstSeen} if that is inside it. */
    synchronized void restoreFirstSeen(String personId, Instant firstSeen, Instant now) {
        if (known.add(hash(personId))) {
            Bucket minute = minuteBucket(firstSeen, now);
            if (minute != null) {
                minute.newPersons++;
            }
            Bucket day = dayBucket(firstSeen, now);
            if (day != null) {
                day.newPersons++;
            }
        }
    }

    synchronized void accept(CountedEvent e, Instant now) {
        if (++version % 100_000 == 0) {
            evict(now); // without readers, old buckets still go
        }
        long person = e.personId() == null ? 0 : hash(e.personId());
        boolean isNew = false;
        if (e.personId() != null) {
            // the login of an anonymous visitor already seen is the same person, not another new one
            boolean linkedToKnown = e.anonymousId() != null && !e.anonymousId().equals(e.personId())
                    && known.contains(hash(e.anonymousId()));
            if (e.isActivity() || linkedToKnown) {
                isNew = known.add(person) && e.isActivity() && !linkedToKnown;
            }
        }
        Bucket minute = minuteBucket(e.ts(), now);
        if (minute != null) {
            add(minute, e, person, isNew);
        }
        Bucket day = dayBucket(e.ts(), now);
        if (day != null) {
            add(day, e, person, isNew);
        }
    }

    /** Sketches take the person's 64-bit hash (computed once per event), never the id itself. */
    private static void add(Bucket b, CountedEvent e, long person, boolean isNew) {
        if (isNew) {
            b.newPersons++;
        }
        if (!e.isActivity()) {
            return;
        }
        b.events++;
        boolean hasPerson = e.personId() != null;
        if (hasPerson) {
            b.persons.update(person);
        }
        if (e.isPageView()) {
            b.pageViews++;
            if (hasPerson) {
                b.viewers.update(person);
            }
        }
        if (e.isOrder()) {
            b.orders++;
            b.gmvCents += e.amountCents();
            if (hasPerson) {
                b.payers.update(person);
            }
        } else if (e.isRefund()) {
            b.refundCents += e.amountCents();
        }
    }

    private Bucket minuteBucket(Instant ts, Instant now) {
        long key = Math.floorDiv(ts.getEpochSecond(), 60);
        if (key == lastMinuteKey) {
            return lastMinute;
        }
        if (ts.isBefore(now.minus(MINUTES_KEPT))) {
            return null;
        }
        lastMinuteKey = key;
        lastMinute = minutes.computeIfAbsent(key, k -> new Bucket(MINUTE_LG_K));
        return lastMinute;
    }

    private Bucket dayBucket(Instant ts, Instant now) {
        long second = ts.getEpochSecond();
        if (second >= lastDayStart && second < lastDayEnd) {
            return lastDay;
        }
        LocalDate day = LocalDate.ofInstant(ts, zone);
        if (day.isBefore(LocalDate.ofInstant(now, zone).minusDays(DAYS_KEPT - 1))) {
            return null;
        }
        lastDayStart = day.atStartOfDay(zone).toEpochSecond();
        lastDayEnd = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
        lastDay = days.computeIfAbsent(day, k -> new Bucket(DAY_LG_K));
        return lastDay;
    }

    synchronized void evict(Instant now) {
        long oldestMinute = now.minus(MINUTES_KEPT).getEpochSecond() / 60;
        minutes.headMap(oldestMinute).clear();
        days.headMap(LocalDate.ofInstant(now, zone).minusDays(DAYS_KEPT - 1)).clear();
        lastMinuteKey = Long.MIN_VALUE;
        lastDayStart = Long.MAX_VALUE;
        lastDayEnd = Long.MIN_VALUE;
    }

    synchronized OverviewSnapshot snapshot(Instant now, int hours) {
        evict(now);
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        long nowMinute = Math.floorDiv(now.getEpochSecond(), 60);
        Bucket todayBucket = days.getOrDefault(today, new Bucket(DAY_LG_K));
        OverviewSnapshot.Totals t = totals(List.of(todayBucket), DAY_LG_K);
        long yStart = today.minusDays(1).atStartOfDay(zone).toEpochSecond() / 60;
        long yNow = local.minusDays(1).toEpochSecond() / 60;
        OverviewSnapshot.Totals y = totals(new ArrayList<>(minutes.subMap(yStart, true, yNow, true).values()), MINUTE_LG_K);

        List<OverviewSnapshot.Minute> series = new ArrayList<>();
        for (long m = nowMinute - (long) hours * 60 + 1; m <= nowMinute; m++) {
            Bucket b = minutes.get(m);
            String label = Instant.ofEpochSecond(m * 60).atZone(zone).format(MINUTE);
            series.add(b == null ? new OverviewSnapshot.Minute(label, 0, 0, 0, 0, 0)
                    : new OverviewSnapshot.Minute(label, b.events, b.pageViews, round(b.viewers.getEstimate()), b.orders, b.gmvCents / 100.0));
        }
        return new OverviewSnapshot(project, zone.getId(), local.truncatedTo(ChronoUnit.SECONDS).toOffsetDateTime().toString(),
                today.toString(), version, t, y, change(t, y),
                distinct(days.subMap(today.minusDays(6), true, today, true), b -> b.persons, DAY_LG_K),
                distinct(days.subMap(today.minusDays(29), true, today, true), b -> b.persons, DAY_LG_K),
                series, accuracy());
    }

    private static OverviewSnapshot.Totals totals(List<Bucket> buckets, int lgK) {
        long events = 0;
        long pv = 0;
        long orders = 0;
        long gmv = 0;
        long refunds = 0;
        long newPersons = 0;
        Union persons = new Union(lgK);
        Union viewers = new Union(lgK);
        Union payers = new Union(lgK);
        for (Bucket b : buckets) {
            events += b.events;
            pv += b.pageViews;
            orders += b.orders;
            gmv += b.gmvCents;
            refunds += b.refundCents;
            newPersons += b.newPersons;
            persons.update(b.persons);
            viewers.update(b.viewers);
            payers.update(b.payers);
        }
        long dau = round(persons.getEstimate());
        long payerCount = Math.min(round(payers.getEstimate()), orders);
        return new OverviewSnapshot.Totals(events, pv, round(viewers.getEstimate()), dau, newPersons, orders, gmv / 100.0,
                refunds / 100.0, orders == 0 ? null : Math.round(gmv / (double) orders) / 100.0,
                payerCount, dau == 0 ? null : Math.min(1.0, payerCount / (double) dau));
    }

    private static long distinct(Map<LocalDate, Bucket> buckets, Function<Bucket, HllSketch> sketch, int lgK) {
        Union u = new Union(lgK);
        buckets.values().forEach(b -> u.update(sketch.apply(b)));
        return round(u.getEstimate());
    }

    private static OverviewSnapshot.Change change(OverviewSnapshot.Totals t, OverviewSnapshot.Totals y) {
        return new OverviewSnapshot.Change(rel(t.pv(), y.pv()), rel(t.uv(), y.uv()), rel(t.dau(), y.dau()),
                rel(t.newUsers(), y.newUsers()), rel(t.orders(), y.orders()), rel(t.gmv(), y.gmv()),
                t.aov() == null || y.aov() == null ? null : rel(t.aov(), y.aov()),
                t.payingConversion() == null || y.payingConversion() == null ? null : rel(t.payingConversion(), y.payingConversion()));
    }

    private static Double rel(double today, double yesterday) {
        return yesterday == 0 ? null : Math.round((today - yesterday) / yesterday * 10_000) / 10_000.0;
    }

    static OverviewSnapshot.Accuracy accuracy() {
        return new OverviewSnapshot.Accuracy(rse(DAY_LG_K), rse(MINUTE_LG_K),
                "uv, dau, wau, mau and payers are HyperLogLog estimates (Apache DataSketches): about 95 % of them are within "
                        + "two relative standard errors of the true count; yesterday-at-the-same-time and per-minute uv use the "
                        + "minute sketches. A visitor who logs in for the first time today is counted once as the anonymous "
                        + "visitor and once as the login until the store resolves the identity; the query API is exact.");
    }

    /** DataSketches' HLL relative standard error, 1.04 / sqrt(2^lgK) for HLL_4 (1σ). */
    static double rse(int lgK) {
        return Math.round(1.04 / Math.sqrt(1 << lgK) * 10_000) / 10_000.0;
    }

    private static long round(double estimate) {
        return Math.round(estimate);
    }

    private static long hash(String personId) {
        return MurmurHash3.hash(personId.getBytes(StandardCharsets.UTF_8), 9001L)[0];
    }

    /** The number of buckets held, for tests and the memory gauge. */
    synchronized int bucketCount() {
        return minutes.size() + days.size();
    }
}
