package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.hubspot.DailyUsage;
import io.crmbridge.pipeline.DailyBudgetCheck.Decision;
import io.crmbridge.pipeline.DailyBudgetCheck.Mode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DailyBudgetCheckTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-12-05T05:00:00Z");

    @Test
    void goesOnWhenTheEstimateFitsInWhatIsLeftToTheLastRequest() {
        DailyUsage usage = DailyUsage.known(1_000, 900, MIDNIGHT);
        assertThat(DailyBudgetCheck.decide(usage, 100, Mode.WAIT, false)).isEqualTo(Decision.GO);
    }

    @Test
    void warnsByDefaultWhenTheEstimateIsMoreThanWhatIsLeft() {
        DailyUsage usage = DailyUsage.known(1_000, 901, MIDNIGHT);
        assertThat(DailyBudgetCheck.decide(usage, 100, Mode.WARN, false)).isEqualTo(Decision.WARN);
    }

    @Test
    void waitsInWaitModeUntilTheReset() {
        DailyUsage usage = DailyUsage.known(1_000, 1_200, MIDNIGHT);
        assertThat(usage.remaining()).contains(0L);
        assertThat(DailyBudgetCheck.decide(usage, 1, Mode.WAIT, false)).isEqualTo(Decision.WAIT);
    }

    @Test
    void warnsInsteadOfWaitingForADryRunOrWithoutAResetTime() {
        assertThat(DailyBudgetCheck.decide(DailyUsage.known(10, 10, MIDNIGHT), 5, Mode.WAIT, true))
                .isEqualTo(Decision.WARN);
        assertThat(DailyBudgetCheck.decide(DailyUsage.known(10, 10, null), 5, Mode.WAIT, false))
                .isEqualTo(Decision.WARN);
    }

    @Test
    void anUnknownUsageNeverStopsAFile() {
        DailyUsage unknown = DailyUsage.unknown("403 MISSING_SCOPES: ... (missing scopes: oauth)");
        assertThat(DailyBudgetCheck.decide(unknown, 1_000_000, Mode.WAIT, false)).isEqualTo(Decision.GO);
    }

    @Test
    void theModeIsWarnOrWaitInAnyCase() {
        assertThat(Mode.parse(" Wait ")).isEqualTo(Mode.WAIT);
        assertThat(Mode.parse("warn")).isEqualTo(Mode.WARN);
        assertThatThrownBy(() -> Mode.parse("skip")).hasMessageContaining("a daily budget mode is warn or wait")
                .hasMessageContaining("skip");
    }
}
