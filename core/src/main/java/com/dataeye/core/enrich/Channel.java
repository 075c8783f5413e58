package com.dataeye.core.enrich;

import java.util.Objects;
import java.util.Set;

/**
 * The acquisition channel of a visit, from a fixed vocabulary so reports can group on it:
 *
 * <ul>
 *   <li>{@value #COMMUNITY} – paid knowledge communities: 知识星球 (zsxq), 小鹅通 (xiaoe-tech), 小报童, 知乎圈子
 *   <li>{@value #SHORT_VIDEO} – 抖音 douyin, 快手 kuaishou, 西瓜 ixigua, TikTok, 视频号 (channels.weixin)
 *   <li>{@value #WECHAT} – WeChat shares, articles (mp.weixin.qq.com) and mini programs (servicewechat.com)
 *   <li>{@value #INVITE} – a user-to-user invite code
 *   <li>{@value #SEARCH} – Baidu, Sogou, 360, Bing, Google, 神马 (sm.cn), 头条搜索
 *   <li>{@value #SOCIAL} – Weibo, 小红书, Zhihu, Bilibili, Douban
 *   <li>{@value #PAID} – {@code utm_medium} cpc / ppc / paid / ad / sem and similar
 *   <li>{@value #EMAIL} – {@code utm_medium} email / edm, webmail referrers
 *   <li>{@value #REFERRAL} – any other external site, or a utm source not in the table
 *   <li>{@value #DIRECT} – no signal, or a referrer from the shop's own pages
 * </ul>
 *
 * @param channel one of {@link #VOCABULARY}
 * @param source  normalised origin within the channel: a known key ({@code zsxq}, {@code douyin},
 *                {@code baidu}), otherwise the lower-cased utm source or referrer host
 */
public record Channel(String channel, String source) {

    public static final String COMMUNITY = "community";
    public static final String SHORT_VIDEO = "short_video";
    public static final String WECHAT = "wechat";
    public static final String INVITE = "invite";
    public static final String SEARCH = "search";
    public static final String SOCIAL = "social";
    public static final String PAID = "paid";
    public static final String EMAIL = "email";
    public static final String REFERRAL = "referral";
    public static final String DIRECT = "direct";

    public static final Set<String> VOCABULARY = Set.of(
            COMMUNITY, SHORT_VIDEO, WECHAT, INVITE, SEARCH, SOCIAL, PAID, EMAIL, REFERRAL, DIRECT);

    /** Source used when the visit carries no origin at all. */
    public static final String NO_SOURCE = "direct";

    public static final Channel DIRECT_VISIT = new Channel(DIRECT, NO_SOURCE);

    public Channel {
        Objects.requireNonNull(source, "source");
        if (!VOCABULARY.contains(channel)) {
            throw new IllegalArgumentException("not a channel: " + channel);
        }
    }
}
