package com.dataeye.core.virtualevents;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VirtualEventDefinitionTest {

    static Map<String, Object> rule(String event, Map<String, Object>... conditions) {
        return Map.of("events", List.of(event), "conditions", List.of(conditions));
    }

    static Map<String, Object> cond(String field, String op, String value) {
        return Map.of("field", field, "op", op, "value", value);
    }

    static VirtualEventDefinition parse(Object rules) {
        return VirtualEventDefinition.parse(Map.of("name", "buy_click", "rules", rules), Set.of());
    }

    static void rejects(Map<String, Object> in, Set<String> others, String field, String message) {
        assertThatThrownBy(() -> VirtualEventDefinition.parse(in, others)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining(message).extracting(e -> ((InvalidDefinitionException) e).field()).isEqualTo(field);
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsAndWritesTheSameShape() {
        Map<String, Object> in = Map.of("name", "buy_click", "display_name", Map.of("zh", "点击购买", "en", "Buy click"),
                "description", "the buy button", "rules", List.of(rule("$WebClick", cond("element_selector", "equals", "#buy-now"))));
        VirtualEventDefinition d = VirtualEventDefinition.parse(in, Set.of());
        assertThat(VirtualEventDefinition.parse(d.toMap(), Set.of())).isEqualTo(d);
        assertThat(d.displayZh()).isEqualTo("点击购买");
        assertThat(d.eventNames()).containsExactly("$WebClick");
    }

    @Test
    void rejectsWhatCannotBeSavedNamingTheField() {
        rejects(Map.of("name", "$click", "rules", List.of(rule("$WebClick"))), Set.of(), "name", "not starting with $");
        rejects(Map.of("name", "a'b", "rules", List.of(rule("$WebClick"))), Set.of(), "name", "name is");
        rejects(Map.of("name", "x", "rules", List.of()), Set.of(), "rules", "1–20 rules");
        rejects(Map.of("name", "x", "rules", java.util.Collections.nCopies(21, rule("$WebClick"))), Set.of(), "rules", "at most 20");
        rejects(Map.of("name", "x", "rules", List.of(Map.of("events", List.of()))), Set.of(), "rules[0].events", "names 1–20 events");
        rejects(Map.of("name", "x", "rules", List.of(rule("$WebClick", cond("url", "regex", "(unclosed")))), Set.of(),
                "rules[0].conditions[0].value", "not a regular expression");
        rejects(Map.of("name", "x", "rules", List.of(rule("$WebClick", cond("url", "regex", "a(?=b)")))), Set.of(),
                "rules[0].conditions[0].value", "look-around");
        rejects(Map.of("name", "x", "rules", List.of(rule("$WebClick", cond("url", "regex", "(a)\\1")))), Set.of(),
                "rules[0].conditions[0].value", "back-references");
        rejects(Map.of("name", "x", "rules", List.of(rule("$WebClick", cond("cookie", "equals", "a")))), Set.of(),
                "rules[0].conditions[0].field", "not a field");
        rejects(Map.of("name", "x", "rules", List.of(rule("$WebClick", cond("url", "like", "a")))), Set.of(),
                "rules[0].conditions[0].op", "not an operator");
        rejects(Map.of("name", "x", "rules", List.of(rule("$WebClick", cond("url", "equals", "")))), Set.of(),
                "rules[0].conditions[0].value", "1–500");
        rejects(Map.of("name", "x", "rules", List.of(rule("x"))), Set.of(), "rules[0].events[0]", "cannot contain itself");
        rejects(Map.of("name", "x", "rules", List.of(rule("buy_click"))), Set.of("buy_click"), "rules[0].events[0]", "is a virtual event");
        rejects(Map.of("name", "x", "rules", List.of(rule("$WebClick")), "colour", "red"), Set.of(), "colour", "unknown field");
    }

    @Test
    void conditionsAreCaseSensitiveAndAMissingFieldMatchesOnlyNegatives() {
        assertThat(new Condition(MatchField.URL, MatchOp.CONTAINS, "/Pay").test("https://x/pay")).isFalse();
        assertThat(new Condition(MatchField.URL, MatchOp.EQUALS, "a").test(null)).isFalse();
        assertThat(new Condition(MatchField.URL, MatchOp.NOT_EQUALS, "a").test(null)).isTrue();
        assertThat(new Condition(MatchField.URL, MatchOp.NOT_CONTAINS, "a").test(null)).isTrue();
        assertThat(new Condition(MatchField.URL, MatchOp.REGEX, "pay/\\d+").test("https://x/pay/12?y")).isTrue(); // unanchored
    }

    @Test
    void globStarMatchesAnyRunAndNothingElseIsSpecial() {
        Condition c = new Condition(MatchField.URL, MatchOp.GLOB, "https://shop/pay/*?order=_%");
        assertThat(c.test("https://shop/pay/confirm?order=_%")).isTrue();
        assertThat(c.test("https://shop/pay/confirm?order=12")).isFalse();
        assertThat(c.likePattern()).isEqualTo("https://shop/pay/%?order=\\_\\%");
    }

    @Test
    void anEventCountsWhenAnyRuleHoldsAndARuleNeedsAllItsConditions() {
        VirtualEventDefinition d = parse(List.of(
                rule("$WebClick", cond("element_selector", "equals", "#buy-now"), cond("url", "starts_with", "https://shop/p/")),
                Map.of("events", List.of("checkout_start"))));
        Map<MatchField, String> click = new EnumMap<>(MatchField.class);
        click.put(MatchField.ELEMENT_SELECTOR, "#buy-now");
        click.put(MatchField.URL, "https://shop/p/lut");
        assertThat(d.matches("$WebClick", click)).isTrue();
        assertThat(d.matches("$pageview", click)).isFalse();
        click.put(MatchField.URL, "https://shop/c/lut");
        assertThat(d.matches("$WebClick", click)).isFalse();
        assertThat(d.matches("checkout_start", Map.of())).isTrue();
    }
}
