package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.model.ObjectType;
import org.junit.jupiter.api.Test;

class HubSpotPathsTest {

    @Test
    void v3UsesTheV3ObjectAndPropertyPathsAndV4Associations() {
        HubSpotPaths paths = new HubSpotPaths("v3");

        assertThat(paths.objects(ObjectType.CONTACTS)).isEqualTo("/crm/v3/objects/contacts");
        assertThat(paths.properties(ObjectType.TICKETS)).isEqualTo("/crm/v3/properties/tickets");
        assertThat(paths.associations(ObjectType.TICKETS, ObjectType.CONTACTS))
                .isEqualTo("/crm/v4/associations/tickets/contacts");
        assertThat(paths.propertyValidations(ObjectType.CONTACTS)).as("no Property Validations API on v3").isEmpty();
    }

    @Test
    void aDateBasedVersionUsesTheDateBasedPaths() {
        HubSpotPaths paths = new HubSpotPaths("2026-03");

        assertThat(paths.objects(ObjectType.COMPANIES)).isEqualTo("/crm/objects/2026-03/companies");
        assertThat(paths.properties(ObjectType.CONTACTS)).isEqualTo("/crm/properties/2026-03/contacts");
        assertThat(paths.associations(ObjectType.CONTACTS, ObjectType.COMPANIES))
                .isEqualTo("/crm/associations/2026-03/contacts/companies");
        assertThat(paths.propertyValidations(ObjectType.TICKETS)).contains("/crm/property-validations/2026-03/0-5");
    }

    @Test
    void refusesAnUnknownVersion() {
        assertThatThrownBy(() -> new HubSpotPaths("v5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an API version is a date such as 2026-09, or v3");
    }
}
