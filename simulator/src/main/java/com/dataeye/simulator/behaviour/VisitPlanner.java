package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.population.AcquisitionChannel;
import com.dataeye.simulator.population.Person;
import com.dataeye.simulator.population.SegmentMix;
import com.dataeye.simulator.truth.PlantedTruths;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * When a person visits: a first day from the {@link ArrivalCalendar}, then for every later day of the run
 * an independent draw with the channel's {@link RetentionCurve} chance, scaled by the person's segment
 * (whales return more often than observers, normalised per channel so the channel keeps its planted
 * retention) and the weekday. Some days get a second session.
 */
final class VisitPlanner {

    private static final double SECOND_SESSION_FIRST_DAY = 0.08;
    private static final double SECOND_SESSION_LATER = 0.05;

    private final ShopCalendar calendar;
    private final ArrivalCalendar arrivals;
    private final SegmentMix mix;
    private final DailyRhythm rhythm = new DailyRhythm();
    private final Map<AcquisitionChannel, RetentionCurve> curves = new EnumMap<>(AcquisitionChannel.class);

    VisitPlanner(ShopCalendar calendar, ArrivalCalendar arrivals, PlantedTruths truths, SegmentMix mix) {
        this.calendar = calendar;
        this.arrivals = arrivals;
        this.mix = mix;
        truths.retention().forEach((channel, planted) -> curves.put(channel, new RetentionCurve(planted)));
    }

    /** Session start times, ascending, in epoch milliseconds; the first is on the person's first day. */
    long[] plan(Person person, SplittableRandom random) {
        int firstDay = arrivals.firstDay(person.channel(), random);
        RetentionCurve curve = curves.get(person.channel());
        double segmentFactor = mix.returnFactor(person.channel(), person.plannedSegment());
        long[] starts = new long[8];
        int count = 0;
        for (int day = firstDay; day < calendar.days(); day++) {
            boolean visits = day == firstDay
                    || random.nextDouble() < curve.chance(day - firstDay) * segmentFactor * calendar.weekdayFactor(day);
            if (!visits) {
                continue;
            }
            double second = day == firstDay ? SECOND_SESSION_FIRST_DAY : SECOND_SESSION_LATER;
            int sessions = random.nextDouble() < second ? 2 : 1;
            if (count + sessions > starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            long a = calendar.dayStart(day) + rhythm.sessionStart(calendar.isFlashSale(day), random);
            if (sessions == 1) {
                starts[count++] = a;
            } else {
                long b = calendar.dayStart(day) + rhythm.sessionStart(calendar.isFlashSale(day), random);
                starts[count++] = Math.min(a, b);
                starts[count++] = Math.max(a, b);
            }
        }
        return Arrays.copyOf(starts, count);
    }
}
