package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    @Test
    void drawsLatencyWithinTheConfiguredRange() {
        FaultInjector injector = new FaultInjector(SandboxFaults.none().withLatency("20-80"));
        Set<Long> latencies = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            InjectedFault f = injector.next();
            assertThat(f.kind()).isEqualTo(InjectedFault.Kind.NONE);
            latencies.add(f.latencyMs());
        }
        assertThat(latencies).allMatch(ms -> ms >= 20 && ms <= 80).contains(20L, 80L).hasSizeGreaterThan(50);
    }

    @Test
    void drawsNothingWhenNoFaultIsConfigured() {
        FaultInjector injector = new FaultInjector(SandboxFaults.none());
        assertThat(injector.next()).isSameAs(InjectedFault.NONE);
    }

    @Test
    void readsFixedAndRangeLatencyText() {
        assertThat(SandboxFaults.none().withLatency("50")).extracting(SandboxFaults::latencyMinMs, SandboxFaults::latencyMaxMs)
                .containsExactly(50L, 50L);
        assertThat(SandboxFaults.none().withLatency(" 20 - 80 ")).extracting(SandboxFaults::latencyMinMs,
                SandboxFaults::latencyMaxMs).containsExactly(20L, 80L);
        assertThat(SandboxFaults.none().withLatency("").latencyMaxMs()).isZero();
        assertThatThrownBy(() -> SandboxFaults.none().withLatency("fast")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxFaults.none().withLatency("80-20")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsRatesOutsideZeroToOneOrSummingAboveOne() {
        assertThatThrownBy(() -> SandboxFaults.none().withDropRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxFaults.none().withLockedRate(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxFaults.none().withServerErrorRate(0.6).withDropRate(0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum");
    }
}
