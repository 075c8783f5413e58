package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.catalog.Catalog;
import com.dataeye.simulator.catalog.Category;
import com.dataeye.simulator.catalog.Product;
import com.dataeye.simulator.population.Ids;
import com.dataeye.simulator.population.Person;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How a first visit arrives, per channel, with the signals a real one would carry — utm tags, referrer,
 * WeChat share source, invite code — so that DataEye's channel classifier (docs/features/enrichment.md)
 * puts the person in the channel the simulator chose. Later visits arrive direct.
 *
 * @param page     landing page, utm query included
 * @param product  the product the landing page shows, or null
 * @param referrer {@code document.referrer}, or null
 * @param signals  properties the landing {@code $pageview} carries besides the page
 */
record Landing(Page page, Product product, String referrer, Map<String, Object> signals) {

    static Landing of(Person person, Catalog catalog, SplittableRandom random) {
        Map<String, Object> signals = new LinkedHashMap<>();
        return switch (person.channel()) {
            case COMMUNITY -> {
                boolean zsxq = random.nextDouble() < 0.75;
                String campaign = zsxq ? "zsxq_design_column" : "xiaoe_course_live";
                Product product = catalog.pick(random.nextBoolean()
                        ? Category.VIDEO_EDITING_COURSE : Category.WECHAT_LAYOUT_TEMPLATE, random);
                yield tagged(product, zsxq ? "zsxq" : "xiaoe", "community", campaign,
                        zsxq ? "https://wx.zsxq.com/group/48885154455258" : "https://appx8kv2nbr.h5.xiaoeknow.com/", signals);
            }
            case SHORT_VIDEO -> {
                boolean douyin = random.nextDouble() < 0.7;
                Product product = catalog.pick(random.nextBoolean() ? Category.LUT_PRESET : Category.PS_PACK, random);
                yield tagged(product, douyin ? "douyin" : "kuaishou", "short_video", "autumn_lut_showcase",
                        douyin ? "https://www.douyin.com/" : "https://www.kuaishou.com/", signals);
            }
            case WECHAT -> {
                if (random.nextDouble() < 0.6) {
                    signals.put("share_source", random.nextBoolean() ? "wechat_friend" : "timeline");
                    Product product = catalog.pick(Category.COPYWRITING_TEMPLATE, random);
                    yield new Landing(Pages.product(product).withQuery("from=singlemessage"), product, null, signals);
                }
                yield tagged(null, "wechat", "article", "weekly_digest",
                        "https://mp.weixin.qq.com/s/q3ZyGk7P2aQmXh1V", signals);
            }
            case INVITE -> {
                String code = Ids.inviteCode(person.inviterIndex());
                signals.put("invite_code", code);
                signals.put("share_source", "wechat_friend");
                yield new Landing(Pages.invite(code), null, null, signals);
            }
            case SEARCH -> {
                double r = random.nextDouble();
                String referrer = r < 0.7 ? "https://www.baidu.com/link?url=a8Xk2P" : r < 0.85
                        ? "https://www.sogou.com/link?url=hedJjaC291" : "https://cn.bing.com/search?q=lut";
                Category category = Category.values()[random.nextInt(Category.values().length)];
                yield new Landing(Pages.category(category), null, referrer, signals);
            }
            case DIRECT -> new Landing(Pages.HOME, null, null, signals);
        };
    }

    /** A landing through a utm-tagged link, on the product's page or (without a product) the home page. */
    private static Landing tagged(Product product, String source, String medium, String campaign, String referrer,
                                  Map<String, Object> signals) {
        Page page = product == null ? Pages.HOME : Pages.product(product);
        signals.put("utm_source", source);
        signals.put("utm_medium", medium);
        signals.put("utm_campaign", campaign);
        return new Landing(page.withQuery("utm_source=" + source + "&utm_medium=" + medium + "&utm_campaign=" + campaign),
                product, referrer, signals);
    }
}
