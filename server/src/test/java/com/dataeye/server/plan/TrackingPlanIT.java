package com.dataeye.server.plan;

import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracking plan through the API: preset, CRUD, file import/export, hostile files, diff and adoption. */
class TrackingPlanIT extends InProcessServer {

    private Shop shop;

    @BeforeEach
    void freshProject() {
        shop = Shop.create(port, api());
    }

    @Test
    void installsTheShippedPlanAndExportsItAsAFileThatImportsBackUnchanged() {
        Shop.Response installed = shop.post("/plan/preset", "");
        assertThat(installed.status()).isEqualTo(200);
        assertThat(installed.body().path("added").size()).isGreaterThanOrEqualTo(18);
        Shop.Response yaml = shop.get("/plan?format=yaml");
        assertThat(yaml.text()).contains("name: \"order_paid\"").contains("支付成功");
        Shop.Response again = shop.put("/plan?dry_run=true", yaml.text(), "application/yaml");
        assertThat(again.status()).isEqualTo(200);
        JsonNode changes = again.body().path("changes");
        assertThat(changes.path("added").size() + changes.path("changed").size() + changes.path("removed").size()).isZero();
        JsonNode amount = shop.get("/plan/events/order_paid").body().path("properties").path(3);
        assertThat(amount.path("name").asString()).isEqualTo("amount");
        assertThat(amount.path("type").asString()).isEqualTo("number");
        assertThat(amount.path("required").asBoolean()).isTrue();
    }

    @Test
    void createsReadsReplacesAndDeletesOneEvent() {
        Shop.Response put = shop.put("/plan/events/coupon_used", """
                {"display_name": {"zh": "使用优惠券", "en": "Coupon used"}, "owner": "growth", "status": "planned",
                 "properties": [{"name": "coupon", "type": "string", "required": true}]}""");
        assertThat(put.status()).isEqualTo(200);
        assertThat(shop.get("/plan/events/coupon_used").body().path("display_name").path("zh").asString()).isEqualTo("使用优惠券");
        shop.put("/plan/events/coupon_used", "{\"status\": \"live\", \"properties\": []}");
        assertThat(shop.get("/plan/events/coupon_used").body().path("status").asString()).isEqualTo("live");
        assertThat(shop.get("/plan/events").body().path("events").size()).isEqualTo(1);
        assertThat(shop.delete("/plan/events/coupon_used").status()).isEqualTo(204);
        assertThat(shop.get("/plan/events/coupon_used").status()).isEqualTo(404);
        assertThat(shop.delete("/plan/events/coupon_used").status()).isEqualTo(404);
    }

    @Test
    void anEventThatWouldGiveAPropertyASecondTypeIsRefused() {
        shop.put("/plan/events/product_view", "{\"properties\": [{\"name\": \"price\", \"type\": \"number\"}]}");
        Shop.Response r = shop.put("/plan/events/add_to_cart", "{\"properties\": [{\"name\": \"price\", \"type\": \"string\"}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("error").path("code").asString()).isEqualTo("conflicting_types");
        assertThat(r.body().path("error").path("message").asString()).contains("product_view");
    }

    @Test
    void hostilePlanFilesGetAClearError() {
        Shop.Response malformed = shop.put("/plan", "{\"events\": [", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("error").path("code").asString()).isEqualTo("malformed_plan");
        assertThat(malformed.body().path("error").path("message").asString()).contains("line 1");

        Shop.Response badYaml = shop.put("/plan", "events:\n  - name: a\n   type: [", "application/yaml");
        assertThat(badYaml.status()).isEqualTo(400);
        assertThat(badYaml.body().path("error").path("code").asString()).isEqualTo("malformed_plan");

        Shop.Response conflicting = shop.put("/plan", """
                {"events": [{"name": "a", "properties": [{"name": "n", "type": "number"}]},
                            {"name": "b", "properties": [{"name": "n", "type": "boolean"}]}]}""", "application/json");
        assertThat(conflicting.status()).isEqualTo(400);
        assertThat(conflicting.body().path("error").path("code").asString()).isEqualTo("conflicting_types");
        assertThat(conflicting.body().path("error").path("field").asString()).isEqualTo("events[1].properties[0].type");

        Shop.Response huge = shop.put("/plan", "{\"events\": [" + "{\"name\": \"x\"},".repeat(100_000) + "]}", "application/json");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.body().path("error").path("code").asString()).isEqualTo("plan_too_large");

        List<String> many = new ArrayList<>();
        for (int i = 0; i < 2_001; i++) {
            many.add("{\"name\": \"e" + i + "\"}");
        }
        Shop.Response tooMany = shop.put("/plan", "{\"events\": [" + String.join(",", many) + "]}", "application/json");
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.body().path("error").path("field").asString()).isEqualTo("events");
        // nothing of the refused files was stored
        assertThat(shop.get("/plan/events").body().path("events").size()).isZero();
    }

    @Test
    void discoversWhatArrivesOutsideThePlanAndAdoptsItInOneStep() {
        shop.put("/plan/events/order_paid", "{\"properties\": [{\"name\": \"amount\", \"type\": \"number\", \"required\": true}]}");
        shop.track("""
                [{"event": "coupon_used", "anonymous_id": "a1", "properties": {"coupon": "NEW10", "discount": 5}},
                 {"event": "coupon_used", "anonymous_id": "a2", "properties": {"coupon": "NEW10", "discount": 8}},
                 {"event": "order_paid", "anonymous_id": "a1", "properties": {"amount": 39.9, "gift": true}}]""");
        JsonNode discovery = shop.get("/plan/discovery").body();
        JsonNode coupon = discovery.path("events").path(0);
        assertThat(coupon.path("name").asString()).isEqualTo("coupon_used");
        assertThat(coupon.path("stored").asLong()).isEqualTo(2);
        assertThat(coupon.path("first_seen").asString()).isNotEmpty();
        assertThat(coupon.path("properties").path("coupon").path("samples").get(0).asString()).isEqualTo("NEW10");
        assertThat(discovery.path("properties").path(0).path("event").asString()).isEqualTo("order_paid");
        assertThat(discovery.path("properties").path(0).path("property").path("name").asString()).isEqualTo("gift");

        Shop.Response adopted = shop.post("/plan/adopt", "{\"events\": [\"coupon_used\"], \"properties\": [{\"event\": \"order_paid\", \"name\": \"gift\"}]}");
        assertThat(adopted.status()).isEqualTo(200);
        JsonNode plan = shop.get("/plan/events/coupon_used").body();
        assertThat(plan.path("status").asString()).isEqualTo("live");
        assertThat(plan.path("properties").findValuesAsString("type")).contains("string", "number");
        assertThat(shop.get("/plan/events/order_paid").body().path("properties").path(1).path("type").asString()).isEqualTo("boolean");
        assertThat(shop.get("/plan/discovery").body().path("events").size()).isZero();
    }

    @Test
    void diffShowsPlannedEventsThatNeverArriveAndTypeDrift() {
        shop.put("/plan/events/search", "{\"properties\": [{\"name\": \"result_count\", \"type\": \"number\"}]}");
        shop.put("/plan/events/nps_response", "{\"properties\": [{\"name\": \"score\", \"type\": \"number\"}]}");
        // accepted before the plan knew better: a string where a number is planned shows as drift
        shop.put("/plan/events/search", "{\"properties\": [{\"name\": \"result_count\", \"type\": \"string\"}]}");
        shop.track("{\"event\": \"search\", \"anonymous_id\": \"a1\", \"properties\": {\"result_count\": \"12\"}}");
        shop.put("/plan/events/search", "{\"properties\": [{\"name\": \"result_count\", \"type\": \"number\"}]}");
        JsonNode diff = shop.get("/plan/diff").body();
        assertThat(diff.path("planned_but_not_seen").toString()).contains("nps_response");
        JsonNode drift = diff.path("type_mismatches").path(0);
        assertThat(drift.path("property").asString()).isEqualTo("result_count");
        assertThat(drift.path("observed").path("string").asLong()).isEqualTo(1);
    }

    @Test
    void thePlanIsReadAndChangedWithTheSecretKeyOrALoginNeverTheWriteKey() {
        assertThat(shop.getWith("/plan", "Bearer " + shop.writeKey).status()).isEqualTo(401);
        assertThat(shop.get("/plan").status()).isEqualTo(200);
        assertThat(api().getAsSecretKey("/api/v1/projects/" + shop.id + "/plan").status()).isEqualTo(403);
    }
}
