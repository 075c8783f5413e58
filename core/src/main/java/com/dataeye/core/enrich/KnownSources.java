package com.dataeye.core.enrich;

import static com.dataeye.core.enrich.Channel.COMMUNITY;
import static com.dataeye.core.enrich.Channel.EMAIL;
import static com.dataeye.core.enrich.Channel.INVITE;
import static com.dataeye.core.enrich.Channel.PAID;
import static com.dataeye.core.enrich.Channel.REFERRAL;
import static com.dataeye.core.enrich.Channel.SEARCH;
import static com.dataeye.core.enrich.Channel.SHORT_VIDEO;
import static com.dataeye.core.enrich.Channel.SOCIAL;
import static com.dataeye.core.enrich.Channel.WECHAT;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one table of platforms the classifier knows: each platform's channel, its canonical source key,
 * the names marketers type into {@code utm_source} / share sources (Chinese and pinyin), and the hosts
 * and Android app ids that show up as referrers. To support a new platform, add one line to
 * {@link #PLATFORMS}; to support a new {@code utm_medium} spelling, add it to {@link #MEDIUMS}.
 */
final class KnownSources {

    /**
     * Hosts match on the registrable suffix: {@code baidu.com} covers {@code m.baidu.com}. A longer
     * entry wins over a shorter one, so {@code channels.weixin.qq.com} (视频号) is not WeChat's
     * {@code weixin.qq.com}. Android app ids are listed with hosts because Chrome reports an app referrer
     * as {@code android-app://com.ss.android.ugc.aweme/}.
     */
    private static final List<Platform> PLATFORMS = List.of(
            // paid knowledge communities, where many virtual-goods shops find their buyers
            platform(COMMUNITY, "zsxq", aka("知识星球", "星球", "zhishixingqiu"), hosts("zsxq.com")),
            platform(COMMUNITY, "xiaoe", aka("小鹅通", "xiaoe-tech", "xiaoetech", "xiaoetong"),
                    hosts("xiaoe-tech.com", "xiaoeknow.com")),
            platform(COMMUNITY, "xiaobot", aka("小报童", "xiaobaotong"), hosts("xiaobot.net")),
            // circles live under zhihu.com, so only an explicit utm can name them
            platform(COMMUNITY, "zhihu_circle", aka("知乎圈子", "zhihu-circle"), hosts()),

            platform(SHORT_VIDEO, "douyin", aka("抖音"),
                    hosts("douyin.com", "iesdouyin.com", "com.ss.android.ugc.aweme")),
            platform(SHORT_VIDEO, "kuaishou", aka("快手"),
                    hosts("kuaishou.com", "gifshow.com", "chenzhongtech.com", "com.smile.gifmaker")),
            platform(SHORT_VIDEO, "ixigua", aka("西瓜视频", "西瓜", "xigua"), hosts("ixigua.com")),
            platform(SHORT_VIDEO, "tiktok", aka("抖音国际版"), hosts("tiktok.com")),
            platform(SHORT_VIDEO, "wechat_channels", aka("视频号", "微信视频号", "channels", "shipinhao"),
                    hosts("channels.weixin.qq.com")),

            // the share-source names are what WeChat appends (from=timeline / singlemessage / groupmessage)
            platform(WECHAT, "wechat", aka("weixin", "微信", "公众号", "朋友圈", "微信群", "wx",
                            "timeline", "moments", "singlemessage", "groupmessage",
                            "wechat_friend", "wechat_session", "wechat_timeline", "wechat_moments"),
                    hosts("servicewechat.com", "mp.weixin.qq.com", "weixin.qq.com", "wx.qq.com",
                            "com.tencent.mm")),

            platform(SEARCH, "baidu", aka("百度"), hosts("baidu.com", "com.baidu.searchbox")),
            platform(SEARCH, "sogou", aka("搜狗"), hosts("sogou.com")),
            platform(SEARCH, "360", aka("360搜索", "so.com", "haosou"), hosts("so.com", "haosou.com")),
            platform(SEARCH, "bing", aka("必应"), hosts("bing.com")),
            platform(SEARCH, "google", aka("谷歌"), hosts("google.com", "google.com.hk", "google.cn")),
            platform(SEARCH, "shenma", aka("神马", "神马搜索", "sm.cn"), hosts("sm.cn")),
            platform(SEARCH, "toutiao_search", aka("头条搜索"), hosts("so.toutiao.com")),

            platform(SOCIAL, "weibo", aka("微博", "新浪微博"), hosts("weibo.com", "weibo.cn", "t.cn", "com.sina.weibo")),
            platform(SOCIAL, "xiaohongshu", aka("小红书", "xhs", "rednote"),
                    hosts("xiaohongshu.com", "xhslink.com", "com.xingin.xhs")),
            platform(SOCIAL, "zhihu", aka("知乎"), hosts("zhihu.com", "com.zhihu.android")),
            platform(SOCIAL, "bilibili", aka("b站", "哔哩哔哩", "bili"), hosts("bilibili.com", "b23.tv", "tv.danmaku.bili")),
            platform(SOCIAL, "douban", aka("豆瓣"), hosts("douban.com")),
            platform(SOCIAL, "tieba", aka("贴吧", "百度贴吧"), hosts("tieba.baidu.com")),

            // webmail: a click in a mail without utm tags is still an email visit
            platform(EMAIL, "qqmail", aka("qq邮箱"), hosts("mail.qq.com", "exmail.qq.com")),
            platform(EMAIL, "netease_mail", aka("网易邮箱"), hosts("mail.163.com", "mail.126.com")),
            platform(EMAIL, "gmail", aka(), hosts("mail.google.com")),
            platform(EMAIL, "outlook", aka(), hosts("outlook.live.com", "outlook.office.com")));

    /** {@code utm_medium} spellings that name a channel on their own (lower case). */
    private static final Map<String, String> MEDIUMS = Map.ofEntries(
            Map.entry("cpc", PAID), Map.entry("ppc", PAID), Map.entry("paid", PAID), Map.entry("ad", PAID),
            Map.entry("ads", PAID), Map.entry("sem", PAID), Map.entry("cpm", PAID), Map.entry("cpa", PAID),
            Map.entry("paid_social", PAID), Map.entry("paidsocial", PAID), Map.entry("display", PAID),
            Map.entry("付费", PAID), Map.entry("广告", PAID), Map.entry("竞价", PAID), Map.entry("信息流", PAID),
            Map.entry("email", EMAIL), Map.entry("e-mail", EMAIL), Map.entry("edm", EMAIL),
            Map.entry("newsletter", EMAIL), Map.entry("邮件", EMAIL),
            Map.entry("social", SOCIAL), Map.entry("sns", SOCIAL),
            Map.entry("organic", SEARCH), Map.entry("seo", SEARCH),
            Map.entry("short_video", SHORT_VIDEO), Map.entry("短视频", SHORT_VIDEO),
            Map.entry("community", COMMUNITY),
            Map.entry("invite", INVITE), Map.entry("邀请", INVITE),
            Map.entry("referral", REFERRAL));

    private static final Map<String, Channel> BY_NAME = new HashMap<>();
    private static final Map<String, Channel> BY_HOST = new HashMap<>();

    static {
        for (Platform p : PLATFORMS) {
            Channel channel = new Channel(p.channel(), p.source());
            register(BY_NAME, p.source(), channel);
            p.aliases().forEach(alias -> register(BY_NAME, alias, channel));
            p.hosts().forEach(host -> register(BY_HOST, host, channel));
        }
    }

    private KnownSources() {
    }

    /** The platform a {@code utm_source} or share source names, e.g. {@code 抖音} or {@code Douyin}; or null. */
    static Channel byName(String normalisedName) {
        return BY_NAME.get(normalisedName);
    }

    /** The platform owning {@code host} or one of its parent domains, most specific first; or null. */
    static Channel byHost(String host) {
        for (String suffix = host; ; ) {
            Channel known = BY_HOST.get(suffix);
            if (known != null) {
                return known;
            }
            int dot = suffix.indexOf('.');
            if (dot < 0) {
                return null;
            }
            suffix = suffix.substring(dot + 1);
        }
    }

    /** The channel a {@code utm_medium} implies, e.g. {@code cpc} to {@value Channel#PAID}; or null. */
    static String channelOfMedium(String normalisedMedium) {
        return MEDIUMS.get(normalisedMedium);
    }

    /** Lookup form of a marketer-typed name: trimmed, lower case, locale independent. */
    static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static void register(Map<String, Channel> index, String key, Channel channel) {
        Channel previous = index.put(normalise(key), channel);
        if (previous != null && !previous.equals(channel)) {
            throw new IllegalStateException(key + " is listed for both " + previous + " and " + channel);
        }
    }

    private static Platform platform(String channel, String source, List<String> aliases, List<String> hosts) {
        return new Platform(channel, source, aliases, hosts);
    }

    private static List<String> aka(String... aliases) {
        return List.of(aliases);
    }

    private static List<String> hosts(String... hosts) {
        return List.of(hosts);
    }

    private record Platform(String channel, String source, List<String> aliases, List<String> hosts) {
    }
}
