package com.dataeye.simulator.population;

import com.dataeye.simulator.catalog.Category;
import com.dataeye.simulator.random.Seeds;
import com.dataeye.simulator.random.Weighted;
import com.dataeye.simulator.truth.PaymentExperiment;
import com.dataeye.simulator.truth.PlantedTruths;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static com.dataeye.simulator.catalog.Category.HD_IMAGE_PACK;
import static com.dataeye.simulator.catalog.Category.MEMBERSHIP;
import static com.dataeye.simulator.catalog.Category.VIDEO_EDITING_COURSE;
import static com.dataeye.simulator.catalog.Category.WECHAT_LAYOUT_TEMPLATE;

/**
 * Draws persons. The channel and the planned segment are the first two draws of a person's stream, so
 * {@link #traits} can recompute them for any index without simulating the person: that is how an invited
 * person finds a contributor to have been invited by.
 */
public final class PersonFactory {

    private static final double SECOND_DEVICE_SHARE = 0.25;
    private static final int INVITER_SEARCH_LIMIT = 10_000;

    private final long seed;
    private final int persons;
    private final PlantedTruths truths;
    private final Weighted<AcquisitionChannel> channels;
    private final List<Weighted<Segment>> segmentsByChannel = new ArrayList<>();
    private final Weighted<Category> categories;

    public PersonFactory(long seed, int persons, PlantedTruths truths, SegmentMix mix) {
        this.seed = seed;
        this.persons = persons;
        this.truths = truths;
        List<AcquisitionChannel> all = List.of(AcquisitionChannel.values());
        this.channels = new Weighted<>(all, all.stream().mapToDouble(c -> truths.channelShares().get(c)).toArray());
        for (AcquisitionChannel c : all) {
            segmentsByChannel.add(new Weighted<>(List.of(Segment.values()), mix.plannedShares(c)));
        }
        this.categories = new Weighted<>(List.of(Category.values()),
                Arrays.stream(Category.values()).mapToDouble(Category::interest).toArray());
    }

    /** The person's random stream; {@link #create} and everything the person then does draw from it in order. */
    public SplittableRandom streamOf(int index) {
        return Seeds.stream(seed, index);
    }

    public record Traits(AcquisitionChannel channel, Segment plannedSegment) {
    }

    public Traits traits(int index) {
        return drawTraits(streamOf(index));
    }

    private Traits drawTraits(SplittableRandom random) {
        AcquisitionChannel channel = channels.sample(random);
        return new Traits(channel, segmentsByChannel.get(channel.ordinal()).sample(random));
    }

    public Person create(int index, SplittableRandom random) {
        Traits traits = drawTraits(random);
        List<Device> devices = new ArrayList<>(2);
        DeviceKind first = firstDeviceKind(traits.channel(), random);
        devices.add(device(index, 0, first, random));
        if (random.nextDouble() < SECOND_DEVICE_SHARE) {
            devices.add(device(index, 1, secondDeviceKind(first, random), random));
        }
        String payment = Seeds.unit(seed, Seeds.key(truths.paymentExperiment().name()), index) < 0.5
                ? PaymentExperiment.BANK_CARD : PaymentExperiment.WECHAT_PAY;
        String button = Seeds.unit(seed, Seeds.key(truths.nullExperiment().name()), index) < 0.5
                ? truths.nullExperiment().control() : truths.nullExperiment().treatment();
        int inviter = traits.channel() == AcquisitionChannel.INVITE ? findInviter(index, random) : -1;
        return new Person(index, traits.channel(), traits.plannedSegment(), devices,
                interests(traits.plannedSegment(), random), payment, button, inviter);
    }

    /** Categories are independent of the channel, so a spending person's basket is too (the LTV truth needs that). */
    private List<Category> interests(Segment planned, SplittableRandom random) {
        Set<Category> chosen = EnumSet.noneOf(Category.class);
        int wanted = 1 + random.nextInt(3);
        while (chosen.size() < wanted) {
            chosen.add(categories.sample(random));
        }
        if (planned == Segment.WHALE) {
            chosen.add(VIDEO_EDITING_COURSE);
            chosen.add(MEMBERSHIP);
        }
        if (chosen.contains(WECHAT_LAYOUT_TEMPLATE)) {
            chosen.remove(HD_IMAGE_PACK);
        }
        return List.copyOf(chosen);
    }

    /** A contributor's index, searched from a random start; any person if the run has no contributor. */
    private int findInviter(int self, SplittableRandom random) {
        int start = random.nextInt(persons);
        for (int i = 0; i < Math.min(persons, INVITER_SEARCH_LIMIT); i++) {
            int candidate = (start + i) % persons;
            if (candidate != self && traits(candidate).plannedSegment() == Segment.CONTRIBUTOR) {
                return candidate;
            }
        }
        return persons > 1 ? (self + 1) % persons : self;
    }

    private static DeviceKind firstDeviceKind(AcquisitionChannel channel, SplittableRandom random) {
        double r = random.nextDouble();
        return switch (channel) {
            case SHORT_VIDEO -> r < 0.9 ? DeviceKind.MOBILE_WEB : DeviceKind.MINI_PROGRAM;
            case WECHAT, INVITE -> r < 0.6 ? DeviceKind.MINI_PROGRAM : DeviceKind.MOBILE_WEB;
            case SEARCH -> r < 0.6 ? DeviceKind.DESKTOP_WEB : DeviceKind.MOBILE_WEB;
            case COMMUNITY -> r < 0.4 ? DeviceKind.DESKTOP_WEB : r < 0.8 ? DeviceKind.MOBILE_WEB : DeviceKind.MINI_PROGRAM;
            case DIRECT -> r < 0.35 ? DeviceKind.DESKTOP_WEB : r < 0.7 ? DeviceKind.MOBILE_WEB : DeviceKind.MINI_PROGRAM;
        };
    }

    private static DeviceKind secondDeviceKind(DeviceKind first, SplittableRandom random) {
        if (first == DeviceKind.DESKTOP_WEB) {
            return random.nextBoolean() ? DeviceKind.MOBILE_WEB : DeviceKind.MINI_PROGRAM;
        }
        return random.nextDouble() < 0.6 ? DeviceKind.DESKTOP_WEB
                : first == DeviceKind.MOBILE_WEB ? DeviceKind.MINI_PROGRAM : DeviceKind.MOBILE_WEB;
    }

    private Device device(int person, int number, DeviceKind kind, SplittableRandom random) {
        String os = kind == DeviceKind.DESKTOP_WEB
                ? (random.nextDouble() < 0.75 ? "Windows" : "macOS")
                : (random.nextDouble() < 0.45 ? "iOS" : "Android");
        return new Device(Ids.anonymousId(seed, person, number), kind, os);
    }
}
