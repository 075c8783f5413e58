package com.dataeye.simulator;

import com.dataeye.core.enrich.AcquisitionContext;
import com.dataeye.core.enrich.ChannelClassifier;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Recomputes the shop's facts from the events file alone, sharing no code with the generator: persons
 * come from merging ids the way docs/features/identity.md describes, channels from DataEye's own
 * {@link ChannelClassifier} applied to each person's first page view, categories from the catalogue's
 * {@code item_set} records. If the answer key and this checker agree, the key describes the data, not
 * the generator's intentions.
 */
final class IndependentChecker {

    static final List<String> FUNNEL_STEPS =
            List.of("checkout_start", "payment_confirm_view", "payment_method_selected", "order_paid");
    private static final List<String> UNCHECKED = List.of("{\"event\":\"$WebStay\"", "{\"event\":\"$WebClick\"",
            "{\"event\":\"product_view\"", "{\"event\":\"search\"", "{\"event\":\"add_to_cart\"");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** What one person did, as far as the planted truths are concerned. */
    static final class Person {
        Row firstPageview;
        String channel;
        final Set<Integer> activeDays = new HashSet<>();
        int firstDay;
        final List<long[]> moneyByDay = new ArrayList<>(); // {day, +paid or -refunded cents}
        long netCents;
        int ordersPaid;
        int shares;
        int invitesSent;
        Integer npsScore;
        final Set<String> categoriesBought = new HashSet<>();
        final Map<String, String> variants = new HashMap<>();
        final Map<String, Set<String>> ordersByStep = new HashMap<>();
    }

    final Map<String, Person> persons = new HashMap<>();
    final Map<String, String> categoryOfProduct = new HashMap<>();
    long events;

    /** The fields of one event that the checks read; the file is parsed once into these. */
    record Row(String anonymousId, String loginId, String name, String timestamp, String orderId,
               String productId, long cents, Integer score, String experiment, String variant,
               AcquisitionContext landing) {
    }

    /** Reads the whole file first: a device's login link may come after its first anonymous events. */
    static IndependentChecker read(Path file, LocalDate start) throws IOException {
        IndependentChecker checker = new IndependentChecker();
        Map<String, String> loginOfDevice = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                checker.events++;
                if (carriesNoTruth(line)) {
                    continue;
                }
                JsonNode e = JSON.readTree(line);
                JsonNode props = e.path("properties");
                if (e.path("type").asString().equals("item_set")) {
                    checker.categoryOfProduct.put(e.path("item_id").asString(), props.path("category").asString());
                    continue;
                }
                Row row = row(e, props);
                if (row.anonymousId() != null && row.loginId() != null) {
                    loginOfDevice.putIfAbsent(row.anonymousId(), row.loginId()); // the first login on a device wins
                }
                rows.add(row);
            }
        }
        for (Row row : rows) {
            String key = row.loginId() != null ? row.loginId()
                    : loginOfDevice.getOrDefault(row.anonymousId(), row.anonymousId());
            checker.observe(checker.persons.computeIfAbsent(key, k -> new Person()), row, start);
        }
        ChannelClassifier classifier = new ChannelClassifier();
        checker.persons.values().forEach(p -> p.channel = classifier.classify(p.firstPageview.landing()).channel());
        return checker;
    }

    /**
     * Autocaptured stays and clicks, product views and searches are half the file and carry nothing
     * checked here (a device's login link always also comes on its {@code signup} or {@code login}), so
     * they are counted but not parsed: that halves the checker's time.
     */
    private static boolean carriesNoTruth(String line) {
        for (String name : UNCHECKED) {
            if (line.startsWith(name)) {
                return true;
            }
        }
        return false;
    }

    private static Row row(JsonNode e, JsonNode props) {
        String name = e.path("event").asString();
        boolean money = name.equals("order_paid") || name.equals("order_refunded");
        AcquisitionContext landing = !name.equals("$pageview") ? null : new AcquisitionContext(
                text(props, "utm_source"), text(props, "utm_medium"), text(props, "utm_campaign"),
                text(props, "$referrer"), text(props, "share_source"), text(props, "invite_code"), text(props, "$url"));
        return new Row(text(e, "anonymous_id"), text(e, "login_id"), name, e.path("timestamp").asString(),
                text(props, "order_id"), text(props, "product_id"),
                money ? props.path("amount").decimalValue().movePointRight(2).longValueExact() : 0,
                props.has("score") ? props.path("score").asInt() : null,
                text(props, "experiment"), text(props, "variant"), landing);
    }

    private void observe(Person p, Row e, LocalDate start) {
        int day = (int) ChronoUnit.DAYS.between(start, LocalDate.parse(e.timestamp().substring(0, 10)));
        String name = e.name();
        if (e.orderId() != null && FUNNEL_STEPS.contains(name)) {
            p.ordersByStep.computeIfAbsent(name, k -> new TreeSet<>()).add(e.orderId());
        }
        switch (name) {
            case "$pageview" -> {
                p.activeDays.add(day);
                // timestamps share one offset and format, so text order is time order
                if (p.firstPageview == null || e.timestamp().compareTo(p.firstPageview.timestamp()) < 0) {
                    p.firstPageview = e;
                    p.firstDay = day;
                }
            }
            case "order_paid" -> {
                p.ordersPaid++;
                p.netCents += e.cents();
                p.moneyByDay.add(new long[] {day, e.cents()});
                p.categoriesBought.add(categoryOfProduct.get(e.productId()));
            }
            case "order_refunded" -> {
                p.netCents -= e.cents();
                p.moneyByDay.add(new long[] {day, -e.cents()});
            }
            case "share" -> p.shares++;
            case "invite_sent" -> p.invitesSent++;
            case "nps_response" -> p.npsScore = e.score();
            case "experiment_exposure" -> p.variants.put(e.experiment(), e.variant());
            default -> {
            }
        }
    }

    String segment(Person p, long whaleCents, int contributorShares) {
        if (p.netCents >= whaleCents) {
            return "whale";
        }
        if (p.shares >= contributorShares || p.invitesSent > 0) {
            return "contributor";
        }
        return p.ordersPaid > 0 ? "regular" : "observer";
    }

    static long netWithin(Person p, int horizonDays) {
        return p.moneyByDay.stream().filter(m -> m[0] - p.firstDay < horizonDays).mapToLong(m -> m[1]).sum();
    }

    static int orders(Person p, String step) {
        return p.ordersByStep.getOrDefault(step, Set.of()).size();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
