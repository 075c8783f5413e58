package com.dataeye.server.imports;

import com.dataeye.analytics.store.DuckDb;
import com.dataeye.server.cli.ImportCommand;
import com.dataeye.server.support.InProcessServer;
import com.dataeye.simulator.ProgressListener;
import com.dataeye.simulator.Simulation;
import com.dataeye.simulator.SimulationConfig;
import com.dataeye.simulator.population.AcquisitionChannel;
import com.dataeye.simulator.truth.PlantedTruths;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The answer key is trusted because the stored data reproduces it: a small shop is generated, imported
 * through {@code ./dataeye import} into the real server and store, and each planted truth is recomputed
 * with plain SQL over the stored events ({@code resolved_events}, ids de-identified on the way in).
 *
 * <p>Tolerances, against the answer key's realised values: shares and rates ±0.01 (the store merges
 * identities by its own rule — first login wins — where the key's definition takes every device seen
 * with a login), NPS ±2 points, the LTV ratio ±5 %. And against the planted values: the WeChat-Pay
 * default beats bank card by more than 15 points after confirmation, the button colours differ by
 * less than 6 points, community is worth more than 1.5× short video.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlantedTruthsSqlIT extends InProcessServer {

    private static final int PERSONS = 6_000;
    private static final String PROJECT = "demo";

    @Autowired
    DuckDb db;

    JsonNode key;

    /** Per person (a temp table, so made again on each query's connection): channel, first day, net spend by day 90, shares, invites, orders, segment, NPS score. */
    private static final String PERSONS_SQL = """
            CREATE OR REPLACE TEMP TABLE p AS
            WITH e AS (
              SELECT person_id, event, channel, CAST(timezone('Asia/Shanghai', ts) AS DATE) AS day, ts, amount, properties
              FROM resolved_events WHERE project_id = ? AND event <> '$item_set' AND %s),
            firsts AS (
              SELECT person_id, arg_min(channel, ts) AS channel, min(day) AS first_day FROM e WHERE event = '$pageview' GROUP BY 1)
            SELECT f.person_id, f.channel, f.first_day,
              coalesce(sum(CASE WHEN e.event = 'order_paid' THEN e.amount WHEN e.event = 'order_refunded' THEN -e.amount END), 0) AS net,
              coalesce(sum(CASE WHEN e.event = 'order_paid' AND e.day < f.first_day + 90 THEN e.amount
                                WHEN e.event = 'order_refunded' AND e.day < f.first_day + 90 THEN -e.amount END), 0) AS net90,
              count(*) FILTER (WHERE e.event = 'share') AS shares,
              count(*) FILTER (WHERE e.event = 'invite_sent') AS invites,
              count(*) FILTER (WHERE e.event = 'order_paid') AS orders,
              max(CAST(json_extract(e.properties, '$.score') AS INTEGER)) FILTER (WHERE e.event = 'nps_response') AS nps
            FROM firsts f JOIN e USING (person_id) GROUP BY 1, 2, 3""";

    /** The shop's days only (dates from the answer key, parsed): the server is shared with other ITs' events. */
    private String shopRange() {
        LocalDate first = LocalDate.parse(key.at("/run/start_date").asString());
        LocalDate last = LocalDate.parse(key.at("/run/end_date").asString());
        return "ts >= TIMESTAMPTZ '" + first + " 00:00:00+08' AND ts < TIMESTAMPTZ '" + last.plusDays(1) + " 00:00:00+08'";
    }

    @BeforeAll
    void importAShop() throws Exception {
        Path dir = Files.createTempDirectory("dataeye-truths-");
        Map<AcquisitionChannel, Double> shares = new EnumMap<>(AcquisitionChannel.class);
        shares.putAll(Map.of(AcquisitionChannel.COMMUNITY, 0.20, AcquisitionChannel.SHORT_VIDEO, 0.30,
                AcquisitionChannel.WECHAT, 0.12, AcquisitionChannel.INVITE, 0.08, AcquisitionChannel.SEARCH, 0.14,
                AcquisitionChannel.DIRECT, 0.16));
        SimulationConfig shop = SimulationConfig.defaults().withPersons(PERSONS).withSeed(11)
                .withTruths(PlantedTruths.defaults().withChannelShares(shares))
                .withCalendar(LocalDate.now().minusDays(100), 90);
        Simulation.runToDirectory(shop, dir, true, ProgressListener.NONE);
        key = JsonMapper.builder().build().readTree(dir.resolve("answer-key.json").toFile());
        ImportCommand.main(new String[] {"--file", dir.resolve("events.ndjson.gz").toString(), "--server", "http://localhost:" + port,
                "--key", api().secretKey, "--project", PROJECT});
    }

    private double number(String sql) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(PERSONS_SQL.formatted(shopRange()))) {
            ps.setString(1, PROJECT);
            ps.execute();
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private Map<String, Double> byKey(String sql) throws Exception {
        Map<String, Double> out = new HashMap<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(PERSONS_SQL.formatted(shopRange()))) {
            ps.setString(1, PROJECT);
            ps.execute();
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        return out;
    }

    private static final String SEGMENT = """
            CASE WHEN net >= 1000 THEN 'whale' WHEN shares >= 2 OR invites > 0 THEN 'contributor'
                 WHEN orders > 0 THEN 'regular' ELSE 'observer' END""";

    @Test
    void everyPersonOfTheShopIsStored() throws Exception {
        assertThat(number("SELECT count(*) FROM p")).isCloseTo(key.at("/counts/persons").asDouble(), within(PERSONS * 0.01));
    }

    @Test
    void segmentsHoldTheirSharesAndNps() throws Exception {
        Map<String, Double> shares = byKey("SELECT " + SEGMENT + ", count(*) / (SELECT count(*) FROM p) FROM p GROUP BY 1");
        Map<String, Double> nps = byKey("SELECT " + SEGMENT + ", 100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6))"
                + " / count(nps) FROM p GROUP BY 1");
        for (String segment : new String[] {"whale", "contributor", "regular", "observer"}) {
            JsonNode s = key.path("segments").path(segment);
            assertThat(shares.get(segment)).as(segment).isCloseTo(s.path("share").asDouble(), within(0.01));
            assertThat(nps.get(segment)).as(segment + " NPS").isCloseTo(s.at("/nps/score").asDouble(), within(2.0));
        }
    }

    @Test
    void layoutTemplateBuyersAlsoBuyTheImagePack() throws Exception {
        double rate = number("""
                WITH b AS (SELECT person_id, json_extract_string(properties, '$.category') AS cat FROM resolved_events
                           WHERE project_id = 'demo' AND event = 'order_paid' AND %s)
                SELECT count(DISTINCT person_id) FILTER (WHERE person_id IN (SELECT person_id FROM b WHERE cat = 'hd_image_pack'))
                       / count(DISTINCT person_id)
                FROM b WHERE cat = 'wechat_layout_template'""".formatted(shopRange()));
        assertThat(rate).isCloseTo(key.at("/attach_rate/rate").asDouble(), within(0.01));
    }

    @Test
    void communityIsWorthAboutThreeTimesShortVideoOver90Days() throws Exception {
        Map<String, Double> ltv = byKey("SELECT channel, avg(net90) FROM p GROUP BY 1");
        double ratio = ltv.get("community") / ltv.get("short_video");
        assertThat(ratio).isCloseTo(key.at("/ltv_ratio/realised/d90").asDouble(), within(0.05 * ratio));
        assertThat(ratio).isGreaterThan(1.5);
    }

    @Test
    void weChatPayDefaultLosesFewerOrdersAtConfirmationAndTheButtonColourNone() throws Exception {
        Map<String, Double> paidAfterConfirm = byKey("""
                WITH x AS (SELECT DISTINCT person_id, json_extract_string(properties, '$.experiment') AS exp,
                                  json_extract_string(properties, '$.variant') AS variant
                           FROM resolved_events WHERE project_id = 'demo' AND event = 'experiment_exposure' AND %1$s),
                o AS (SELECT person_id, event, order_id FROM resolved_events
                      WHERE project_id = 'demo' AND event IN ('payment_confirm_view', 'order_paid') AND %1$s)
                SELECT x.exp || '/' || x.variant,
                       count(DISTINCT o.order_id) FILTER (WHERE o.event = 'order_paid')
                       / count(DISTINCT o.order_id) FILTER (WHERE o.event = 'payment_confirm_view')
                FROM x JOIN o USING (person_id) GROUP BY 1""".formatted(shopRange()));
        for (String variant : new String[] {"bank_card", "wechat_pay"}) {
            assertThat(paidAfterConfirm.get("pay_default_method/" + variant)).as(variant)
                    .isCloseTo(key.at("/experiments/pay_default_method/variants/" + variant + "/paid_after_confirm").asDouble(), within(0.01));
        }
        assertThat(paidAfterConfirm.get("pay_default_method/wechat_pay") - paidAfterConfirm.get("pay_default_method/bank_card"))
                .isGreaterThan(0.15);
        assertThat(Math.abs(paidAfterConfirm.get("pay_button_color/blue") - paidAfterConfirm.get("pay_button_color/green")))
                .isLessThan(0.06);
    }

    @Test
    void eachChannelKeepsItsDay1Day7AndDay30Retention() throws Exception {
        for (int n : new int[] {1, 7, 30}) {
            Map<String, Double> rates = byKey("""
                    WITH v AS (SELECT DISTINCT person_id, CAST(timezone('Asia/Shanghai', ts) AS DATE) AS day FROM resolved_events
                               WHERE project_id = 'demo' AND event = '$pageview' AND %3$s),
                    last AS (SELECT DATE '%4$s' AS end_day)
                    SELECT p.channel, count(*) FILTER (WHERE v.person_id IS NOT NULL) / count(*)
                    FROM p CROSS JOIN last LEFT JOIN v ON v.person_id = p.person_id AND v.day = p.first_day + %1$d
                    WHERE p.first_day + %2$d <= last.end_day GROUP BY 1""".formatted(n, n, shopRange(),
                    LocalDate.parse(key.at("/run/end_date").asString())));
            for (AcquisitionChannel c : AcquisitionChannel.values()) {
                assertThat(rates.get(c.wireName())).as(c.wireName() + " day " + n)
                        .isCloseTo(key.at("/channels/" + c.wireName() + "/retention/d" + n + "/rate").asDouble(), within(0.01));
            }
        }
    }
}
