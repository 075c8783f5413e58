package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.catalog.Category;
import com.dataeye.simulator.catalog.Product;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The shop's URLs and titles. The host is a reserved example domain so nothing real is ever addressed. */
final class Pages {

    static final String HOST = "https://shop.lianxiaopu.example";
    private static final String SUFFIX = " - 链动小铺";

    static final Page HOME = new Page(HOST + "/", "链动小铺 - 虚拟好物商城");
    static final Page SIGN_UP = new Page(HOST + "/login?mode=signup", "注册 / 登录" + SUFFIX);
    static final Page LOG_IN = new Page(HOST + "/login", "登录" + SUFFIX);

    private Pages() {
    }

    static Page product(Product product) {
        return new Page(HOST + "/p/" + product.id(), product.name() + SUFFIX);
    }

    static Page category(Category category) {
        return new Page(HOST + "/c/" + category.slug(), category.chineseName() + SUFFIX);
    }

    static Page search(String keyword) {
        return new Page(HOST + "/search?q=" + URLEncoder.encode(keyword, StandardCharsets.UTF_8), "搜索：" + keyword + SUFFIX);
    }

    static Page payConfirmation(String orderId) {
        return new Page(HOST + "/pay/confirm?order=" + orderId, "确认支付" + SUFFIX);
    }

    static Page invite(String code) {
        return new Page(HOST + "/invite?code=" + code, "邀请好友得贡献值" + SUFFIX);
    }
}
