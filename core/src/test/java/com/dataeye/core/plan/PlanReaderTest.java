package com.dataeye.core.plan;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanReaderTest {

    private final PlanReader reader = new PlanReader();

    private static Map<String, Object> event(String name, Object... props) {
        return Map.of("name", name, "properties", List.of(props));
    }

    private static Map<String, Object> prop(String name, String type) {
        return Map.of("name", name, "type", type);
    }

    @Test
    void readsEventsPropertiesAndPolicy() {
        TrackingPlan plan = reader.plan(Map.of(
                "policy", Map.of("unknown_events", "quarantine", "unknown_properties", "flag"),
                "events", List.of(Map.of("name", "order_paid", "display_name", Map.of("zh", "支付成功", "en", "Order paid"),
                        "owner", "growth", "status", "live",
                        "properties", List.of(Map.of("name", "amount", "type", "number", "required", true, "min", 0),
                                Map.of("name", "payment_method", "type", "string", "allowed_values", List.of("wechat", "alipay")))))));
        assertThat(plan.unknownEvents()).isEqualTo(UnknownPolicy.QUARANTINE);
        assertThat(plan.unknownProperties()).isEqualTo(UnknownPolicy.FLAG);
        EventSpec e = plan.event("order_paid").orElseThrow();
        assertThat(e.displayZh()).isEqualTo("支付成功");
        assertThat(e.properties().get(0).required()).isTrue();
        assertThat(e.properties().get(1).allowedValues()).containsExactly("wechat", "alipay");
    }

    @Test
    void exportedPlanReadsBackTheSame() {
        TrackingPlan plan = reader.plan(Map.of("events", List.of(Map.of("name", "share", "status", "deprecated",
                "properties", List.of(Map.of("name", "tier", "type", "number", "allowed_values", List.of(1, 2)))))));
        assertThat(reader.plan(PlanWriter.tree(plan))).isEqualTo(plan);
    }

    @Test
    void rejectsOnePropertyNameWithTwoTypesNamingBothPlaces() {
        assertThatThrownBy(() -> reader.plan(Map.of("events", List.of(event("product_view", prop("price", "number")),
                event("order_paid", prop("price", "string"))))))
                .isInstanceOfSatisfying(PlanFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("conflicting_types");
                    assertThat(e.field()).isEqualTo("events[1].properties[0].type");
                    assertThat(e.getMessage()).contains("product_view");
                });
    }

    @Test
    void rejectsUnknownTypeWithItsPath() {
        assertThatThrownBy(() -> reader.plan(Map.of("events", List.of(event("a", prop("x", "int"))))))
                .isInstanceOfSatisfying(PlanFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_plan");
                    assertThat(e.field()).isEqualTo("events[0].properties[0].type");
                });
    }

    @Test
    void rejectsAllowedValuesOfTheWrongType() {
        assertThatThrownBy(() -> reader.plan(Map.of("events", List.of(event("a",
                Map.of("name", "n", "type", "number", "allowed_values", List.of(1, "two")))))))
                .isInstanceOfSatisfying(PlanFileException.class, e -> assertThat(e.field()).isEqualTo("events[0].properties[0].allowed_values[1]"));
    }

    @Test
    void rejectsMalformedShapes() {
        assertThatThrownBy(() -> reader.plan(List.of())).hasMessageContaining("must be an object");
        assertThatThrownBy(() -> reader.plan(Map.of("events", "all"))).isInstanceOfSatisfying(PlanFileException.class,
                e -> assertThat(e.field()).isEqualTo("events"));
        assertThatThrownBy(() -> reader.plan(Map.of("events", List.of(Map.of("name", ""))))).isInstanceOfSatisfying(PlanFileException.class,
                e -> assertThat(e.field()).isEqualTo("events[0].name"));
        assertThatThrownBy(() -> reader.plan(Map.of("events", List.of(event("a"), event("a"))))).hasMessageContaining("twice");
        assertThatThrownBy(() -> reader.plan(Map.of("events", List.of(event("a", Map.of("name", "n", "type", "number", "min", 5, "max", 1))))))
                .hasMessageContaining("greater than max");
    }

    @Test
    void rejectsAPlanPastItsLimits() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            many.add(event("e" + i));
        }
        PlanReader small = new PlanReader(new PlanReader.Limits(10, 5, 5, 100));
        assertThatThrownBy(() -> small.plan(Map.of("events", many))).isInstanceOfSatisfying(PlanFileException.class,
                e -> assertThat(e.code()).isEqualTo("plan_too_large"));
    }
}
