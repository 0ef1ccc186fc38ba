package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubSpotRequestKindTest {

    @ParameterizedTest
    @CsvSource({
            "POST, https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert, batch_write",
            "POST, /crm/objects/2026-03/tickets/batch/create, batch_write",
            "POST, /crm/v3/objects/contacts/batch/read?archived=false, batch_read",
            "POST, http://127.0.0.1:4711/crm/v3/objects/contacts/search, search",
            "GET, /crm/v3/objects/contacts?limit=100&after=33452, read",
            "GET, /crm/v3/objects/contacts/12345, read",
            "GET, /crm/v3/properties/contacts, properties",
            "POST, /crm/properties/2026-03/companies, properties",
            "POST, /crm/v4/associations/tickets/contacts/batch/create, associations",
            "POST, /crm/v3/lists/records/memberships/batch/read, lists",
            "GET, /account-info/v3/details, other",
            "DELETE, /crm/v3/objects/contacts/12345, other"})
    void labelsARequestByWhatItDoesNeverByItsIdsOrQuery(String method, String uri, String kind) {
        assertThat(HubSpotRequestKind.of(method, uri)).isEqualTo(kind);
    }
}
