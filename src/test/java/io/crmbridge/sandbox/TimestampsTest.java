package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void formatsMillisecondsAndZuluLikeHubSpot() {
        assertThat(Timestamps.format(Instant.parse("2022-02-17T19:22:45.581Z"))).isEqualTo("2022-02-17T19:22:45.581Z");
        assertThat(Timestamps.format(Instant.parse("2022-02-17T19:22:45Z"))).isEqualTo("2022-02-17T19:22:45.000Z");
        assertThat(Timestamps.format(Instant.parse("0999-01-02T03:04:05.006Z"))).isEqualTo("0999-01-02T03:04:05.006Z");
        assertThat(Timestamps.format(Instant.parse("2024-02-29T23:59:59.999999Z"))).isEqualTo("2024-02-29T23:59:59.999Z");
    }

    @Test
    void writesWhatThePatternFormatterWritesForAnyInstantFromYear1To9999() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_800L),
                    random.nextInt(1_000_000_000));
            assertThat(Timestamps.format(t)).as("%s", t).isEqualTo(PATTERN.format(t));
        }
    }

    @Test
    void leavesYearsBeyondFourDigitsToThePatternFormatter() {
        Instant far = Instant.parse("+12000-01-01T00:00:00Z");
        assertThat(Timestamps.format(far)).isEqualTo(PATTERN.format(far));
    }
}
