package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class HubSpotGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namesTheMissingScopesOfA403Body() throws Exception {
        // the shape of HubSpot's 403 MISSING_SCOPES body, hubspot-api.md §5
        String body = "{\"status\":\"error\",\"message\":\"This app hasn't been granted all required scopes to make"
                + " this call.\",\"correlationId\":\"c\",\"errors\":[{\"message\":\"One or more of the following scopes"
                + " are required.\",\"context\":{\"requiredGranularScopes\":[\"crm.objects.companies.write\"]}}],"
                + "\"category\":\"MISSING_SCOPES\"}";

        assertThat(HubSpotGateway.missingScopes(JSON.readTree(body)))
                .isEqualTo(" (missing scopes: crm.objects.companies.write)");
    }

    @Test
    void readsTheOlderRequiredScopesKeyToo() throws Exception {
        String body = "{\"errors\":[{\"context\":{\"requiredScopes\":[\"contacts\",\"tickets\"]}}]}";

        assertThat(HubSpotGateway.missingScopes(JSON.readTree(body))).isEqualTo(" (missing scopes: contacts, tickets)");
    }

    @Test
    void addsNothingForOtherErrors() throws Exception {
        String body = "{\"status\":\"error\",\"message\":\"Property values were not valid\",\"category\":\"VALIDATION_ERROR\"}";

        assertThat(HubSpotGateway.missingScopes(JSON.readTree(body))).isEmpty();
    }
}
