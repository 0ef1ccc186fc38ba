package io.crmbridge.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PropertyValidationRuleTest {

    private static PropertyValidationRule rule(String type, String... arguments) {
        return new PropertyValidationRule(type, List.of(arguments), false);
    }

    @Test
    void numericOnlyRefusesALetterAndJudgesNoWhitespace() {
        PropertyValidationRule zip = rule("ALPHANUMERIC", "NUMERIC_ONLY");

        assertThat(zip.problem("75A01")).contains("has characters other than digits");
        assertThat(zip.problem("75-001")).contains("has characters other than digits");
        assertThat(zip.problem("75001")).isEmpty();
        assertThat(zip.problem("75 001")).as("whitespace has a rule type of its own").isEmpty();
        assertThat(zip.problem("")).as("an empty value clears the property").isEmpty();
        assertThat(zip.describe()).isEqualTo("ALPHANUMERIC [NUMERIC_ONLY]");
    }

    @Test
    void alphaOnlyAndAlphanumericAllowLettersOfAnyScript() {
        assertThat(rule("ALPHANUMERIC", "ALPHA_ONLY").problem("Zoë Ångström")).isEmpty();
        assertThat(rule("ALPHANUMERIC", "ALPHA_ONLY").problem("R2D2")).contains("has characters other than letters");
        assertThat(rule("ALPHANUMERIC", "ALPHANUMERIC").problem("R2D2")).isEmpty();
        assertThat(rule("ALPHANUMERIC", "ALPHANUMERIC").problem("R2-D2"))
                .contains("has characters other than letters and digits");
    }

    @Test
    void lengthsCountCharactersNotBytes() {
        assertThat(rule("MAX_LENGTH", "5").problem("Zoë-5")).isEmpty();
        assertThat(rule("MAX_LENGTH", "5").problem("123456")).contains("is longer than 5 characters");
        assertThat(rule("MIN_LENGTH", "3").problem("ab")).contains("is shorter than 3 characters");
        assertThat(rule("MIN_LENGTH", "3").problem("abc")).isEmpty();
    }

    @Test
    void numberBoundsAndDecimalPlaces() {
        assertThat(rule("MIN_NUMBER", "1").problem("0")).contains("is less than 1");
        assertThat(rule("MIN_NUMBER", "1").problem("1")).isEmpty();
        assertThat(rule("MAX_NUMBER", "99.5").problem("100")).contains("is greater than 99.5");
        assertThat(rule("MAX_NUMBER", "99.5").problem("twelve")).contains("is not a number");
        assertThat(rule("DECIMAL", "2").problem("12.345")).contains("has more than 2 decimal places");
        assertThat(rule("DECIMAL", "2").problem("12.340")).as("trailing zeros are not places").isEmpty();
    }

    @Test
    void aPatternIsFoundInTheValue() {
        PropertyValidationRule anchored = rule("REGEX", "^[A-Z]{3}-\\d{4}$");

        assertThat(anchored.problem("ABC-1234")).isEmpty();
        assertThat(anchored.problem("ABC-12345")).contains("does not match the pattern");
        assertThat(rule("REGEX", "\\d{4}").problem("order 2024, shipped")).isEmpty();
    }

    @Test
    void leavesToHubSpotTheTypesAndArgumentsItCannotJudge() {
        assertThat(rule("EMAIL_BLOCKED_DOMAINS", "gmail.com").checkable()).isFalse();
        assertThat(rule("EMAIL_BLOCKED_DOMAINS", "gmail.com").problem("a@gmail.com")).isEmpty();
        assertThat(rule("ALPHANUMERIC", "HEX_ONLY").checkable()).isFalse();
        assertThat(rule("MAX_LENGTH", "ten").problem("far longer than ten")).isEmpty();
        assertThat(rule("REGEX", "([unclosed").problem("x")).isEmpty();
        assertThat(rule("MIN_LENGTH").checkable()).as("no argument").isFalse();
    }

    @Test
    void normalisationChecksTheValueWithoutSurroundingWhitespace() {
        assertThat(new PropertyValidationRule("MAX_LENGTH", List.of("3"), true).problem(" abc ")).isEmpty();
        assertThat(new PropertyValidationRule("MAX_LENGTH", List.of("3"), false).problem(" abc "))
                .contains("is longer than 3 characters");
    }
}
