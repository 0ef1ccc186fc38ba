package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The overwrite policy per column (U3, docs/undo.md): with {@code contacts.city = city : text : if-empty} in the
 * user's mapping, a contact whose city HubSpot holds keeps it, a contact without one gets the file's, and the other
 * columns are written as always. A record that then holds every value the file has is not sent at all.
 */
class OverwritePolicyFlowTest extends ImportFlowTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.mapping.hubspot-properties-file",
                UserMappingFiles.hubspotProperties(work(), "contacts.city = city : text : if-empty").toString());
        return p;
    }

    @Test
    void anIfEmptyColumnFillsOnlyWhatHubSpotHoldsNoValueFor() throws Exception {
        Instant earlier = Instant.parse("2026-01-05T10:00:00Z");
        sandbox().state().insertAt(ObjectType.CONTACTS, Map.of("email", "ada@example.com", "firstname", "Ada",
                "city", "London"), earlier, earlier);
        sandbox().state().insertAt(ObjectType.CONTACTS, Map.of("email", "alan@example.com", "firstname", "Al"),
                earlier, earlier);
        sandbox().state().insertAt(ObjectType.CONTACTS, Map.of("email", "grace@example.com", "firstname", "Grace",
                "lastname", "Hopper", "city", "Arlington"), earlier, earlier);
        drop("people.csv", String.join("\n", "First Name,Last Name,Email,City",
                "Ada,Lovelace,ada@example.com,Paris",
                "Alan,Turing,alan@example.com,Wilmslow",
                "Grace,Hopper,grace@example.com,New York",
                "Edsger,Dijkstra,edsger@example.com,Nuenen", "").getBytes(StandardCharsets.UTF_8));

        JsonNode report = awaitReport("people.csv");

        assertThat(report.path("outcomes").path("updated").asLong()).isEqualTo(2);
        assertThat(report.path("outcomes").path("unchanged").asLong()).isEqualTo(1);
        assertThat(report.path("outcomes").path("created").asLong()).isEqualTo(1);
        Map<String, String> ada = contact("ada@example.com");
        assertThat(ada.get("city")).isEqualTo("London");
        assertThat(ada.get("lastname")).isEqualTo("Lovelace");
        Map<String, String> alan = contact("alan@example.com");
        assertThat(alan.get("city")).isEqualTo("Wilmslow");
        assertThat(alan.get("firstname")).isEqualTo("Alan");
        assertThat(contact("grace@example.com").get("city")).isEqualTo("Arlington");
        assertThat(contact("edsger@example.com").get("city")).isEqualTo("Nuenen");
        // grace already held every value the file has, once her city is left as it is: not sent
        assertThat(sandbox().state().requests().stream().filter(r -> r.path().endsWith("/batch/upsert"))
                .mapToInt(io.crmbridge.sandbox.RecordedRequest::inputCount).sum()).isEqualTo(3);
    }

    private Map<String, String> contact(String email) {
        return sandbox().state().findByProperty(ObjectType.CONTACTS, "email", email).orElseThrow().properties();
    }
}
