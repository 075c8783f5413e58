package com.dataeye.simulator.population;

import com.dataeye.core.enrich.Channel;

/**
 * How a person first came to the shop. The names are the product's channel vocabulary
 * ({@link Channel}), so the answer key and DataEye's own channel reports use the same words.
 */
public enum AcquisitionChannel {

    /** 知识星球 and similar paid communities: little instant traffic, the highest lifetime value. */
    COMMUNITY(Channel.COMMUNITY),
    /** 抖音 / 快手: the most traffic, the lowest value. */
    SHORT_VIDEO(Channel.SHORT_VIDEO),
    /** Shared links and articles inside WeChat. */
    WECHAT(Channel.WECHAT),
    /** A friend's invite code. */
    INVITE(Channel.INVITE),
    /** Baidu, Sogou, Bing. */
    SEARCH(Channel.SEARCH),
    /** Typed-in address, bookmark, or no signal at all. */
    DIRECT(Channel.DIRECT);

    private final String wireName;

    AcquisitionChannel(String wireName) {
        this.wireName = wireName;
    }

    /** The channel's name in DataEye, e.g. {@code short_video}. */
    public String wireName() {
        return wireName;
    }
}
