package com.dataeye.simulator.truth;

import com.dataeye.simulator.catalog.Category;
import com.dataeye.simulator.output.ShopTime;
import com.dataeye.simulator.output.SimulatedEvent;
import com.dataeye.simulator.population.AcquisitionChannel;
import com.dataeye.simulator.population.Segment;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tallies the answer key while the events stream out, person by person, in memory that does not grow
 * with the run: only counters per channel, segment and variant are kept. Everything is read from the
 * emitted events ({@link PersonFacts}); the generator only says which channel a person came through,
 * which is the truth a channel classifier must recover from the landing signals.
 */
public final class AnswerKeyBuilder {

    static final int[] RETENTION_DAYS = {1, 7, 30};
    static final int[] LTV_DAYS = {7, 30, 90};

    private final PlantedTruths truths;
    private final int days;
    private final long firstLocalDay;

    private long events;
    private final Map<String, Long> eventsByName = new HashMap<>();
    private final Totals totals = new Totals();
    private final ChannelTally[] channels = new ChannelTally[AcquisitionChannel.values().length];
    private final SegmentTally[] segments = new SegmentTally[Segment.values().length];
    private long layoutBuyers;
    private long layoutAndImagePackBuyers;
    /** experiment → variant → tally */
    private final Map<String, Map<String, VariantTally>> experiments = new TreeMap<>();

    public AnswerKeyBuilder(PlantedTruths truths, LocalDate startDate, int days) {
        this.truths = truths;
        this.days = days;
        this.firstLocalDay = ShopTime.localDay(ShopTime.startOfDay(startDate));
        for (AcquisitionChannel c : AcquisitionChannel.values()) {
            channels[c.ordinal()] = new ChannelTally();
        }
        for (Segment s : Segment.values()) {
            segments[s.ordinal()] = new SegmentTally();
        }
    }

    /** Events about no person (the catalogue): counted, nothing else. */
    public void addUnattributed(List<SimulatedEvent> batch) {
        batch.forEach(this::count);
    }

    public void addPerson(AcquisitionChannel channel, List<SimulatedEvent> personEvents) {
        personEvents.forEach(this::count);
        PersonFacts f = PersonFacts.of(personEvents, firstLocalDay);
        totals.add(f);
        ChannelTally c = channels[channel.ordinal()];
        c.persons++;
        for (int i = 0; i < RETENTION_DAYS.length; i++) {
            int day = f.firstDay + RETENTION_DAYS[i];
            if (day < days) {
                c.cohort[i]++;
                c.retained[i] += f.activeDays.get(day) ? 1 : 0;
            }
        }
        for (int i = 0; i < LTV_DAYS.length; i++) {
            long net = f.netWithin(LTV_DAYS[i]);
            c.netCents[i] += net;
            if (f.firstDay + LTV_DAYS[i] <= days) {
                c.maturedPersons[i]++;
                c.maturedNetCents[i] += net;
            }
        }
        Segment segment = truths.segmentRules().classify(f.netCents, f.shares, f.invitesSent, f.ordersPaid);
        segments[segment.ordinal()].add(f.npsScore);
        if (f.categoriesBought.contains(Category.WECHAT_LAYOUT_TEMPLATE)) {
            layoutBuyers++;
            layoutAndImagePackBuyers += f.categoriesBought.contains(Category.HD_IMAGE_PACK) ? 1 : 0;
        }
        f.variants.forEach((experiment, variant) -> experiments
                .computeIfAbsent(experiment, e -> new TreeMap<>())
                .computeIfAbsent(variant, v -> new VariantTally())
                .add(f));
    }

    private void count(SimulatedEvent e) {
        events++;
        eventsByName.merge(e.name(), 1L, Long::sum);
    }

    public long events() {
        return events;
    }

    public AnswerKey build(AnswerKey.Run run) {
        long persons = totals.persons;
        return new AnswerKey(AnswerKey.FORMAT, run, totals.counts(events, new TreeMap<>(eventsByName)),
                AnswerKeyTables.channels(truths, channels, persons),
                AnswerKeyTables.segments(truths, segments, persons),
                new AnswerKey.AttachRate(Category.WECHAT_LAYOUT_TEMPLATE.slug(), Category.HD_IMAGE_PACK.slug(),
                        truths.layoutToImagePackAttachRate(), layoutBuyers, layoutAndImagePackBuyers,
                        AnswerKeyTables.ratio(layoutAndImagePackBuyers, layoutBuyers)),
                AnswerKeyTables.ltvRatio(truths, channels),
                AnswerKeyTables.experiments(truths, experiments),
                AnswerKeyTables.definitions(truths));
    }

    static final class ChannelTally {
        long persons;
        final long[] cohort = new long[RETENTION_DAYS.length];
        final long[] retained = new long[RETENTION_DAYS.length];
        final long[] netCents = new long[LTV_DAYS.length];
        final long[] maturedPersons = new long[LTV_DAYS.length];
        final long[] maturedNetCents = new long[LTV_DAYS.length];
    }

    static final class SegmentTally {
        long persons;
        long promoters;
        long passives;
        long detractors;

        void add(Integer npsScore) {
            persons++;
            if (npsScore == null) {
                return;
            }
            if (npsScore >= 9) {
                promoters++;
            } else if (npsScore >= 7) {
                passives++;
            } else {
                detractors++;
            }
        }
    }

    static final class VariantTally {
        long exposed;
        long paid;
        final long[] orders = new long[PersonFacts.FUNNEL_STEPS.size()];

        void add(PersonFacts f) {
            exposed++;
            paid += f.ordersPaid > 0 ? 1 : 0;
            for (int i = 0; i < orders.length; i++) {
                orders[i] += f.orders(PersonFacts.FUNNEL_STEPS.get(i));
            }
        }
    }

    private static final class Totals {
        long persons;
        long signedUp;
        long devices;
        long ordersPaid;
        long ordersRefunded;
        long grossCents;
        long refundedCents;

        void add(PersonFacts f) {
            persons++;
            signedUp += f.signedUp ? 1 : 0;
            devices += f.devices.size();
            ordersPaid += f.ordersPaid;
            ordersRefunded += f.ordersRefunded;
            grossCents += f.grossCents;
            refundedCents += f.refundedCents;
        }

        AnswerKey.Counts counts(long events, Map<String, Long> byName) {
            return new AnswerKey.Counts(events, byName, persons, signedUp, devices, ordersPaid, ordersRefunded,
                    AnswerKeyTables.yuan(grossCents), AnswerKeyTables.yuan(refundedCents),
                    AnswerKeyTables.yuan(grossCents - refundedCents));
        }
    }
}
