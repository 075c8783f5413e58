package com.dataeye.simulator.population;

/**
 * The lifecycle segments of the seed article (PRODUCT.md O9). A person's realised segment follows from
 * what they did, by {@code truth.SegmentRules}, in this order of precedence: whale, contributor,
 * regular, observer.
 */
public enum Segment {

    /** 鲸鱼用户: net spend at or above the whale threshold. */
    WHALE("whale"),
    /** 贡献者: shares and invites (and is not a whale). */
    CONTRIBUTOR("contributor"),
    /** Bought at least once, neither whale nor contributor. */
    REGULAR("regular"),
    /** 观察者: browses, never pays. */
    OBSERVER("observer");

    private final String wireName;

    Segment(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
