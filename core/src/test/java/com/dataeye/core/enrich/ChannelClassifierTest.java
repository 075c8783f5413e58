package com.dataeye.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelClassifierTest {

    private static final String SHOP_PAGE = "https://shop.example.cn/p/ps-brushes?from=home";

    private final ChannelClassifier classifier = new ChannelClassifier();

    @Test
    void derivesShortVideoFromChineseUtmSource() {
        assertThat(classify(utm("抖音", null))).isEqualTo(new Channel("short_video", "douyin"));
        assertThat(classify(utm(" 快手 ", null))).isEqualTo(new Channel("short_video", "kuaishou"));
        assertThat(classify(utm("视频号", null))).isEqualTo(new Channel("short_video", "wechat_channels"));
    }

    @Test
    void derivesCommunityFromChineseUtmSource() {
        assertThat(classify(utm("知识星球", null))).isEqualTo(new Channel("community", "zsxq"));
        assertThat(classify(utm("小鹅通", null))).isEqualTo(new Channel("community", "xiaoe"));
        assertThat(classify(utm("小报童", null))).isEqualTo(new Channel("community", "xiaobot"));
        assertThat(classify(utm("知乎圈子", null))).isEqualTo(new Channel("community", "zhihu_circle"));
    }

    @Test
    void matchesUtmSourceRegardlessOfCase() {
        assertThat(classify(utm("Douyin", null))).isEqualTo(new Channel("short_video", "douyin"));
        assertThat(classify(utm("ZSXQ", null))).isEqualTo(new Channel("community", "zsxq"));
        assertThat(classify(utm("WeChat", null))).isEqualTo(new Channel("wechat", "wechat"));
    }

    @Test
    void readsADomainTypedIntoUtmSource() {
        assertThat(classify(utm("m.douyin.com", null))).isEqualTo(new Channel("short_video", "douyin"));
    }

    @Test
    void explicitUtmWinsOverReferrer() {
        var ctx = new AcquisitionContext("xiaohongshu", null, "spring_sale",
                "https://www.baidu.com/link?url=abc", null, null, SHOP_PAGE);

        assertThat(classify(ctx)).isEqualTo(new Channel("social", "xiaohongshu"));
    }

    @Test
    void paidMediumOutranksThePlatformButKeepsItAsSource() {
        assertThat(classify(utm("douyin", "cpc"))).isEqualTo(new Channel("paid", "douyin"));
        assertThat(classify(utm("baidu", "SEM"))).isEqualTo(new Channel("paid", "baidu"));
        assertThat(classify(utm("巨量引擎", "信息流"))).isEqualTo(new Channel("paid", "巨量引擎"));
    }

    @Test
    void paidMediumWithoutSourceTakesThePlatformFromTheReferrer() {
        var ctx = new AcquisitionContext(null, "ppc", null, "https://m.baidu.com/s?word=ps素材", null, null, SHOP_PAGE);

        assertThat(classify(ctx)).isEqualTo(new Channel("paid", "baidu"));
        assertThat(classify(utm(null, "ad"))).isEqualTo(new Channel("paid", "unknown"));
    }

    @ParameterizedTest
    @CsvSource({"email, newsletter_0308", "EDM, mailchimp", "邮件, qq"})
    void derivesEmailFromUtmMedium(String medium, String source) {
        assertThat(classify(utm(source, medium))).isEqualTo(new Channel("email", source.toLowerCase()));
    }

    @Test
    void unknownUtmSourceIsAReferralNamedAfterIt() {
        assertThat(classify(utm("PS_Tutorial_Blog", null))).isEqualTo(new Channel("referral", "ps_tutorial_blog"));
    }

    @Test
    void capsClientSuppliedSourcesSoTheyCannotFloodReports() {
        String junk = "x".repeat(500);

        assertThat(classify(utm(junk, null)).source()).hasSize(64);
    }

    @Test
    void unknownUtmMediumAloneLetsTheReferrerDecide() {
        var ctx = new AcquisitionContext(null, "banner_v2", null, "https://www.douyin.com/video/123", null, null, SHOP_PAGE);

        assertThat(classify(ctx)).isEqualTo(new Channel("short_video", "douyin"));
    }

    @Test
    void mediumNamingAChannelIsUsedWhenTheSourceIsUnknown() {
        assertThat(classify(utm("some_kol", "social"))).isEqualTo(new Channel("social", "some_kol"));
    }

    @Test
    void inviteCodeMakesAnInvite() {
        var ctx = new AcquisitionContext(null, null, null, null, null, "INV8K2Q", SHOP_PAGE);

        assertThat(classify(ctx)).isEqualTo(new Channel("invite", "invite"));
    }

    @Test
    void inviteKeepsThePlatformThatCarriedItAsSource() {
        var viaWeChat = new AcquisitionContext(null, null, null, null, "timeline", "INV8K2Q", SHOP_PAGE);
        var viaDouyin = new AcquisitionContext(null, null, null, "https://www.douyin.com/video/123", null, "INV8K2Q", SHOP_PAGE);

        assertThat(classify(viaWeChat)).isEqualTo(new Channel("invite", "wechat"));
        assertThat(classify(viaDouyin)).isEqualTo(new Channel("invite", "douyin"));
    }

    @Test
    void inviteCodeWinsOverShareSourceAndReferrer() {
        var ctx = new AcquisitionContext(null, null, null, "https://mp.weixin.qq.com/s/AbC", "groupmessage", "INV8K2Q", SHOP_PAGE);

        assertThat(classify(ctx).channel()).isEqualTo("invite");
    }

    @Test
    void shareSourceMeansWeChat() {
        var ctx = new AcquisitionContext(null, null, null, null, "singlemessage", null, SHOP_PAGE);
        var unknownShareValue = new AcquisitionContext(null, null, null, null, "menu_share", null, SHOP_PAGE);

        assertThat(classify(ctx)).isEqualTo(new Channel("wechat", "wechat"));
        assertThat(classify(unknownShareValue)).isEqualTo(new Channel("wechat", "wechat"));
    }

    @Test
    void shareSourceNamingAnotherPlatformUsesThatPlatform() {
        var ctx = new AcquisitionContext(null, null, null, null, "weibo", null, SHOP_PAGE);

        assertThat(classify(ctx)).isEqualTo(new Channel("social", "weibo"));
    }

    @Test
    void shareSourceWinsOverReferrer() {
        var ctx = new AcquisitionContext(null, null, null, "https://www.baidu.com/", "timeline", null, SHOP_PAGE);

        assertThat(classify(ctx)).isEqualTo(new Channel("wechat", "wechat"));
    }

    @ParameterizedTest
    @CsvSource({
            "https://www.douyin.com/video/123,                       short_video, douyin",
            "https://v.kuaishou.com/Kj3x9A,                          short_video, kuaishou",
            "https://www.ixigua.com/7123456789,                      short_video, ixigua",
            "https://www.tiktok.com/@shop/video/1,                   short_video, tiktok",
            "https://channels.weixin.qq.com/web/pages/feed,          short_video, wechat_channels",
            "https://wx.zsxq.com/dweb2/index/group/123,              community,   zsxq",
            "https://appabc123.h5.xiaoeknow.com/p/course/v_1,         community,   xiaoe",
            "https://xiaobot.net/p/psdaily,                          community,   xiaobot",
            "https://mp.weixin.qq.com/s/Xy12abc,                     wechat,      wechat",
            "https://servicewechat.com/wx8f2b1c3d4e5f6a7b/12/page-frame.html, wechat, wechat",
            "https://m.baidu.com/s?word=ps素材,                      search,      baidu",
            "https://www.baidu.com/link?url=Zq9,                     search,      baidu",
            "https://www.sogou.com/web?query=ps,                     search,      sogou",
            "https://www.so.com/s?q=ps,                              search,      360",
            "https://cn.bing.com/search?q=ps,                        search,      bing",
            "https://www.google.com.hk/,                             search,      google",
            "https://yz.m.sm.cn/s?q=ps,                              search,      shenma",
            "https://so.toutiao.com/search?keyword=ps,               search,      toutiao_search",
            "https://weibo.com/u/123,                                social,      weibo",
            "https://www.xiaohongshu.com/explore/64f,                social,      xiaohongshu",
            "http://xhslink.com/a/bcd,                               social,      xiaohongshu",
            "https://zhuanlan.zhihu.com/p/123,                       social,      zhihu",
            "https://www.bilibili.com/video/BV1xx411c7mD,            social,      bilibili",
            "https://b23.tv/aBcD,                                    social,      bilibili",
            "https://www.douban.com/group/topic/1/,                  social,      douban",
            "https://tieba.baidu.com/p/123,                          social,      tieba",
            "https://wx.mail.qq.com/,                                email,       qqmail",
            "android-app://com.ss.android.ugc.aweme/,                short_video, douyin",
            "android-app://com.tencent.mm/,                          wechat,      wechat"})
    void classifiesKnownReferrerHosts(String referrer, String channel, String source) {
        assertThat(classify(referrer(referrer))).isEqualTo(new Channel(channel, source));
    }

    @Test
    void otherExternalReferrerIsAReferralNamedAfterItsHost() {
        assertThat(classify(referrer("https://www.uisdc.com/ps-tutorial?x=1"))).isEqualTo(new Channel("referral", "uisdc.com"));
        assertThat(classify(referrer("https://Blog.Example.org:8443/post"))).isEqualTo(new Channel("referral", "blog.example.org"));
    }

    @Test
    void readsReferrersWithoutSchemeOrWithUserInfo() {
        assertThat(classify(referrer("www.baidu.com/s?wd=ps 笔刷"))).isEqualTo(new Channel("search", "baidu"));
        assertThat(classify(referrer("//m.sogou.com/web?q=1"))).isEqualTo(new Channel("search", "sogou"));
        assertThat(classify(referrer("https://user:pw@weibo.com/u/1"))).isEqualTo(new Channel("social", "weibo"));
    }

    @Test
    void doesNotMatchAKnownDomainInsideALongerLabel() {
        // "notbaidu.com" ends with "baidu.com" as text but is not Baidu
        assertThat(classify(referrer("https://notbaidu.com/"))).isEqualTo(new Channel("referral", "notbaidu.com"));
    }

    @Test
    void referrerOnSameHostIsDirect() {
        var ctx = new AcquisitionContext(null, null, null, "https://shop.example.cn/category/fonts", null, null, SHOP_PAGE);

        assertThat(classify(ctx)).isEqualTo(Channel.DIRECT_VISIT);
    }

    @Test
    void referrerOnSameHostIsDirectEvenWithWwwAndPort() {
        var ctx = new AcquisitionContext(null, null, null, "http://www.shop.example.cn:80/", null, null, SHOP_PAGE);

        assertThat(classify(ctx)).isEqualTo(Channel.DIRECT_VISIT);
    }

    @Test
    void noSignalAtAllIsDirect() {
        assertThat(classify(new AcquisitionContext(null, null, null, null, null, null, SHOP_PAGE)))
                .isEqualTo(new Channel("direct", "direct"));
        assertThat(classify(new AcquisitionContext("", " ", "spring_sale", "", "", "", null)))
                .isEqualTo(Channel.DIRECT_VISIT);
        assertThat(classifier.classify(null)).isEqualTo(Channel.DIRECT_VISIT);
    }

    @Test
    void unparsableReferrerIsIgnored() {
        assertThat(classify(referrer("about:blank"))).isEqualTo(Channel.DIRECT_VISIT);
        assertThat(classify(referrer("not a url"))).isEqualTo(Channel.DIRECT_VISIT);
    }

    @Test
    void vocabularyIsTheDocumentedTenChannels() {
        assertThat(Channel.VOCABULARY).containsExactlyInAnyOrder(
                "community", "short_video", "wechat", "invite", "search", "social", "paid", "email", "referral", "direct");
    }

    private Channel classify(AcquisitionContext ctx) {
        return classifier.classify(ctx);
    }

    private static AcquisitionContext utm(String source, String medium) {
        return new AcquisitionContext(source, medium, "spring_sale", null, null, null, SHOP_PAGE);
    }

    private static AcquisitionContext referrer(String referrer) {
        return new AcquisitionContext(null, null, null, referrer, null, null, SHOP_PAGE);
    }
}
