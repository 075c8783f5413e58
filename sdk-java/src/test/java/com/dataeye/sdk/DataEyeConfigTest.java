package com.dataeye.sdk;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataEyeConfigTest {

    private static DataEyeConfig.Builder minimal() {
        return DataEyeConfig.builder().endpoint("https://dataeye.example.com").writeKey("wk_abc");
    }

    @Test
    void hasADefaultForEverythingButEndpointAndWriteKey() {
        DataEyeConfig c = minimal().build();

        assertThat(c.maxBatchEvents()).isEqualTo(200);
        assertThat(c.maxBatchBytes()).isEqualTo(512 * 1024);
        assertThat(c.onFull()).isEqualTo(OnFull.BLOCK);
        assertThat(c.gzip()).isTrue();
        assertThat(DataEyeConfig.SETTINGS).filteredOn(Setting::required).extracting(Setting::name)
                .containsExactly("endpoint", "write.key");
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> DataEyeConfig.builder().endpoint("https://dataeye.example.com").build())
                .hasMessageStartingWith("write.key is required: The project's write key");
    }

    @Test
    void refusesASecretKey() {
        assertThatThrownBy(() -> minimal().writeKey("sk_8oGSfuyn"))
                .hasMessageContaining("write.key must be a project's write key (wk_…), not its secret key");
    }

    @Test
    void refusesBatchesLargerThanTheCollectorTakes() {
        assertThatThrownBy(() -> minimal().maxBatchBytes(2 * 1024 * 1024))
                .hasMessage("max.batch.bytes must be between 33792 and 1048576 bytes, got 2097152");
    }

    @Test
    void refusesABackoffCapBelowTheBase() {
        assertThatThrownBy(() -> minimal().retryBackoffMs(5_000).retryBackoffMaxMs(1_000).build())
                .hasMessageContaining("retry.backoff.max.ms (1000) must not be less than retry.backoff.ms (5000)");
    }

    @Test
    void loadsSettingsByNameAndRefusesUnknownNames() {
        DataEyeConfig c = DataEyeConfig.fromProperties(Map.of("endpoint", "http://localhost:8080", "write.key", "wk_abc",
                "on.full", "drop_newest", "linger.ms", "250", "gzip", "false"));

        assertThat(c.onFull()).isEqualTo(OnFull.DROP_NEWEST);
        assertThat(c.lingerMs()).isEqualTo(250);
        assertThat(c.gzip()).isFalse();
        assertThatThrownBy(() -> DataEyeConfig.fromProperties(Map.of("endpoint", "http://x", "write.key", "wk_a", "lingerMs", "5")))
                .hasMessageContaining("unknown setting 'lingerMs'");
        assertThatThrownBy(() -> DataEyeConfig.fromProperties(Map.of("endpoint", "http://x", "write.key", "wk_a", "linger.ms", "soon")))
                .hasMessageContaining("linger.ms must be between 0 and 60000 ms, got 'soon'");
    }

    @Test
    void postsToTheEventsPathOfABaseUrl() {
        assertThat(minimal().build().eventsUri()).isEqualTo(URI.create("https://dataeye.example.com/api/v1/events"));
        assertThat(minimal().endpoint("https://dataeye.example.com/").build().eventsUri())
                .isEqualTo(URI.create("https://dataeye.example.com/api/v1/events"));
        assertThat(minimal().endpoint("https://gw.example.com/dataeye/api/v1/events").build().eventsUri())
                .isEqualTo(URI.create("https://gw.example.com/dataeye/api/v1/events"));
        assertThatThrownBy(() -> minimal().endpoint("dataeye.example.com")).hasMessageContaining("absolute http or https URL");
    }

    @Test
    void readmeListsEverySettingAsDeclared() throws Exception {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(readme).as("sdk-java/README.md must contain DataEyeConfig.referenceTable() verbatim")
                .contains(DataEyeConfig.referenceTable());
    }
}
