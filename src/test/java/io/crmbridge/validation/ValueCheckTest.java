package io.crmbridge.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueCheckTest {

    @Test
    void refusesBothValueAndProblem() {
        assertThatThrownBy(() -> new ValueCheck("a", "b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNeitherValueNorProblem() {
        assertThatThrownBy(() -> new ValueCheck(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void okIsValidAndInvalidIsNot() {
        assertThat(ValueCheck.ok("x").isValid()).isTrue();
        assertThat(ValueCheck.invalid("why").isValid()).isFalse();
    }
}
