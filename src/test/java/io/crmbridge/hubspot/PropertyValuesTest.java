package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertyValuesTest {

    @Test
    void anEmptyValueIsNoValue() {
        assertThat(PropertyValues.same("city", "", null)).isTrue();
        assertThat(PropertyValues.same("city", null, "")).isTrue();
        assertThat(PropertyValues.same("city", "Paris", null)).isFalse();
        assertThat(PropertyValues.same("city", null, "Paris")).isFalse();
    }

    @Test
    void textComparesExactlyButAnEmailWithoutCase() {
        assertThat(PropertyValues.same("city", "Paris", "Paris")).isTrue();
        assertThat(PropertyValues.same("city", "Paris", "paris")).isFalse();
        assertThat(PropertyValues.same("email", "Ada@Example.com", "ada@example.com")).isTrue();
    }

    @Test
    void numbersCompareByValue() {
        assertThat(PropertyValues.same("amount", "12.50", "12.5")).isTrue();
        assertThat(PropertyValues.same("amount", "-3", "-3.000")).isTrue();
        assertThat(PropertyValues.same("amount", "12.50", "12.51")).isFalse();
        assertThat(PropertyValues.same("zip", "0123", "123")).as("a leading zero makes a code, not a number")
                .isFalse();
        assertThat(PropertyValues.same("amount", "0.50", "0.5")).isTrue();
        assertThat(PropertyValues.same("phone", "+33 1 23", "+33 1 23")).isTrue();
    }

    @Test
    void sameAllNeedsEveryValueHeld() {
        Map<String, String> held = new HashMap<>();
        held.put("firstname", "Ada");
        held.put("city", null);
        assertThat(PropertyValues.sameAll(Map.of("firstname", "Ada", "city", ""), held)).isTrue();
        assertThat(PropertyValues.sameAll(Map.of("firstname", "Ada", "lastname", "Lovelace"), held)).isFalse();
    }
}
