package com.dataeye.simulator;

import com.dataeye.core.dedup.DedupWindow;
import com.dataeye.core.enrich.ChannelClassifier;
import com.dataeye.core.enrich.DeviceInfo;
import com.dataeye.core.event.Event;
import com.dataeye.core.identity.IdentityResolver;
import com.dataeye.core.ingest.EventOutcome;
import com.dataeye.core.ingest.IngestContext;
import com.dataeye.core.ingest.IngestLimits;
import com.dataeye.core.ingest.IngestPipeline;
import com.dataeye.core.ingest.RawEvent;
import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.project.Project;
import com.dataeye.simulator.behaviour.PersonRun;
import com.dataeye.simulator.behaviour.PersonSimulator;
import com.dataeye.simulator.catalog.Catalog;
import com.dataeye.simulator.output.EventJson;
import com.dataeye.simulator.output.ShopTime;
import com.dataeye.simulator.output.SimulatedEvent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every line the simulator writes is an event the collector takes (docs/api/collector.md). */
class CollectorContractTest {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+08:00");
    private static final Set<String> TYPES = Set.of("track", "identify", "profile_set", "profile_set_once",
            "profile_increment", "profile_unset", "profile_delete", "item_set");
    private static final List<String> TEXT_COLUMNS = List.of("$url", "$title", "$referrer", "utm_source", "utm_medium",
            "utm_campaign", "$element_selector", "$element_content", "share_source", "invite_code", "order_id",
            "product_id", "$lib", "$lib_version", "$os", "$device_type");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    static SimulationConfig config;
    static List<String> lines;
    static List<JsonNode> events;

    @BeforeAll
    static void simulateSmallShop() throws Exception {
        config = SimulationConfig.defaults().withPersons(500).withSeed(7);
        Simulation.runToDirectory(config, dir, false, ProgressListener.NONE);
        lines = Files.readAllLines(dir.resolve("events.ndjson"));
        events = lines.stream().map(JSON::readTree).toList();
    }

    @Test
    void everyLineIsOneEventObjectOfAtMost32KiB() {
        assertThat(lines).hasSizeGreaterThan(5_000);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(32 * 1024);
            assertThat(events.get(i).isObject()).as(lines.get(i)).isTrue();
        }
    }

    @Test
    void everyEventHasAKnownTypeAValidNameAUniqueIdAndSomeoneItIsAbout() {
        Set<String> ids = new HashSet<>();
        for (JsonNode e : events) {
            String type = e.path("type").asString();
            assertThat(TYPES).as("%s", e).contains(type);
            if (type.equals("track")) {
                String name = e.path("event").asString();
                assertThat(name).as("%s", e).hasSizeBetween(1, 100).doesNotContainPattern("\\p{Cntrl}");
            }
            assertThat(ids.add(e.path("event_id").asString(""))).as("unique event_id: %s", e).isTrue();
            assertThat(e.path("event_id").asString("")).isNotEmpty();
            assertThat(nonEmpty(e, "anonymous_id") || nonEmpty(e, "login_id") || nonEmpty(e, "distinct_id")).as("%s", e).isTrue();
            if (type.equals("identify")) {
                assertThat(nonEmpty(e, "anonymous_id") && nonEmpty(e, "login_id")).as("%s", e).isTrue();
            }
            if (type.equals("item_set")) {
                assertThat(nonEmpty(e, "item_id")).as("%s", e).isTrue();
            }
        }
    }

    @Test
    void timestampsCarryTheShopOffsetAndFallInsideTheRun() {
        Instant start = config.startDate().atStartOfDay().toInstant(ShopTime.OFFSET);
        Instant end = start.plus(Duration.ofDays(config.days()));
        for (JsonNode e : events) {
            String timestamp = e.path("timestamp").asString();
            assertThat(timestamp).as("%s", e).matches(TIMESTAMP);
            assertThat(OffsetDateTime.parse(timestamp).toInstant()).isBetween(start, end);
        }
    }

    @Test
    void propertiesHaveTheTypesTheirColumnsNeed() {
        for (JsonNode e : events) {
            JsonNode props = e.path("properties");
            assertThat(props.isObject()).as("%s", e).isTrue();
            assertThat(props.size()).isLessThanOrEqualTo(256);
            for (String name : props.propertyNames()) {
                assertThat(name).hasSizeBetween(1, 100).doesNotContainPattern("\\p{Cntrl}");
            }
            for (String column : TEXT_COLUMNS) {
                assertThat(!props.has(column) || props.get(column).isString()).as("%s in %s", column, e).isTrue();
            }
            assertThat(!props.has("amount") || props.get("amount").isNumber()).as("%s", e).isTrue();
            assertThat(props.path("$lib").isString() && props.path("$lib_version").isString()).as("%s", e).isTrue();
        }
    }

    @Test
    void eachEventKindCarriesItsOwnProperties() {
        for (JsonNode e : events) {
            JsonNode p = e.path("properties");
            switch (e.path("event").asString("")) {
                case "$pageview" -> assertThat(p.path("$url").isString() && p.path("$title").isString()).as("%s", e).isTrue();
                case "$WebClick" -> assertThat(p.path("$element_selector").isString() && p.path("$element_content").isString())
                        .as("%s", e).isTrue();
                case "$WebStay" -> assertThat(p.path("$event_duration").asDouble()).as("%s", e).isPositive();
                case "order_paid", "order_refunded", "checkout_start", "payment_confirm_view" ->
                        assertThat(p.has("order_id") && p.has("product_id") && p.path("amount").isNumber()).as("%s", e).isTrue();
                case "payment_method_selected" -> assertThat(p.path("payment_method").isString()).as("%s", e).isTrue();
                case "nps_response" -> assertThat(p.path("score").isInt() && p.path("score").asInt() >= 0
                        && p.path("score").asInt() <= 10).as("%s", e).isTrue();
                case "experiment_exposure" -> assertThat(p.path("experiment").isString() && p.path("variant").isString())
                        .as("%s", e).isTrue();
                case "invite_sent", "invite_accepted" -> assertThat(p.path("invite_code").isString()).as("%s", e).isTrue();
                case "share" -> assertThat(p.path("product_id").isString()).as("%s", e).isTrue();
                default -> {
                }
            }
        }
    }

    @Test
    void theCollectorAcceptsEveryEvent() {
        List<EventOutcome> outcomes = ingest(lines).outcomes();
        assertThat(outcomes).hasSize(lines.size()).allSatisfy(o -> assertThat(o).isInstanceOf(EventOutcome.Accepted.class));
    }

    @Test
    void theCollectorPutsEveryPersonIntoTheChannelTheSimulatorPlanted() {
        PersonSimulator simulator = new PersonSimulator(config, Catalog.generate(config.seed(), config.days()));
        EventJson json = new EventJson();
        List<String> landings = new ArrayList<>();
        List<String> planted = new ArrayList<>();
        for (int i = 0; i < config.persons(); i++) {
            PersonRun run = simulator.simulate(i);
            SimulatedEvent landing = run.events().stream().filter(e -> "$pageview".equals(e.event())).findFirst().orElseThrow();
            StringWriter text = new StringWriter();
            try (JsonGenerator generator = JSON.createGenerator(text)) {
                json.write(generator, landing);
            }
            landings.add(text.toString());
            planted.add(run.person().channel().wireName());
        }
        List<Event> stored = ingest(landings).batch().events();
        for (int i = 0; i < planted.size(); i++) {
            assertThat(stored.get(i).acquisition().channel()).as(landings.get(i)).isEqualTo(planted.get(i));
        }
    }

    private static IngestPipeline.Prepared ingest(List<String> events) {
        IngestPipeline pipeline = new IngestPipeline(IngestLimits.DEFAULTS,
                ua -> new DeviceInfo("iOS", "17", "Mobile Safari", "17", "mobile"), new ChannelClassifier(),
                new IdentityResolver(), new DedupWindow(Duration.ofDays(7)));
        Project shop = new Project("demo", "Demo shop", Project.DEFAULT_ZONE, PiiMode.MASK, new byte[32]);
        Instant receivedAt = config.endDate().plusDays(1).atStartOfDay().toInstant(ShopTime.OFFSET);
        List<RawEvent> raws = new ArrayList<>();
        for (String line : events) {
            byte[] body = line.getBytes(StandardCharsets.UTF_8);
            raws.add(new RawEvent(raws.size(), JSON.readValue(line, Map.class), body, 0, body.length, false));
        }
        return pipeline.prepare(raws, new IngestContext(shop, receivedAt, null, "203.0.113.9", null));
    }

    private static boolean nonEmpty(JsonNode e, String field) {
        return e.path(field).isString() && !e.path(field).asString().isEmpty();
    }
}
