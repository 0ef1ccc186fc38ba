package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class HubSpotRateSteeringTest {

    @Test
    void doesNotPauseWhileTheBudgetIsComfortable() {
        assertThat(HubSpotRateSteering.pauseMs(190L, 19L, 10_000L, 0)).isZero();
        assertThat(HubSpotRateSteering.pauseMs(190L, 150L, 10_000L, 0)).isZero();
    }

    @Test
    void pausesOneSpacingPerRequestBelowTheReserveWhenAnotherClientSpentTheBudget() {
        // reserve = 19 of 190; 10 remaining = 9 below: 9 x (10,000 / 190) ms; 180 counted, 100 of them ours
        assertThat(HubSpotRateSteering.pauseMs(190L, 10L, 10_000L, 100)).isEqualTo(9 * 10_000L / 190);
        assertThat(HubSpotRateSteering.pauseMs(100L, 0L, 10_000L, 0)).isEqualTo(1_000L);
    }

    @Test
    void doesNotPauseWhenItsOwnRequestsSpentTheBudget() {
        // the client-side throttle paces these: 185 counted by HubSpot, 185 or 182 answered here
        assertThat(HubSpotRateSteering.pauseMs(190L, 5L, 10_000L, 185)).isZero();
        assertThat(HubSpotRateSteering.pauseMs(190L, 5L, 10_000L, 182)).isZero();
        // three counted beyond ours at a Max of 190 is within the slack; ten is another client
        assertThat(HubSpotRateSteering.pauseMs(190L, 5L, 10_000L, 175)).isPositive();
    }

    @Test
    void countsItsOwnAnswersWithinHubSpotsInterval() {
        AtomicLong now = new AtomicLong(1_000_000);
        HubSpotRateSteering steering = new HubSpotRateSteering(now::get);
        assertThat(steering.answeredWithin(10_000L)).isEqualTo(1);
        now.addAndGet(4_000);
        assertThat(steering.answeredWithin(10_000L)).isEqualTo(2);
        now.addAndGet(6_000);
        // the first answer is now exactly one interval old: outside the window
        assertThat(steering.answeredWithin(10_000L)).isEqualTo(2);
        now.addAndGet(20_000);
        assertThat(steering.answeredWithin(null)).isEqualTo(1);
    }

    @Test
    void neitherPausesOnNorCountsTheAnswerOfARequestHubSpotLeftOutOfItsWindow() throws Exception {
        List<Duration> pauses = new CopyOnWriteArrayList<>();
        HubSpotRateSteering steering = new HubSpotRateSteering(new HubSpotTraffic() {
            @Override
            public void waited(RateWait cause, Duration waited) {
                pauses.add(waited);
            }
        });
        Exchange exempt = new DefaultExchange(new DefaultCamelContext());
        exempt.setProperty(HubSpotGateway.TEN_SECONDLY_EXEMPT_PROPERTY, true);
        // headers that pause a counted answer 9 spacings: another client left 10 of 190
        exempt.getMessage().setHeader("X-HubSpot-RateLimit-Max", "190");
        exempt.getMessage().setHeader("X-HubSpot-RateLimit-Remaining", "10");
        exempt.getMessage().setHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");

        steering.process(exempt);

        assertThat(pauses).isEmpty();
        // the exempt answer was not recorded as one of crm-bridge's requests in HubSpot's window
        assertThat(steering.answeredWithin(10_000L)).isEqualTo(1);
    }

    @Test
    void ignoresAnswersWithoutRateLimitHeaders() {
        assertThat(HubSpotRateSteering.pauseMs(null, null, null, 0)).isZero();
        assertThat(HubSpotRateSteering.pauseMs(190L, null, 10_000L, 0)).isZero();
    }
}
