package com.dataeye.analytics.virtualevents;

import com.dataeye.analytics.funnel.FunnelQuery;
import com.dataeye.analytics.funnel.FunnelResult;
import com.dataeye.analytics.funnel.FunnelRunner;
import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.query.VirtualEventScope;
import com.dataeye.analytics.shop.SimulatedShop;
import com.dataeye.analytics.shop.TestShops;
import com.dataeye.analytics.trend.TrendQuery;
import com.dataeye.analytics.trend.TrendResult;
import com.dataeye.analytics.trend.TrendRunner;
import com.dataeye.core.virtualevents.VirtualEvent;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the simulated shop, a virtual event defined from autocapture gives exactly the numbers of the
 * explicit event sent with it: the simulator's shop sends the add-to-cart button's {@code $WebClick}
 * in the same instant as {@code add_to_cart}, and opens the payment page ({@code $pageview} of
 * {@code /pay/confirm}) with every {@code payment_confirm_view}.
 */
class VirtualEventTruthTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final VirtualEvent CART_CLICK = VirtualEventsTest.virtual("""
            {"name": "cart_click", "display_name": {"zh": "点击加入购物车", "en": "Add-to-cart click"},
             "rules": [{"events": ["$WebClick"], "conditions": [{"field": "element_selector", "op": "equals", "value": "button.btn-add-cart"}]}]}""");
    static final VirtualEvent PAY_PAGE = VirtualEventsTest.virtual("""
            {"name": "pay_page", "rules": [{"events": ["$pageview"],
              "conditions": [{"field": "url", "op": "glob", "value": "https://shop.lianxiaopu.example/pay/confirm?*"}]}]}""");

    final SimulatedShop.Loaded shop = SimulatedShop.shared(TestShops.SMALL);
    final QueryExecutor executor = new QueryExecutor(shop.db(), Duration.ofSeconds(60));

    Map<String, Object> query(Map<String, Object> q) {
        Map<String, Object> m = new HashMap<>(q);
        m.put("from", shop.config().startDate().toString());
        m.put("to", shop.config().endDate().toString());
        m.put(EventRef.VIRTUAL_EVENTS, VirtualEventScope.of(List.of(CART_CLICK, PAY_PAGE)));
        return m;
    }

    TrendResult trend(String event, String measure) {
        return new TrendRunner(executor).run(SimulatedShop.PROJECT, SHANGHAI, TrendQuery.from(query(Map.of("event", event,
                "measure", Map.of("type", measure)))));
    }

    @Test
    void aClickDefinedAfterTheFactCountsLikeTheExplicitAddToCartEveryDay() {
        for (String measure : List.of("count", "persons")) {
            TrendResult explicit = trend("add_to_cart", measure);
            TrendResult virtual = trend("cart_click", measure);
            assertThat(explicit.series().get(0).total()).as(measure).isGreaterThan(100.0);
            assertThat(virtual.series().get(0).values()).as(measure).isEqualTo(explicit.series().get(0).values());
            assertThat(virtual.series().get(0).total()).as(measure).isEqualTo(explicit.series().get(0).total());
        }
        assertThat(trend("pay_page", "count").series().get(0).values())
                .isEqualTo(trend("payment_confirm_view", "count").series().get(0).values());
    }

    @Test
    void aFunnelThroughVirtualStepsConvertsLikeTheExplicitOne() {
        FunnelResult explicit = funnel("add_to_cart", "payment_confirm_view");
        FunnelResult virtual = funnel("cart_click", "pay_page");
        assertThat(explicit.groups().get(0).steps().get(1).persons()).isGreaterThan(50);
        assertThat(virtual.groups().get(0).steps()).extracting(FunnelResult.StepResult::persons)
                .isEqualTo(explicit.groups().get(0).steps().stream().map(FunnelResult.StepResult::persons).toList());
    }

    @Test
    void aVirtualStepLeavesItsTestToTheFunnelsPrefilterOnlyWhenNoOtherStepCanMatchItsEvents() {
        FunnelQuery disjoint = FunnelQuery.from(query(Map.of("steps", List.of(Map.of("event", "product_view"),
                Map.of("event", "cart_click"), Map.of("event", "pay_page")))));
        assertThat(java.util.stream.IntStream.range(0, 3).mapToObj(k -> FunnelRunner.impliedByPrefilter(disjoint, k)))
                .containsExactly(false, true, true);
        // two steps over $pageview: a page view passing the prefilter may be either step's
        FunnelQuery shared = FunnelQuery.from(query(Map.of("steps", List.of(Map.of("event", "pay_page"), Map.of("event", "$pageview")))));
        assertThat(FunnelRunner.impliedByPrefilter(shared, 0)).isFalse();
        assertThat(FunnelRunner.impliedByPrefilter(shared, 1)).isFalse();
        // (aFunnelThroughVirtualStepsConvertsLikeTheExplicitOne runs two such steps, each left to the prefilter)
    }

    FunnelResult funnel(String cart, String pay) {
        return new FunnelRunner(executor).run(SimulatedShop.PROJECT, SHANGHAI, FunnelQuery.from(query(Map.of("steps", List.of(
                Map.of("event", "product_view"), Map.of("event", cart), Map.of("event", "checkout_start"), Map.of("event", pay),
                Map.of("event", "order_paid")), "window", "7d"))));
    }
}
