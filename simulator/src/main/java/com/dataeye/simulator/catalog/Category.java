package com.dataeye.simulator.catalog;

import java.util.List;

/**
 * What the shop sells (PRODUCT.md, the seed article): design assets, templates, courses, memberships and
 * game items, each with a realistic price band in CNY and the themes its product names are made of.
 *
 * <p>{@link #WECHAT_LAYOUT_TEMPLATE} and {@link #HD_IMAGE_PACK} are the planted association pair
 * (公众号排版模板 → 高清无版权图库包).
 */
public enum Category {

    PS_PACK("ps_pack", "PS素材包", "ps", 70, 990, 6_900, true, 0.20,
            List.of("国潮插画", "赛博朋克", "水彩花卉", "极简商务", "中秋节日", "电商海报", "手绘涂鸦", "3D立体字", "动态插画", "扁平图标")),
    LUT_PRESET("lut_preset", "LUT调色预设", "lut", 50, 1_900, 9_900, true, 0.15,
            List.of("胶片复古", "日系清新", "电影感", "赛博霓虹", "人像肤色", "美食暖调", "森系", "黑金", "港风")),
    WECHAT_LAYOUT_TEMPLATE("wechat_layout_template", "公众号排版模板", "layout", 40, 990, 3_900, true, 0.12,
            List.of("简约商务", "节日热点", "读书笔记", "科技资讯", "母婴育儿", "美食探店", "教育培训", "文艺清新")),
    HD_IMAGE_PACK("hd_image_pack", "高清无版权图库包", "img", 40, 1_900, 8_900, true, 0.10,
            List.of("城市风光", "自然山水", "办公场景", "美食摄影", "人物肖像", "抽象纹理", "节日氛围", "科技未来")),
    COPYWRITING_TEMPLATE("copywriting_template", "营销文案模板", "copy", 40, 990, 4_900, true, 0.12,
            List.of("双11促销", "小红书种草", "朋友圈带货", "社群裂变", "节日祝福", "直播话术", "招商加盟", "新品发布")),
    VIDEO_EDITING_COURSE("video_editing_course", "视频剪辑课程", "course", 25, 9_900, 59_900, true, 0.08,
            List.of("剪映零基础入门", "PR进阶调色", "短视频爆款剪辑", "AE特效合成", "Vlog拍摄与剪辑", "达芬奇调色实战")),
    MEMBERSHIP("membership", "会员", "vip", 4, 2_900, 69_900, false, 0.08,
            List.of("月度会员", "季度会员", "年度会员", "终身会员")),
    GAME_ITEM("game_item", "游戏道具", "game", 60, 600, 19_800, false, 0.15,
            List.of("传说皮肤", "钻石礼包", "限定坐骑", "成长基金", "战令通行证", "新手礼包", "英雄碎片", "宠物蛋"));

    private final String slug;
    private final String chineseName;
    private final String idPrefix;
    private final int products;
    private final int minPriceCents;
    private final int maxPriceCents;
    private final boolean versioned;
    private final double interest;
    private final List<String> themes;

    Category(String slug, String chineseName, String idPrefix, int products, int minPriceCents, int maxPriceCents,
             boolean versioned, double interest, List<String> themes) {
        this.slug = slug;
        this.chineseName = chineseName;
        this.idPrefix = idPrefix;
        this.products = products;
        this.minPriceCents = minPriceCents;
        this.maxPriceCents = maxPriceCents;
        this.versioned = versioned;
        this.interest = interest;
        this.themes = themes;
    }

    /** The value of the {@code category} property, e.g. {@code wechat_layout_template}. */
    public String slug() {
        return slug;
    }

    public String chineseName() {
        return chineseName;
    }

    String idPrefix() {
        return idPrefix;
    }

    int products() {
        return products;
    }

    int minPriceCents() {
        return minPriceCents;
    }

    int maxPriceCents() {
        return maxPriceCents;
    }

    /** Design assets and courses get new versions (V2.4 → V2.5); memberships and game items do not. */
    boolean versioned() {
        return versioned;
    }

    /** How likely a person is to be interested in the category at all; relative, not a probability. */
    public double interest() {
        return interest;
    }

    List<String> themes() {
        return themes;
    }

    public static Category ofSlug(String slug) {
        for (Category c : values()) {
            if (c.slug.equals(slug)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no category " + slug);
    }
}
