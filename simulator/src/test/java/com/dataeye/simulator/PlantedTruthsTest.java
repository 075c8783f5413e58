package com.dataeye.simulator;

import com.dataeye.simulator.population.AcquisitionChannel;
import com.dataeye.simulator.population.Segment;
import com.dataeye.simulator.truth.PlantedTruths;
import com.dataeye.simulator.truth.Retention;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.DoubleSummaryStatistics;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The planted truths, recomputed by {@link IndependentChecker} from the events of a 16,000-person shop,
 * must (a) equal what the answer key says and (b) be close to what was planted. "Close" is four standard
 * errors of the realised quantity, so a correct generator fails with odds of about 1 in 15,000 per check,
 * whatever the seed. The shop uses the default truths, but a community share of 20 % instead of 5 %: the
 * LTV ratio is dominated by a few whales, and 800 community persons would leave it too noisy to test.
 */
class PlantedTruthsTest {

    private static final int PERSONS = 16_000;

    @TempDir
    static Path dir;
    static SimulationConfig config;
    static PlantedTruths planted;
    static JsonNode key;
    static IndependentChecker data;

    @BeforeAll
    static void simulateShop() throws Exception {
        Map<AcquisitionChannel, Double> shares = new EnumMap<>(AcquisitionChannel.class);
        shares.putAll(Map.of(AcquisitionChannel.COMMUNITY, 0.20, AcquisitionChannel.SHORT_VIDEO, 0.30,
                AcquisitionChannel.WECHAT, 0.12, AcquisitionChannel.INVITE, 0.08, AcquisitionChannel.SEARCH, 0.14,
                AcquisitionChannel.DIRECT, 0.16));
        planted = PlantedTruths.defaults().withChannelShares(shares);
        // -Dsimulator.seed=N checks another shop; the tolerances hold for any seed with the stated odds
        config = SimulationConfig.defaults().withPersons(PERSONS).withTruths(planted)
                .withSeed(Long.getLong("simulator.seed", SimulationConfig.DEFAULT_SEED));
        Simulation.runToDirectory(config, dir, false, ProgressListener.NONE);
        key = JsonMapper.builder().build().readTree(dir.resolve("answer-key.json").toFile());
        data = IndependentChecker.read(dir.resolve("events.ndjson"), config.startDate());
    }

    @Test
    void answerKeyCountsWhatTheEventsShow() {
        assertThat(key.at("/counts/events").asLong()).isEqualTo(data.events);
        assertThat(key.at("/counts/persons").asLong()).isEqualTo(data.persons.size()).isEqualTo(PERSONS);
        for (AcquisitionChannel c : AcquisitionChannel.values()) {
            JsonNode channel = key.path("channels").path(c.wireName());
            List<IndependentChecker.Person> persons = personsOf(p -> p.channel.equals(c.wireName()));
            assertThat(channel.path("persons").asLong()).as(c.wireName()).isEqualTo(persons.size());
            for (int n : new int[] {1, 7, 30}) {
                JsonNode point = channel.at("/retention/d" + n);
                assertThat(point.path("cohort").asLong()).isEqualTo(cohort(persons, n).size());
                assertThat(point.path("retained").asLong()).isEqualTo(retained(persons, n));
            }
            for (int n : new int[] {7, 30, 90}) {
                long cents = persons.stream().mapToLong(p -> IndependentChecker.netWithin(p, n)).sum();
                assertThat(channel.at("/ltv/d" + n + "/per_person").decimalValue().doubleValue())
                        .isCloseTo(cents / 100.0 / persons.size(), within(0.006));
            }
        }
        for (Segment s : Segment.values()) {
            List<IndependentChecker.Person> persons = personsOf(p -> segmentOf(p).equals(s.wireName()));
            JsonNode segment = key.path("segments").path(s.wireName());
            assertThat(segment.path("persons").asLong()).as(s.wireName()).isEqualTo(persons.size());
            assertThat(segment.at("/nps/responses").asLong()).isEqualTo(persons.stream().filter(p -> p.npsScore != null).count());
        }
        assertThat(key.at("/attach_rate/antecedent_buyers").asLong()).isEqualTo(layoutBuyers().size());
        assertThat(key.at("/attach_rate/both_buyers").asLong())
                .isEqualTo(layoutBuyers().stream().filter(p -> p.categoriesBought.contains("hd_image_pack")).count());
        for (String variant : List.of("bank_card", "wechat_pay")) {
            List<IndependentChecker.Person> exposed = exposedTo("pay_default_method", variant);
            JsonNode v = key.at("/experiments/pay_default_method/variants/" + variant);
            assertThat(v.path("persons_exposed").asLong()).isEqualTo(exposed.size());
            for (String step : List.of("checkout_start", "payment_confirm_view", "payment_method_selected", "order_paid")) {
                assertThat(v.path("orders_by_step").path(step).asLong()).as(step)
                        .isEqualTo(exposed.stream().mapToLong(p -> IndependentChecker.orders(p, step)).sum());
            }
        }
    }

    @Test
    void personsArriveThroughEachChannelInThePlantedShare() {
        for (AcquisitionChannel c : AcquisitionChannel.values()) {
            double share = personsOf(p -> p.channel.equals(c.wireName())).size() / (double) PERSONS;
            double expected = planted.channelShares().get(c);
            assertThat(share).as(c.wireName()).isCloseTo(expected, within(fourSigma(expected, PERSONS)));
        }
    }

    @Test
    void segmentsHaveThePlantedShares() {
        for (Segment s : Segment.values()) {
            double share = personsOf(p -> segmentOf(p).equals(s.wireName())).size() / (double) PERSONS;
            double expected = planted.segments().of(s);
            assertThat(share).as(s.wireName()).isCloseTo(expected, within(fourSigma(expected, PERSONS)));
        }
    }

    @Test
    void buyersOfTheLayoutTemplateAlsoBuyTheImagePackAtThePlantedRate() {
        List<IndependentChecker.Person> buyers = layoutBuyers();
        double rate = buyers.stream().filter(p -> p.categoriesBought.contains("hd_image_pack")).count() / (double) buyers.size();
        assertThat(buyers).hasSizeGreaterThan(200);
        assertThat(rate).isCloseTo(0.35, within(fourSigma(0.35, buyers.size())));
    }

    @Test
    void communityPersonsAreWorthAboutThreeTimesShortVideoPersonsOver90Days() {
        DoubleSummaryStatistics community = netPerPerson(AcquisitionChannel.COMMUNITY);
        DoubleSummaryStatistics shortVideo = netPerPerson(AcquisitionChannel.SHORT_VIDEO);
        double ratio = community.getAverage() / shortVideo.getAverage();
        // spend is heavy-tailed (a few whales), so the ratio's standard error is estimated from the data
        // (delta method); for this shop four of them come to about ±1.3
        double relativeError = Math.sqrt(relativeVariance(AcquisitionChannel.COMMUNITY, community)
                + relativeVariance(AcquisitionChannel.SHORT_VIDEO, shortVideo));
        assertThat(ratio).isCloseTo(planted.communityToShortVideoLtvRatio(), within(4 * relativeError * ratio));
        assertThat(ratio).as("community clearly worth more").isGreaterThan(1.5);
    }

    @Test
    void weChatPayAsDefaultLosesFewerOrdersAndBuyersAtPaymentConfirmation() {
        double bankCard = paidAfterConfirm("pay_default_method", "bank_card");
        double weChat = paidAfterConfirm("pay_default_method", "wechat_pay");
        int views = confirmViews("pay_default_method", "bank_card");
        assertThat(bankCard).isCloseTo(0.45, within(fourSigma(0.45, views)));
        assertThat(weChat).isCloseTo(0.70, within(fourSigma(0.70, confirmViews("pay_default_method", "wechat_pay"))));
        // the effect reaches people, not only orders: more of the exposed end up paying at all
        assertThat(payingShare("pay_default_method", "wechat_pay") - payingShare("pay_default_method", "bank_card"))
                .isGreaterThan(0.10);
    }

    @Test
    void buttonColourExperimentHasNoEffect() {
        double blue = paidAfterConfirm("pay_button_color", "blue");
        double green = paidAfterConfirm("pay_button_color", "green");
        int n = Math.min(confirmViews("pay_button_color", "blue"), confirmViews("pay_button_color", "green"));
        assertThat(blue - green).isCloseTo(0, within(Math.sqrt(2) * fourSigma(0.575, n)));
        int blueExposed = exposedTo("pay_button_color", "blue").size();
        assertThat(payingShare("pay_button_color", "blue") - payingShare("pay_button_color", "green"))
                .isCloseTo(0, within(Math.sqrt(2) * fourSigma(payingShare("pay_button_color", "blue"), blueExposed)));
    }

    @Test
    void eachChannelKeepsItsPlantedDay1Day7AndDay30Retention() {
        for (AcquisitionChannel c : AcquisitionChannel.values()) {
            Retention expected = planted.retention().get(c);
            List<IndependentChecker.Person> persons = personsOf(p -> p.channel.equals(c.wireName()));
            double[] rates = {expected.day1(), expected.day7(), expected.day30()};
            int[] days = {1, 7, 30};
            for (int i = 0; i < days.length; i++) {
                int cohort = cohort(persons, days[i]).size();
                assertThat(retained(persons, days[i]) / (double) cohort).as(c.wireName() + " day " + days[i])
                        .isCloseTo(rates[i], within(fourSigma(rates[i], cohort)));
            }
        }
    }

    @Test
    void eachSegmentScoresItsPlantedNps() {
        for (Segment s : Segment.values()) {
            List<Integer> scores = personsOf(p -> segmentOf(p).equals(s.wireName()) && p.npsScore != null)
                    .stream().map(p -> p.npsScore).toList();
            double nps = 100.0 * (scores.stream().filter(x -> x >= 9).count() - scores.stream().filter(x -> x <= 6).count())
                    / scores.size();
            assertThat(scores).as(s.wireName()).hasSizeGreaterThan(40);
            assertThat(nps).as(s.wireName()).isCloseTo(planted.nps().get(s), within(fourSigmaOfNps(planted.nps().get(s), scores.size())));
        }
    }

    /**
     * An answer counts +1 (promoter), 0 or -1 (detractor); with the generator's passive share
     * {@code min(0.3, 1 - |nps|)} its variance is {@code 1 - passives - nps²}.
     */
    private static double fourSigmaOfNps(int nps, int n) {
        double target = nps / 100.0;
        double variance = 1 - Math.min(0.3, 1 - Math.abs(target)) - target * target;
        return 4 * 100 * Math.sqrt(variance / n);
    }

    private static double fourSigma(double p, int n) {
        return 4 * Math.sqrt(p * (1 - p) / n);
    }

    private static List<IndependentChecker.Person> personsOf(Predicate<IndependentChecker.Person> filter) {
        return data.persons.values().stream().filter(filter).toList();
    }

    private static String segmentOf(IndependentChecker.Person p) {
        return data.segment(p, planted.segmentRules().whaleMinNetSpendCents(), planted.segmentRules().contributorMinShares());
    }

    private static List<IndependentChecker.Person> cohort(List<IndependentChecker.Person> persons, int n) {
        return persons.stream().filter(p -> p.firstDay + n < config.days()).toList();
    }

    private static long retained(List<IndependentChecker.Person> persons, int n) {
        return cohort(persons, n).stream().filter(p -> p.activeDays.contains(p.firstDay + n)).count();
    }

    private static List<IndependentChecker.Person> layoutBuyers() {
        return personsOf(p -> p.categoriesBought.contains("wechat_layout_template"));
    }

    private static DoubleSummaryStatistics netPerPerson(AcquisitionChannel channel) {
        return personsOf(p -> p.channel.equals(channel.wireName())).stream()
                .mapToDouble(p -> IndependentChecker.netWithin(p, 90)).summaryStatistics();
    }

    /** Variance of the channel's mean net revenue, relative to the mean squared. */
    private static double relativeVariance(AcquisitionChannel channel, DoubleSummaryStatistics stats) {
        double mean = stats.getAverage();
        double sumOfSquares = personsOf(p -> p.channel.equals(channel.wireName())).stream()
                .mapToDouble(p -> Math.pow(IndependentChecker.netWithin(p, 90) - mean, 2)).sum();
        double variance = sumOfSquares / (stats.getCount() - 1);
        return variance / stats.getCount() / (mean * mean);
    }

    private static List<IndependentChecker.Person> exposedTo(String experiment, String variant) {
        return personsOf(p -> variant.equals(p.variants.get(experiment)));
    }

    private static int confirmViews(String experiment, String variant) {
        return exposedTo(experiment, variant).stream().mapToInt(p -> IndependentChecker.orders(p, "payment_confirm_view")).sum();
    }

    private static double paidAfterConfirm(String experiment, String variant) {
        List<IndependentChecker.Person> exposed = exposedTo(experiment, variant);
        int paid = exposed.stream().mapToInt(p -> IndependentChecker.orders(p, "order_paid")).sum();
        return paid / (double) confirmViews(experiment, variant);
    }

    private static double payingShare(String experiment, String variant) {
        List<IndependentChecker.Person> exposed = exposedTo(experiment, variant);
        return exposed.stream().filter(p -> p.ordersPaid > 0).count() / (double) exposed.size();
    }
}
