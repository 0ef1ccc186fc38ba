package io.crmbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenCheckTest {

    private static final String TOKEN = "s3cret-token";

    @Test
    void letsTheConfiguredTokenThroughWhateverTheSchemeCase() {
        BearerTokenCheck check = new BearerTokenCheck(TOKEN);
        assertThatCode(() -> check.check("Bearer " + TOKEN)).doesNotThrowAnyException();
        assertThatCode(() -> check.check("bearer " + TOKEN)).doesNotThrowAnyException();
    }

    @Test
    void refusesAMissingWrongPrefixedOrOtherSchemeTokenWith401WithoutNamingIt() {
        BearerTokenCheck check = new BearerTokenCheck(TOKEN);
        for (String header : new String[] {null, "", "Bearer", "Bearer ", "Bearer s3cret", "Bearer " + TOKEN + "!",
                "Basic " + TOKEN, TOKEN}) {
            assertThatThrownBy(() -> check.check(header)).as(String.valueOf(header))
                    .isInstanceOfSatisfying(ApiRefusal.class, r -> {
                        assertThat(r.status()).isEqualTo(401);
                        assertThat(r.getMessage()).doesNotContain(TOKEN);
                    });
        }
    }

    @Test
    void refusesEveryRequestWhenNoTokenIsConfigured() {
        for (String configured : new String[] {null, "", "   "}) {
            BearerTokenCheck check = new BearerTokenCheck(configured);
            assertThatThrownBy(() -> check.check("Bearer ")).isInstanceOf(ApiRefusal.class);
            assertThatThrownBy(() -> check.check("Bearer " + configured)).isInstanceOf(ApiRefusal.class)
                    .hasMessageContaining("no API token is configured");
        }
    }
}
