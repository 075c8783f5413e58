package com.dataeye.bench;

import com.dataeye.analytics.channels.AttributionQuery;
import com.dataeye.analytics.channels.AttributionResult;
import com.dataeye.analytics.channels.AttributionRunner;
import com.dataeye.analytics.channels.LtvQuery;
import com.dataeye.analytics.channels.LtvResult;
import com.dataeye.analytics.channels.LtvRunner;
import com.dataeye.analytics.nps.NpsQuery;
import com.dataeye.analytics.nps.NpsResult;
import com.dataeye.analytics.nps.NpsRunner;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.simulator.SimulationConfig;
import com.dataeye.simulator.population.AcquisitionChannel;
import com.dataeye.simulator.truth.AnswerKey;
import com.dataeye.simulator.truth.PlantedTruths;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The simulator's planted channel truth comes out of the channel analyses: a 16,000-person shop (the
 * community share raised to 20 %, as in the simulator's own truth test, so a few whales do not swamp
 * the ratio) put through the collector pipeline into DuckDB; LTV, attribution and NPS must equal the
 * answer key, which the simulator computed from the same events independently, and the community
 * channel must bring fewer persons than short video but about three times the 90-day LTV.
 */
class ChannelTruthTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static DuckDb db;
    static AnswerKey key;
    static SimulationConfig config;
    static QueryExecutor executor;

    @BeforeAll
    static void shop() {
        Map<AcquisitionChannel, Double> shares = new EnumMap<>(AcquisitionChannel.class);
        shares.putAll(Map.of(AcquisitionChannel.COMMUNITY, 0.20, AcquisitionChannel.SHORT_VIDEO, 0.30,
                AcquisitionChannel.WECHAT, 0.12, AcquisitionChannel.INVITE, 0.08, AcquisitionChannel.SEARCH, 0.14,
                AcquisitionChannel.DIRECT, 0.16));
        config = SimulationConfig.defaults().withPersons(16_000).withTruths(PlantedTruths.defaults().withChannelShares(shares));
        db = DuckDb.open(null, "1GB");
        key = SimulatedStore.build(db, config, "sim");
        executor = new QueryExecutor(db, Duration.ofMinutes(2));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static LtvResult ltv() {
        return new LtvRunner(executor).run("sim", SHANGHAI, LtvQuery.from(Map.of("from", config.startDate().toString(),
                "to", config.endDate().toString(), "as_of", config.endDate().plusDays(1).toString()), config.endDate()), Map.of());
    }

    private static LtvResult.Row row(LtvResult r, String channel) {
        return r.rows().stream().filter(x -> x.channel().equals(channel)).findFirst().orElseThrow();
    }

    @Test
    void communityBringsFewerPersonsButAboutThreeTimesTheLtvOfShortVideo() {
        LtvResult r = ltv();
        LtvResult.Row community = row(r, "community");
        LtvResult.Row video = row(r, "short_video");
        for (String channel : new String[] {"community", "short_video", "wechat", "invite", "search", "direct"}) {
            AnswerKey.ChannelTruth truth = key.channels().get(channel);
            LtvResult.Row mine = row(r, channel);
            assertThat(mine.persons()).as(channel + " persons").isEqualTo(truth.persons());
            // a 90-day run: all revenue of every person lies within 90 days of their arrival
            assertThat(mine.revenue() / mine.persons()).as(channel + " d90 per person")
                    .isCloseTo(truth.ltv().get("d90").perPerson().doubleValue(), within(0.01));
            AnswerKey.Ltv d7 = truth.ltv().get("d7");
            assertThat(mine.ltv().get(0).maturedPersons()).as(channel + " d7 matured").isEqualTo(d7.maturedPersons());
            assertThat(mine.ltv().get(0).perPerson()).as(channel + " d7 per matured person")
                    .isCloseTo(d7.maturedPerPerson().doubleValue(), within(0.01));
        }
        double ratio = (community.revenue() / community.persons()) / (video.revenue() / video.persons());
        assertThat(ratio).isCloseTo(key.ltvRatio().realised().get("d90"), within(0.01));
        assertThat(ratio).as("community worth far more per person").isGreaterThan(1.5);
        assertThat(community.persons()).as("modest traffic").isLessThan(video.persons());
    }

    @Test
    void firstTouchAttributionCreditsAllNetRevenueOnce() {
        AttributionResult r = new AttributionRunner(executor).run("sim", SHANGHAI, AttributionQuery.from(Map.of(
                "from", config.startDate().toString(), "to", config.endDate().toString(), "model", "first_touch")));
        assertThat(r.totals().revenue()).isCloseTo(key.counts().netRevenue().doubleValue(), within(0.01));
        assertThat(r.totals().orders()).isEqualTo((double) key.counts().ordersPaid());
        AttributionResult linear = new AttributionRunner(executor).run("sim", SHANGHAI, AttributionQuery.from(Map.of(
                "from", config.startDate().toString(), "to", config.endDate().toString(), "model", "linear", "by", "source")));
        assertThat(linear.totals().revenue()).isCloseTo(key.counts().netRevenue().doubleValue(), within(0.05));
        assertThat(linear.rows()).anySatisfy(x -> assertThat(x.source()).isEqualTo("zsxq"));
    }

    @Test
    void npsCountsEveryResponseOfTheAnswerKey() {
        NpsResult r = new NpsRunner(executor).run("sim", SHANGHAI, NpsQuery.from(Map.of(
                "from", config.startDate().toString(), "to", config.endDate().plusDays(1).toString(), "by", "channel")));
        long responses = key.segments().values().stream().mapToLong(s -> s.nps().responses()).sum();
        long promoters = key.segments().values().stream().mapToLong(s -> s.nps().promoters()).sum();
        long detractors = key.segments().values().stream().mapToLong(s -> s.nps().detractors()).sum();
        assertThat(r.overall().responses()).isEqualTo(responses);
        assertThat(r.overall().promoters()).isEqualTo(promoters);
        assertThat(r.overall().detractors()).isEqualTo(detractors);
        assertThat(r.overall().ciLow()).isLessThan(r.overall().nps()).isNotNull();
        assertThat(r.groups()).extracting(g -> g.group()).contains("community", "short_video");
    }
}
