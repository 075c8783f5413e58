package com.dataeye.core.ingest;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalPropertiesTest {

    @Test
    void takesColumnsOutOfThePropertiesOurNameWinningOverThePresetUnlessNull() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("$url", "https://shop.example/preset");
        p.put("url", "https://shop.example/ours");
        p.put("$title", "标题");
        p.put("title", null);
        p.put("$lib", "js");
        p.put("$order_id", 12345678901L);
        p.put("$amount", 19.9);
        p.put("share_source", "wechat");
        p.put("coupon", "NEW10");
        CanonicalProperties c = CanonicalProperties.extract(p);
        assertThat(c.url()).isEqualTo("https://shop.example/ours");
        assertThat(c.title()).isEqualTo("标题");
        assertThat(c.lib()).isEqualTo("js");
        assertThat(c.orderId()).isEqualTo("12345678901");
        assertThat(c.amount()).isEqualByComparingTo(new BigDecimal("19.9"));
        assertThat(c.shareSource()).isEqualTo("wechat");
        // the columns are gone from the properties (both names), business facts stay, in their order
        assertThat(p).containsExactly(Map.entry("share_source", "wechat"), Map.entry("coupon", "NEW10"));
    }

    @Test
    void reportsTheFirstWrongTypeInColumnOrder() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("$user_agent", 7);
        p.put("amount", "cheap");
        p.put("$product_id", 1.5);
        assertThatThrownBy(() -> CanonicalProperties.extract(p))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.rejection().field()).isEqualTo("properties.product_id");
                    assertThat(e.rejection().message()).isEqualTo("properties.product_id must be a string or an integer, got Double");
                });
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("$user_agent", 7);
        q.put("amount", "cheap");
        assertThatThrownBy(() -> CanonicalProperties.extract(q))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.rejection().field()).isEqualTo("properties.amount"));
    }
}
