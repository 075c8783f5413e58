package com.dataeye.core.plan;

import com.dataeye.core.autocapture.AutocaptureKind;
import com.dataeye.core.autocapture.AutocaptureRules;
import com.dataeye.core.autocapture.AutocaptureSettings;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CompiledPlanTest {

    private static final EventSpec ORDER_PAID = EventSpec.of("order_paid", PlanStatus.LIVE, List.of(
            new PropertySpec("amount", null, null, PropertyType.NUMBER, true, List.of(), 0.0, 100000.0, null),
            new PropertySpec("payment_method", null, null, PropertyType.STRING, false, List.of("wechat", "alipay"), null, null, null),
            PropertySpec.of("paid_at", PropertyType.DATETIME, false)));

    private static CompiledPlan plan(UnknownPolicy events, UnknownPolicy props, EventSpec... specs) {
        return new CompiledPlan(new TrackingPlan(events, props, List.of(specs)), AutocaptureRules.KEEP_ALL);
    }

    private static PlanVerdict check(CompiledPlan p, String event, Map<String, Object> props) {
        return p.check(event, new HashMap<>(props), null, "d1");
    }

    @Test
    void aPlannedEventAsDeclaredPassesWithNothingToRecord() {
        CompiledPlan p = plan(UnknownPolicy.QUARANTINE, UnknownPolicy.QUARANTINE, ORDER_PAID);
        assertThat(check(p, "order_paid", Map.of("amount", 39.9, "payment_method", "wechat", "paid_at", "2026-11-25T10:00:00+08:00",
                "$lib", "js"))).isNull();
    }

    @Test
    void typeViolationNamesFieldExpectedAndGot() {
        CompiledPlan p = plan(UnknownPolicy.ACCEPT, UnknownPolicy.ACCEPT, ORDER_PAID);
        PlanVerdict.Violation v = check(p, "order_paid", Map.of("amount", "39.9")).violation();
        assertThat(v.kind()).isEqualTo(PlanVerdict.Kind.TYPE_MISMATCH);
        assertThat(v.field()).isEqualTo("properties.amount");
        assertThat(v.expected()).isEqualTo("number");
        assertThat(v.got()).isEqualTo("string \"39.9\"");
        assertThat(v.message()).isEqualTo("properties.amount: expected number, got string \"39.9\"");
    }

    @Test
    void checksRequiredAllowedValuesRangesAndDatetimes() {
        CompiledPlan p = plan(UnknownPolicy.ACCEPT, UnknownPolicy.ACCEPT, ORDER_PAID);
        assertThat(check(p, "order_paid", Map.of("payment_method", "wechat")).violation().kind()).isEqualTo(PlanVerdict.Kind.REQUIRED_MISSING);
        assertThat(check(p, "order_paid", Map.of("amount", 1, "payment_method", "paypal")).violation().kind())
                .isEqualTo(PlanVerdict.Kind.VALUE_NOT_ALLOWED);
        assertThat(check(p, "order_paid", Map.of("amount", -1)).violation().kind()).isEqualTo(PlanVerdict.Kind.OUT_OF_RANGE);
        assertThat(check(p, "order_paid", Map.of("amount", 1, "paid_at", "yesterday")).violation().kind())
                .isEqualTo(PlanVerdict.Kind.TYPE_MISMATCH);
        assertThat(check(p, "order_paid", Map.of("amount", 1, "paid_at", "2026-11-25 10:00:00"))).isNull();
        assertThat(check(p, "order_paid", Map.of("amount", 1, "paid_at", 1764036000000L))).isNull();
    }

    @Test
    void unknownEventsFollowThePolicy() {
        assertThat(check(plan(UnknownPolicy.ACCEPT, UnknownPolicy.ACCEPT, ORDER_PAID), "coupon_used", Map.of())).isNull();
        assertThat(check(plan(UnknownPolicy.FLAG, UnknownPolicy.ACCEPT, ORDER_PAID), "coupon_used", Map.of()).unplannedEvent()).isTrue();
        assertThat(check(plan(UnknownPolicy.QUARANTINE, UnknownPolicy.ACCEPT, ORDER_PAID), "coupon_used", Map.of()).violation().kind())
                .isEqualTo(PlanVerdict.Kind.UNPLANNED_EVENT);
        // SDK presets are not the shop's to plan
        assertThat(check(plan(UnknownPolicy.QUARANTINE, UnknownPolicy.ACCEPT, ORDER_PAID), "$SignUp", Map.of())).isNull();
    }

    @Test
    void unknownPropertiesFollowThePolicyButPresetsPass() {
        Map<String, Object> props = Map.of("amount", 1, "coupon", "NEW10", "$url", "https://x");
        assertThat(check(plan(UnknownPolicy.ACCEPT, UnknownPolicy.ACCEPT, ORDER_PAID), "order_paid", props)).isNull();
        assertThat(check(plan(UnknownPolicy.ACCEPT, UnknownPolicy.FLAG, ORDER_PAID), "order_paid", props).unplannedProperties())
                .containsExactly("coupon");
        PlanVerdict.Violation v = check(plan(UnknownPolicy.ACCEPT, UnknownPolicy.QUARANTINE, ORDER_PAID), "order_paid", props).violation();
        assertThat(v.kind()).isEqualTo(PlanVerdict.Kind.UNPLANNED_PROPERTY);
        assertThat(v.field()).isEqualTo("properties.coupon");
    }

    @Test
    void blockedEventsAreRefusedAndDeprecatedOnesFlagged() {
        CompiledPlan p = plan(UnknownPolicy.ACCEPT, UnknownPolicy.ACCEPT, EventSpec.of("old_share", PlanStatus.BLOCKED, List.of()),
                EventSpec.of("share", PlanStatus.DEPRECATED, List.of()));
        assertThat(check(p, "old_share", Map.of()).violation().kind()).isEqualTo(PlanVerdict.Kind.EVENT_BLOCKED);
        assertThat(check(p, "share", Map.of()).deprecated()).isTrue();
    }

    @Test
    void autocaptureKindsUrlsAndSamplingDecideWhatIsKept() {
        AutocaptureSettings s = new AutocaptureSettings(EnumSet.of(AutocaptureKind.PAGEVIEW), List.of("https://shop.example/*"),
                List.of("https://shop.example/admin/*"), 1.0, null);
        CompiledPlan p = new CompiledPlan(TrackingPlan.EMPTY, new AutocaptureRules(s));
        assertThat(p.check("$pageview", new HashMap<>(), "https://shop.example/p/lut", "d1")).isNull();
        assertThat(p.check("$WebClick", new HashMap<>(), "https://shop.example/p/lut", "d1").dropReason()).contains("off");
        assertThat(p.check("$pageview", new HashMap<>(), "https://shop.example/admin/x", "d1").dropReason()).isEqualTo("url denied");
        assertThat(p.check("$pageview", new HashMap<>(), "https://evil.example/", "d1").dropReason()).isEqualTo("url not allowed");
        assertThat(p.check("order_paid", new HashMap<>(), "https://evil.example/", "d1")).isNull();
    }

    @Test
    void samplingKeepsAboutTheRateAndWholeDevices() {
        CompiledPlan p = new CompiledPlan(TrackingPlan.EMPTY, new AutocaptureRules(
                new AutocaptureSettings(EnumSet.allOf(AutocaptureKind.class), List.of(), List.of(), 0.25, null)));
        int kept = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean first = p.check("$pageview", new HashMap<>(), null, "device-" + i) == null;
            boolean again = p.check("$WebClick", new HashMap<>(), null, "device-" + i) == null;
            assertThat(again).isEqualTo(first);
            kept += first ? 1 : 0;
        }
        assertThat(kept).isBetween(4_600, 5_400);
    }
}
