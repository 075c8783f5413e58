package com.dataeye.simulator.population;

import com.dataeye.simulator.truth.PlantedTruths;

import java.util.EnumMap;
import java.util.Map;

/**
 * Which segment a person is planned into, given their channel, so that two planted truths hold at once:
 *
 * <ul>
 *   <li><b>segment shares over all persons</b> — the spending segments (whale, contributor, regular) are
 *       scaled per channel by a value factor {@code v(c)} normalised over the channel mix, and observers
 *       absorb the rest, so summed over channels every segment keeps its planted share;
 *   <li><b>LTV ratio</b> — what a spending person spends does not depend on their channel, so revenue per
 *       person of a channel is proportional to {@code v(c)}: short video 1, community the planted ratio,
 *       the others halfway.
 * </ul>
 *
 * Planned regulars are inflated by {@code 1 / chanceRegularBuys}: some of them lose every purchase at
 * payment confirmation and end up observers, which is the experiment's real effect, not noise to remove.
 */
public final class SegmentMix {

    /** Relative visit frequency per planned segment: whales come back most, observers least. */
    private static final Map<Segment, Double> RETURN_WEIGHT = Map.of(
            Segment.WHALE, 2.0, Segment.CONTRIBUTOR, 1.6, Segment.REGULAR, 1.2, Segment.OBSERVER, 0.7);

    private final Map<AcquisitionChannel, double[]> plannedByChannel = new EnumMap<>(AcquisitionChannel.class);
    private final Map<AcquisitionChannel, double[]> returnFactorByChannel = new EnumMap<>(AcquisitionChannel.class);

    private SegmentMix() {
    }

    /**
     * @param chanceRegularBuys probability that a planned regular pays at least once, over both payment variants
     */
    public static SegmentMix plan(PlantedTruths truths, double chanceRegularBuys) {
        double whale = truths.segments().whale();
        double contributor = truths.segments().contributor();
        double regular = truths.segments().regular() / chanceRegularBuys;
        if (whale + contributor + regular > 1) {
            throw new IllegalArgumentException("too few observers: with the payment drop-off, " + Math.round(regular * 100)
                    + "% must be planned as buyers to end with " + Math.round(truths.segments().regular() * 100)
                    + "% regulars; lower the regular or whale share, or raise the observer share");
        }
        double ratio = truths.communityToShortVideoLtvRatio();
        double normaliser = 0;
        for (AcquisitionChannel c : AcquisitionChannel.values()) {
            normaliser += truths.channelShares().get(c) * valueFactor(c, ratio);
        }
        SegmentMix mix = new SegmentMix();
        for (AcquisitionChannel c : AcquisitionChannel.values()) {
            double scale = valueFactor(c, ratio) / normaliser;
            double[] p = new double[Segment.values().length];
            p[Segment.WHALE.ordinal()] = whale * scale;
            p[Segment.CONTRIBUTOR.ordinal()] = contributor * scale;
            p[Segment.REGULAR.ordinal()] = regular * scale;
            double spenders = (whale + contributor + regular) * scale;
            if (spenders > 1 + 1e-12) {
                throw new IllegalArgumentException("an LTV ratio of " + ratio + " is not reachable with these shares: "
                        + c.wireName() + " would need " + Math.round(spenders * 100) + "% spenders; lower the ratio "
                        + "or the spending segments' shares");
            }
            p[Segment.OBSERVER.ordinal()] = Math.max(0, 1 - spenders);
            mix.plannedByChannel.put(c, p);
            mix.returnFactorByChannel.put(c, returnFactors(p));
        }
        return mix;
    }

    static double valueFactor(AcquisitionChannel channel, double ratio) {
        return switch (channel) {
            case SHORT_VIDEO -> 1;
            case COMMUNITY -> ratio;
            default -> (1 + ratio) / 2;
        };
    }

    /** Per-segment multipliers of the channel's return chance whose mix-weighted mean is exactly 1. */
    private static double[] returnFactors(double[] planned) {
        double mean = 0;
        for (Segment s : Segment.values()) {
            mean += planned[s.ordinal()] * RETURN_WEIGHT.get(s);
        }
        double[] factors = new double[planned.length];
        for (Segment s : Segment.values()) {
            factors[s.ordinal()] = RETURN_WEIGHT.get(s) / mean;
        }
        return factors;
    }

    /** P(planned segment | channel), indexed by {@link Segment#ordinal()}. */
    public double[] plannedShares(AcquisitionChannel channel) {
        return plannedByChannel.get(channel).clone();
    }

    /** Multiplier of the channel's retention curve for a person planned into {@code segment}. */
    public double returnFactor(AcquisitionChannel channel, Segment segment) {
        return returnFactorByChannel.get(channel)[segment.ordinal()];
    }
}
