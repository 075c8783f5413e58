package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.population.AcquisitionChannel;
import com.dataeye.simulator.random.Seeds;
import com.dataeye.simulator.random.Weighted;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * On which day each person first arrives. Traffic grows slowly over the run and is busier at weekends;
 * short video comes in bursts (a few videos go viral), the community channel trickles in steadily
 * ("瞬时爆发力不强"), and the flash sale brings a crowd of newcomers.
 */
final class ArrivalCalendar {

    private static final int VIRAL_DAYS = 3;
    private static final double VIRAL_BOOST = 5;
    private static final double FLASH_SALE_BOOST = 3;
    private static final long VIRAL_STREAM = -2L;

    private final Map<AcquisitionChannel, Weighted<Integer>> firstDays = new EnumMap<>(AcquisitionChannel.class);

    ArrivalCalendar(ShopCalendar calendar, long seed) {
        int days = calendar.days();
        boolean[] viral = viralDays(days, seed);
        List<Integer> dayIndices = IntStream.range(0, days).boxed().toList();
        for (AcquisitionChannel channel : AcquisitionChannel.values()) {
            double[] weights = new double[days];
            for (int d = 0; d < days; d++) {
                double growth = 0.85 + 0.3 * d / Math.max(1, days - 1);
                double weight = channel == AcquisitionChannel.COMMUNITY ? growth : growth * calendar.weekdayFactor(d);
                if (channel == AcquisitionChannel.SHORT_VIDEO && viral[d]) {
                    weight *= VIRAL_BOOST;
                }
                if (calendar.isFlashSale(d)) {
                    weight *= channel == AcquisitionChannel.COMMUNITY ? 1.5 : FLASH_SALE_BOOST;
                }
                weights[d] = weight;
            }
            firstDays.put(channel, new Weighted<>(dayIndices, weights));
        }
    }

    int firstDay(AcquisitionChannel channel, SplittableRandom random) {
        return firstDays.get(channel).sample(random);
    }

    private static boolean[] viralDays(int days, long seed) {
        boolean[] viral = new boolean[days];
        SplittableRandom random = Seeds.stream(seed, VIRAL_STREAM);
        for (int i = 0; i < Math.min(VIRAL_DAYS, days / 10); i++) {
            viral[random.nextInt(days)] = true;
        }
        return viral;
    }
}
