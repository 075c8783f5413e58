package com.dataeye.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAnonymizerTest {

    @Test
    void zeroesTheLastOctetOfIpv4() {
        assertThat(IpAnonymizer.truncate("203.0.113.77")).isEqualTo("203.0.113.0");
        assertThat(IpAnonymizer.truncate("  116.25.140.201 ")).isEqualTo("116.25.140.0");
        assertThat(IpAnonymizer.truncate("10.0.0.0")).isEqualTo("10.0.0.0");
    }

    @Test
    void truncatesIpv6ToSlash48() {
        assertThat(IpAnonymizer.truncate("2001:db8:85a3:8d3:1319:8a2e:370:7348")).isEqualTo("2001:db8:85a3::");
        assertThat(IpAnonymizer.truncate("240e:3b7:3276:a1c0:6d1c:8f2e:1b0a:9c33")).isEqualTo("240e:3b7:3276::");
    }

    @ParameterizedTest
    @CsvSource({
            "2001:0DB8:0000:0042:0000:8A2E:0370:7334, 2001:db8::",
            "2409:8a1e:6f00:1c20::1,                  2409:8a1e:6f00::",
            "2001:db8::,                              2001:db8::",
            "::1,                                     ::",
            "fe80::1ff:fe23:4567:890a%eth0,           fe80::",
            "[2001:db8:1:2::3],                       2001:db8:1::",
            "1:0:2::,                                 1:0:2::",
            "0:0:1:2:3:4:5:6,                         0:0:1::"})
    void writesTruncatedIpv6InCompressedForm(String ip, String expected) {
        assertThat(IpAnonymizer.truncate(ip)).isEqualTo(expected);
    }

    @Test
    void treatsIpv4MappedIpv6AsIpv4() {
        assertThat(IpAnonymizer.truncate("::ffff:203.0.113.77")).isEqualTo("203.0.113.0");
        assertThat(IpAnonymizer.truncate("::FFFF:cb00:714d")).isEqualTo("203.0.113.0");
        assertThat(IpAnonymizer.truncate("0:0:0:0:0:ffff:116.25.140.201")).isEqualTo("116.25.140.0");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ", "localhost", "example.com", "unknown", "203.0.113", "203.0.113.77.1", "256.1.1.1",
            "203.0.113.-1", "203.000.113.7", "1.2.3.4:8080", "２０３.0.113.77",
            "2001:db8::1::2", "2001:db8:0:0:0:0:0:0:1", "12345::", "2001:db8:::1", ":1::", "1:2:3:4:5:6:7:",
            "1::2:3:4:5:6:7:8", "::ffff:1.2.3", "::ffff:1.2.3.4.5", "2001:db8::g", "::１"})
    void rejectsAnythingThatIsNotAnIpLiteral(String garbage) {
        assertThat(IpAnonymizer.truncate(garbage)).isNull();
    }

    @Test
    void neverResolvesHostNames() {
        // a name that a resolver would answer for; the anonymizer must not even try
        assertThat(IpAnonymizer.truncate("dns.google")).isNull();
    }
}
