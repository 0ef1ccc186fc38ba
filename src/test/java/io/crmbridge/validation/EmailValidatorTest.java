package io.crmbridge.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailValidatorTest {

    private final EmailValidator validator = new EmailValidator();

    @Test
    void acceptsAddressTrimmedAndLowerCased() {
        assertThat(validator.check("  URangel@Espinoza-Francis.NET ")).isEqualTo(ValueCheck.ok("urangel@espinoza-francis.net"));
    }

    @Test
    void rejectsAddressWithoutAt() {
        assertThat(validator.check("urangel.espinoza-francis.net").problem()).isEqualTo("missing @");
    }

    @Test
    void rejectsAddressWithoutTopLevelDomain() {
        ValueCheck check = validator.check("someone@localhost");
        assertThat(check.isValid()).isFalse();
        assertThat(check.problem()).startsWith("invalid domain");
    }

    @Test
    void rejectsBlankAsEmpty() {
        assertThat(validator.check("   ").problem()).isEqualTo("empty");
        assertThat(validator.check(null).problem()).isEqualTo("empty");
    }

    @Test
    void acceptsReservedExampleDomainsBecauseTheyAreSyntacticallyValid() {
        assertThat(validator.check("carrollallison@example.com").isValid()).isTrue();
    }
}
