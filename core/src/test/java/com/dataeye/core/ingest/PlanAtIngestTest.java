package com.dataeye.core.ingest;

import com.dataeye.core.autocapture.AutocaptureRules;
import com.dataeye.core.dedup.DedupWindow;
import com.dataeye.core.enrich.ChannelClassifier;
import com.dataeye.core.enrich.DeviceInfo;
import com.dataeye.core.identity.IdentityResolver;
import com.dataeye.core.plan.CompiledPlan;
import com.dataeye.core.plan.EventSpec;
import com.dataeye.core.plan.PlanStatus;
import com.dataeye.core.plan.PropertySpec;
import com.dataeye.core.plan.PropertyType;
import com.dataeye.core.plan.TrackingPlan;
import com.dataeye.core.plan.UnknownPolicy;
import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.project.Project;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracking plan applied by the pipeline: what is quarantined, with which reason, and what is flagged. */
class PlanAtIngestTest {

    private final Project shop = new Project("shop", "Shop", Project.DEFAULT_ZONE, PiiMode.MASK, new byte[32]);

    private IngestPipeline.Prepared ingest(UnknownPolicy unknown, Map<String, Object> event) {
        TrackingPlan plan = new TrackingPlan(unknown, unknown, List.of(EventSpec.of("order_paid", PlanStatus.LIVE,
                List.of(PropertySpec.of("amount", PropertyType.NUMBER, true), PropertySpec.of("order_id", PropertyType.STRING, false)))));
        CompiledPlan compiled = new CompiledPlan(plan, AutocaptureRules.KEEP_ALL);
        IngestPipeline pipeline = new IngestPipeline(IngestLimits.DEFAULTS, ua -> DeviceInfo.UNKNOWN, new ChannelClassifier(),
                new IdentityResolver(), new DedupWindow(Duration.ofDays(7)), id -> compiled);
        byte[] text = event.toString().getBytes(StandardCharsets.UTF_8);
        return pipeline.prepare(List.of(new RawEvent(0, event, text, 0, text.length, false)),
                new IngestContext(shop, Instant.now(), null, null, null));
    }

    private static Map<String, Object> track(String name, Map<String, Object> props) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", name);
        e.put("anonymous_id", "a1");
        e.put("properties", new HashMap<>(props));
        return e;
    }

    @Test
    void quarantinesATypeViolationWithFieldExpectedAndGot() {
        var p = ingest(UnknownPolicy.ACCEPT, track("order_paid", Map.of("amount", "39.9")));
        assertThat(p.batch().events()).isEmpty();
        var q = p.batch().quarantined().get(0);
        assertThat(q.code()).isEqualTo("plan_type_mismatch");
        assertThat(q.field()).isEqualTo("properties.amount");
        assertThat(q.message()).isEqualTo("properties.amount: expected number, got string \"39.9\"");
    }

    @Test
    void quarantinesUnknownEventsUnderTheQuarantinePolicy() {
        var p = ingest(UnknownPolicy.QUARANTINE, track("coupon_used", Map.of()));
        assertThat(p.batch().quarantined()).extracting(q -> q.code()).containsExactly("unplanned_event");
    }

    @Test
    void flagsUnknownEventsAndPropertiesButStoresThem() {
        var p = ingest(UnknownPolicy.FLAG, track("order_paid", Map.of("amount", 9, "coupon", "NEW10")));
        assertThat(p.batch().events().get(0).properties()).containsEntry("$unplanned_properties", List.of("coupon"));
        var q = ingest(UnknownPolicy.FLAG, track("coupon_used", Map.of()));
        assertThat(q.batch().events().get(0).properties()).containsEntry("$unplanned_event", true);
    }

    @Test
    void acceptsUnknownsSilentlyUnderTheAcceptPolicy() {
        var p = ingest(UnknownPolicy.ACCEPT, track("coupon_used", Map.of("coupon", "NEW10")));
        assertThat(p.batch().events().get(0).properties()).containsOnlyKeys("coupon");
    }
}
