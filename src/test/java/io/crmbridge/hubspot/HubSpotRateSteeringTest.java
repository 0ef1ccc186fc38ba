package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HubSpotRateSteeringTest {

    @Test
    void doesNotPauseWhileTheBudgetIsComfortable() {
        assertThat(HubSpotRateSteering.pauseMs(190L, 19L, 10_000L)).isZero();
        assertThat(HubSpotRateSteering.pauseMs(190L, 150L, 10_000L)).isZero();
    }

    @Test
    void pausesOneSpacingPerRequestBelowTheReserve() {
        // reserve = 19 of 190; 10 remaining = 9 below: 9 x (10,000 / 190) ms
        assertThat(HubSpotRateSteering.pauseMs(190L, 10L, 10_000L)).isEqualTo(9 * 10_000L / 190);
        assertThat(HubSpotRateSteering.pauseMs(100L, 0L, 10_000L)).isEqualTo(1_000L);
    }

    @Test
    void ignoresAnswersWithoutRateLimitHeaders() {
        assertThat(HubSpotRateSteering.pauseMs(null, null, null)).isZero();
        assertThat(HubSpotRateSteering.pauseMs(190L, null, 10_000L)).isZero();
    }
}
