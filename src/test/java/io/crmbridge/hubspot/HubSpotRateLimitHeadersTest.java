package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotRateLimitHeadersTest {

    @Test
    void readsTheWindowAndTheDayInAnyCase() {
        HubSpotRateLimitHeaders h = HubSpotRateLimitHeaders.of(Map.of(
                "x-hubspot-ratelimit-max", "190", "X-HubSpot-RateLimit-Remaining", " 187 ",
                "X-HUBSPOT-RATELIMIT-INTERVAL-MILLISECONDS", "10000", "X-HubSpot-RateLimit-Daily", "625000",
                "X-HubSpot-RateLimit-Daily-Remaining", List.of("624001", "624000"),
                "X-HubSpot-RateLimit-Secondly", "19", "Content-Type", "application/json"));

        assertThat(h).isEqualTo(new HubSpotRateLimitHeaders(190L, 187L, 10_000L, 625_000L, 624_000L));
        assertThat(h.hasWindow()).isTrue();
        assertThat(h.hasDaily()).isTrue();
    }

    @Test
    void anAnswerWithoutTheHeadersOrWithGarbageInThemTellsNothing() {
        assertThat(HubSpotRateLimitHeaders.of(null).isEmpty()).isTrue();
        assertThat(HubSpotRateLimitHeaders.of(Map.of("X-HubSpot-Correlation-Id", "abc")).isEmpty()).isTrue();
        HubSpotRateLimitHeaders search = HubSpotRateLimitHeaders.of(Map.of(
                "X-HubSpot-RateLimit-Daily", "250000", "X-HubSpot-RateLimit-Daily-Remaining", "12",
                "X-HubSpot-RateLimit-Max", "lots"));
        assertThat(search.hasWindow()).isFalse();
        assertThat(search.hasDaily()).isTrue();
    }
}
