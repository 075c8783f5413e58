package com.dataeye.simulator.population;

import com.dataeye.simulator.catalog.Category;

import java.util.List;

/**
 * Who one simulated person is, fixed before anything they do is simulated.
 *
 * @param index            0-based position in the run; keys every id and random stream of the person
 * @param channel          first-touch acquisition channel: the truth the answer key reports
 * @param plannedSegment   the segment the person is steered towards; a planned regular who never gets past
 *                         payment confirmation ends up an observer
 * @param devices          the first is where the person arrives; a second one is used after signing up, if
 *                         present
 * @param interests        categories the person buys from; never both the layout template and the image pack
 *                         (the pack then only comes as the planted follow-up purchase)
 * @param paymentVariant   sticky variant of the payment-default experiment
 * @param buttonVariant    sticky variant of the null experiment
 * @param inviterIndex     for invited persons the contributor whose code they carry, else -1
 */
public record Person(
        int index,
        AcquisitionChannel channel,
        Segment plannedSegment,
        List<Device> devices,
        List<Category> interests,
        String paymentVariant,
        String buttonVariant,
        int inviterIndex) {

    public Person {
        devices = List.copyOf(devices);
        interests = List.copyOf(interests);
    }

    public String loginId() {
        return Ids.loginId(index);
    }

    public boolean hasSecondDevice() {
        return devices.size() > 1;
    }
}
