package com.dataeye.bench;

import com.dataeye.simulator.SimulationConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Live mode against the packaged server: the shop's visitors go through the SDK and the public collector API. */
class LiveShopIT {

    @TempDir
    Path tmp;

    @Test
    void sendsTheShopAtTheChosenRateAndTheServerStoresEveryEvent() throws Exception {
        String jar = System.getProperty("dataeye.server.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("the packaged server jar is missing (" + jar + "): run through 'mvnw verify'");
        }
        try (ServerUnderTest server = new ServerUnderTest(Path.of(jar), tmp.resolve("data"), "512m")) {
            LiveShop.Result r = LiveShop.run(server.url(""), server.writeKey(), 100, Duration.ofSeconds(5),
                    SimulationConfig.defaults().withPersons(200).withSeed(7), false);

            // paced by the clock: about rate × seconds, every one acknowledged
            assertThat(r.offered()).isBetween(450L, 520L);
            assertThat(r.metrics().sentEvents()).isEqualTo(r.offered());
            assertThat(r.metrics().failedEvents()).isZero();
            assertThat(storedToday(server, "$pageview")).isPositive();
        }
    }

    private static long storedToday(ServerUnderTest server, String event) throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String body = server.get("/api/v1/projects/demo/events/daily?event=" + event + "&from=" + today.minusDays(1) + "&to=" + today,
                "Bearer " + server.secretKey()).body();
        long n = 0;
        Matcher m = Pattern.compile("\"events\":(\\d+)").matcher(body);
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }
}
