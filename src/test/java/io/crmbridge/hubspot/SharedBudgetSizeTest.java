package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The size of the bucket several instances share (SharedBudgetSize): a rolling window never overflows. */
class SharedBudgetSizeTest {

    @Test
    void hubSpotsTiersGetATenthAsBurstAndTheRestAsRefill() {
        assertThat(SharedBudgetSize.of(190)).isEqualTo(new SharedBudgetSize(19, 166));
        assertThat(SharedBudgetSize.of(100)).isEqualTo(new SharedBudgetSize(10, 87));
        assertThat(SharedBudgetSize.of(250)).isEqualTo(new SharedBudgetSize(25, 219));
        assertThat(SharedBudgetSize.of(20)).isEqualTo(new SharedBudgetSize(2, 17));
    }

    @Test
    void aFullBucketAndItsRefillStayUnderTheBudgetInTenSecondsAndTheNetworksAllowance() {
        for (int max = 3; max <= 5_000; max++) {
            SharedBudgetSize size = SharedBudgetSize.of(max);
            assertThat(size.capacity()).as("capacity for %d", max).isPositive();
            assertThat(size.refillPerTenSeconds()).as("refill for %d", max).isPositive();
            assertThat(size.mostPermitsWithin(10_250)).as("permits in 10.25 s for %d", max).isLessThanOrEqualTo(max);
        }
    }

    @Test
    void theSustainedRateOfATierIsAtLeastEightySixPercentOfIt() {
        for (int max : new int[] {100, 190, 250}) {
            assertThat(SharedBudgetSize.of(max).refillPerTenSeconds()).isGreaterThanOrEqualTo(max * 86 / 100);
        }
    }

    @Test
    void refusesABudgetTooSmallToRefillWithinIt() {
        assertThatThrownBy(() -> SharedBudgetSize.of(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hubspot.requests-per-ten-seconds").hasMessageContaining("was 2");
    }
}
