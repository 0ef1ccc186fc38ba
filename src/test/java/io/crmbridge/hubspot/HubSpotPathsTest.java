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
        assertThat(paths.recordAssociations(ObjectType.CONTACTS, "512", ObjectType.COMPANIES))
                .isEqualTo("/crm/v4/objects/contacts/512/associations/companies");
        assertThat(paths.pipelines(ObjectType.TICKETS)).isEqualTo("/crm/v3/pipelines/tickets");
    }

    @Test
    void aDateBasedVersionUsesTheDateBasedPaths() {
        HubSpotPaths paths = new HubSpotPaths("2026-03");

        assertThat(paths.objects(ObjectType.COMPANIES)).isEqualTo("/crm/objects/2026-03/companies");
        assertThat(paths.properties(ObjectType.CONTACTS)).isEqualTo("/crm/properties/2026-03/contacts");
        assertThat(paths.associations(ObjectType.CONTACTS, ObjectType.COMPANIES))
                .isEqualTo("/crm/associations/2026-03/contacts/companies");
        assertThat(paths.recordAssociations(ObjectType.TICKETS, "9", ObjectType.CONTACTS))
                .isEqualTo("/crm/objects/2026-03/tickets/9/associations/contacts");
        assertThat(paths.pipelines(ObjectType.TICKETS)).isEqualTo("/crm/pipelines/2026-03/tickets");
    }

    @Test
    void refusesAnUnknownVersion() {
        assertThatThrownBy(() -> new HubSpotPaths("v5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hubspot.api-version");
    }
}
