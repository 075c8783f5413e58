package com.dataeye.core.realtime;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * What the overview keeps for one stretch of time (a minute or a day): exact counts and sums, and an
 * HLL sketch per kind of distinct person, so memory per bucket is bounded whatever the traffic.
 */
final class Bucket {

    long events;
    long pageViews;
    long orders;
    long gmvCents;
    long refundCents;
    long newPersons;
    final HllSketch persons;
    final HllSketch viewers;
    final HllSketch payers;

    Bucket(int lgK) {
        // HLL_4: about 2^lgK / 2 bytes once dense; sparse (a few bytes per person) while small
        persons = new HllSketch(lgK, TgtHllType.HLL_4);
        viewers = new HllSketch(lgK, TgtHllType.HLL_4);
        payers = new HllSketch(lgK, TgtHllType.HLL_4);
    }
}
