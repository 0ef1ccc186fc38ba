package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.RecordedRequest;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code hubspot.api-version=2026-03}: the whole flow speaks HubSpot's date-based paths (issue #3 item 6). */
class DateBasedApiTest extends ImportFlowTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("hubspot.api-version", "2026-03");
        return p;
    }

    @Test
    void importsAndLinksThroughTheDateBasedPathsOnly() throws Exception {
        drop(Path.of("data", "companies.csv"), "companies.csv");
        awaitReport("companies.csv");
        drop(Path.of("data", "contacts.csv"), "contacts.csv");

        JsonNode contacts = awaitReport("contacts.csv");

        assertThat(contacts.path("outcomes").path("created").asLong()).isEqualTo(55);
        assertThat(contacts.path("associations").path("created").asLong()).isPositive();
        assertThat(sandbox().state().associationCount(ObjectType.CONTACTS, ObjectType.COMPANIES))
                .isEqualTo(contacts.path("associations").path("created").asInt());
        assertThat(sandbox().state().requests()).extracting(RecordedRequest::path)
                .isNotEmpty()
                .allSatisfy(path -> assertThat(path).matches(
                        "/crm/(objects|properties|associations)/2026-03/.*|/account-info/2026-03/api-usage/daily/private-apps"))
                .anySatisfy(path -> assertThat(path).startsWith("/crm/associations/2026-03/contacts/companies"));
    }
}
