package com.dataeye.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockSkewTest {

    private static final Instant RECEIVED = Instant.parse("2025-03-08T12:00:05Z");

    @Test
    void movesEventsFromAClientClockTwoHoursFastOntoServerTime() {
        // the phone thinks it is 14:00; the event happened 30 s before the batch was sent
        Instant sentAt = Instant.parse("2025-03-08T14:00:04Z");
        Instant clientTs = sentAt.minusSeconds(30);

        Instant corrected = ClockSkew.correct(clientTs, sentAt, RECEIVED);

        assertThat(corrected).isEqualTo(RECEIVED.minusSeconds(30));
        assertThat(Duration.between(corrected, clientTs)).isEqualTo(Duration.ofHours(2).plusSeconds(-1));
    }

    @Test
    void movesEventsFromAClientClockThatIsSlow() {
        Instant sentAt = Instant.parse("2025-03-08T11:45:00Z");
        Instant clientTs = Instant.parse("2025-03-08T11:44:58.250Z");

        assertThat(ClockSkew.correct(clientTs, sentAt, RECEIVED)).isEqualTo("2025-03-08T12:00:03.250Z");
    }

    @Test
    void keepsAnAccurateClientTimeWhenClientAndServerAgree() {
        Instant clientTs = RECEIVED.minusSeconds(10);

        assertThat(ClockSkew.correct(clientTs, RECEIVED, RECEIVED)).isEqualTo(clientTs);
    }

    @Test
    void trustsTheClientTimestampWhenSentAtIsUnknown() {
        Instant clientTs = Instant.parse("2025-03-08T14:00:00Z");

        assertThat(ClockSkew.correct(clientTs, null, RECEIVED)).isEqualTo(clientTs);
    }

    @Test
    void usesReceiveTimeWhenTheEventHasNoTimestamp() {
        assertThat(ClockSkew.correct(null, Instant.parse("2025-03-08T14:00:00Z"), RECEIVED)).isEqualTo(RECEIVED);
        assertThat(ClockSkew.correct(null, null, RECEIVED)).isEqualTo(RECEIVED);
    }

    @Test
    void neverPlacesAnEventAfterTheServerReceivedIt() {
        Instant sentAt = Instant.parse("2025-03-08T14:00:00Z");
        Instant clientTs = sentAt.plusSeconds(90); // stamped after its own batch left the phone

        assertThat(ClockSkew.correct(clientTs, sentAt, RECEIVED)).isEqualTo(RECEIVED);
    }
}
