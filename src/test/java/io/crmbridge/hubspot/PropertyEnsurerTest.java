package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.pipeline.PropertyMapping;
import io.crmbridge.report.ImportReport;
import io.crmbridge.sandbox.RecordedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PropertyEnsurerTest {

    private SandboxCamel env;

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void createsTheUniqueKeyPropertyOnceAndThenSendsNothing() throws Exception {
        env = new SandboxCamel();
        PropertyEnsurer ensurer = new PropertyEnsurer(env.gateway, PropertyMapping.loadDefault().customProperties());
        ImportReport report = new ImportReport("companies.csv", ObjectType.COMPANIES, "UTF-8", ",", false,
                Instant.now());

        ensurer.ensure(ObjectType.COMPANIES, report);

        List<RecordedRequest> afterFirst = env.sandbox.state().requests();
        assertThat(afterFirst).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/crm/v3/properties/companies");
            assertThat(r.status()).isEqualTo(201);
        });
        assertThat(afterFirst).allSatisfy(r -> assertThat(r.path()).startsWith("/crm/v3/properties/companies"));
        JsonNode key = env.gateway.get("/crm/v3/properties/companies/" + PropertyMapping.KEY_PROPERTY, null).body();
        assertThat(key.path("hasUniqueValue").asBoolean()).isTrue();
        assertThat(report.requests()).isEqualTo(afterFirst.size());

        ensurer.ensure(ObjectType.COMPANIES, report);

        // only the GET just made by this test was added: the second ensure() sent nothing
        assertThat(env.sandbox.state().requests()).hasSize(afterFirst.size() + 1);
    }

    @Test
    void theFirstEnsureAnswersWithTheDefinitionsALaterReadWouldGive() throws Exception {
        env = new SandboxCamel();
        PropertyEnsurer ensurer = new PropertyEnsurer(env.gateway, PropertyMapping.loadDefault().customProperties());

        Optional<List<PortalProperty>> answered = ensurer.ensure(ObjectType.CONTACTS, null);

        // the portal's own properties as read, and crm-bridge's as HubSpot's answers to their creation describe them
        Map<String, PortalProperty> fresh = PortalSchema.read(env.gateway, null).properties(ObjectType.CONTACTS);
        assertThat(answered).hasValueSatisfying(list -> {
            assertThat(list).extracting(PortalProperty::name).contains("email", PropertyMapping.KEY_PROPERTY);
            assertThat(list).containsExactlyInAnyOrderElementsOf(fresh.values());
        });
        assertThat(ensurer.ensure(ObjectType.CONTACTS, null)).as("nothing read the second time").isEmpty();
    }

    @Test
    void aSecondEnsurerFindsThePropertiesInOneReadAndCreatesNothing() throws Exception {
        env = new SandboxCamel();
        List<PropertySpec> specs = PropertyMapping.loadDefault().customProperties();
        // contacts have three custom properties: crm_bridge_key, crm_bridge_source_id, crm_bridge_subscription_date
        assertThat(specs).filteredOn(spec -> spec.type() == ObjectType.CONTACTS).hasSizeGreaterThan(1);
        new PropertyEnsurer(env.gateway, specs).ensure(ObjectType.CONTACTS, null);
        int before = env.sandbox.state().requests().size();

        new PropertyEnsurer(env.gateway, specs).ensure(ObjectType.CONTACTS, null);

        List<RecordedRequest> second = env.sandbox.state().requests().subList(before,
                env.sandbox.state().requests().size());
        assertThat(second).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/crm/v3/properties/contacts");
            assertThat(r.status()).isEqualTo(200);
        });
    }
}
