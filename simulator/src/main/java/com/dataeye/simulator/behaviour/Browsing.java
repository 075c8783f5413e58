package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.catalog.Catalog;
import com.dataeye.simulator.catalog.Category;
import com.dataeye.simulator.catalog.Product;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Looking around the shop: autocaptured page views, clicks and stays, plus the explicit events of the
 * product page ({@code product_view}, {@code product_favorite}, {@code add_to_cart}) and {@code search}.
 */
final class Browsing {

    private static final List<String> KEYWORDS = List.of(
            "调色预设", "lut", "公众号模板", "排版", "无版权图片", "高清图库", "剪辑教程", "剪映", "ps素材", "海报模板",
            "文案模板", "小红书文案", "会员", "皮肤", "礼包", "双11");
    private static final double INTERESTING = 0.7;

    private final Catalog catalog;
    private final ShopCalendar calendar;

    Browsing(Catalog catalog, ShopCalendar calendar) {
        this.catalog = catalog;
        this.calendar = calendar;
    }

    /** {@code pages} page changes: products most often, then categories, search and the home page. */
    void wander(Visitor v, int pages) {
        for (int i = 0; i < pages; i++) {
            double r = v.random.nextDouble();
            if (r < 0.55) {
                Product product = anyProduct(v);
                viewProduct(v, product);
                lingerOnProduct(v, product);
            } else if (r < 0.75) {
                Category category = v.random.nextDouble() < INTERESTING ? interest(v) : anyCategory(v);
                navigate(v, "nav.categories a[data-cat=\"" + category.slug() + "\"]", category.chineseName());
                v.tracker.open(Pages.category(category));
                v.tracker.advance(v.dwell());
            } else if (r < 0.9) {
                search(v);
            } else {
                navigate(v, "header a.logo", "链动小铺");
                v.tracker.open(Pages.HOME);
                v.tracker.advance(v.dwell());
            }
        }
    }

    /** Clicks a product card (when a page is open) and lands on the product page with its {@code product_view}. */
    void viewProduct(Visitor v, Product product) {
        if (v.tracker.page() != null) {
            navigate(v, "div.product-grid > a.product-card", product.name());
        }
        v.tracker.open(Pages.product(product));
        trackProductView(v, product);
    }

    void trackProductView(Visitor v, Product product) {
        Map<String, Object> props = v.tracker.clientProperties();
        props.put("product_id", product.id());
        props.put("category", product.category().slug());
        props.put("price", price(product, calendar.dayOf(v.tracker.now())));
        String version = product.versionOn(calendar.dayOf(v.tracker.now()));
        if (version != null) {
            props.put("version", version);
        }
        v.tracker.track("product_view", props);
        v.tracker.advance(v.dwell());
    }

    /** A product the person might look at: mostly from their interests, sometimes anything. */
    Product anyProduct(Visitor v) {
        Category category = v.random.nextDouble() < INTERESTING ? interest(v) : anyCategory(v);
        return catalog.pick(category, v.random);
    }

    /** List price, halved for flash-sale items on the flash-sale day. */
    long priceCents(Product product, int day) {
        return calendar.isFlashSale(day) && product.flashSale() ? product.priceCents() / 2 : product.priceCents();
    }

    BigDecimal price(Product product, int day) {
        return BigDecimal.valueOf(priceCents(product, day), 2);
    }

    private void lingerOnProduct(Visitor v, Product product) {
        double r = v.random.nextDouble();
        if (r < 0.06) {
            v.tracker.click("button.btn-favorite", "收藏");
            Map<String, Object> props = v.tracker.clientProperties();
            props.put("product_id", product.id());
            v.tracker.track("product_favorite", props);
            v.favourites.add(new Visitor.Favourite(product, v.tracker.now()));
        } else if (r < 0.10) {
            v.tracker.click("button.btn-add-cart", "加入购物车");
            Map<String, Object> props = v.tracker.clientProperties();
            props.put("product_id", product.id());
            props.put("price", price(product, calendar.dayOf(v.tracker.now())));
            v.tracker.track("add_to_cart", props);
        }
        v.tracker.advance(v.pause(500, 5_000));
    }

    private void search(Visitor v) {
        String keyword = KEYWORDS.get(v.random.nextInt(KEYWORDS.size()));
        v.tracker.click("input#search-box", "搜索");
        v.tracker.advance(v.pause(2_000, 9_000));
        v.tracker.open(Pages.search(keyword));
        Map<String, Object> props = v.tracker.clientProperties();
        props.put("keyword", keyword);
        props.put("result_count", 3 + v.random.nextInt(40));
        v.tracker.track("search", props);
        v.tracker.advance(v.dwell());
    }

    /**
     * Half of all page changes come from a captured click; the rest from the back button, a typed address or
     * a gesture autocapture does not see.
     */
    private static void navigate(Visitor v, String selector, String content) {
        if (v.random.nextBoolean()) {
            v.tracker.click(selector, content);
        }
        v.tracker.advance(v.pause(200, 900));
    }

    private static Category interest(Visitor v) {
        List<Category> interests = v.person.interests();
        return interests.get(v.random.nextInt(interests.size()));
    }

    private static Category anyCategory(Visitor v) {
        Category[] all = Category.values();
        return all[v.random.nextInt(all.length)];
    }
}
