package io.crmbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.PortalRules;
import io.crmbridge.sandbox.SandboxConfig;
import io.crmbridge.sandbox.SandboxFaults;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

class HubSpotConnectionSandboxConfigTest {

    /** The properties of a Camel context given as name, value, name, value... */
    static PropertiesComponent properties(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(p);
        return camel.getPropertiesComponent();
    }

    @Test
    void defaultsToEveryFlowScopeTheEnterpriseDailyLimitAndNoFaults() {
        SandboxConfig c = HubSpotConnection.sandboxConfig(properties(), "t");
        assertThat(c.scopes()).isEqualTo(SandboxConfig.FLOW_SCOPES);
        assertThat(c.dailyLimit()).isEqualTo(1_000_000L);
        assertThat(c.requestsPerTenSeconds()).isEqualTo(190);
        assertThat(c.faults()).isEqualTo(SandboxFaults.none());
        assertThat(c.portalRules()).isEqualTo(PortalRules.none());
    }

    @Test
    void readsThePortalRules() {
        SandboxConfig c = HubSpotConnection.sandboxConfig(properties(
                "sandbox.portal-rules.required-on-create", "contacts.jobtitle, tickets.subject",
                "sandbox.portal-rules.conditional-required", "contacts.company if lifecyclestage=customer",
                "sandbox.portal-rules.property-validations", "contacts.zip ALPHANUMERIC NUMERIC_ONLY"), "t");
        assertThat(c.portalRules().requiredOnCreate()).containsOnlyKeys(ObjectType.CONTACTS, ObjectType.TICKETS);
        assertThat(c.portalRules().conditionalRequired()).containsExactly(new PortalRules.ConditionalRequirement(
                ObjectType.CONTACTS, "company", "lifecyclestage", "customer"));
        assertThat(c.portalRules().validations().get(ObjectType.CONTACTS).get("zip")).singleElement()
                .satisfies(r -> assertThat(r.describe()).isEqualTo("ALPHANUMERIC [NUMERIC_ONLY]"));
    }

    @Test
    void readsScopesDailyLimitAndEveryFaultProperty() {
        SandboxConfig c = HubSpotConnection.sandboxConfig(properties(
                "sandbox.scopes", "crm.objects.contacts.read, tickets ,",
                "sandbox.daily-limit", "250000",
                "sandbox.requests-per-ten-seconds", "100",
                "sandbox.faults.seed", "99",
                "sandbox.faults.server-error-rate", "0.1",
                "sandbox.faults.locked-rate", "0.02",
                "sandbox.faults.rate-limited-rate", "0.03",
                "sandbox.faults.retry-after-rate", "0.04",
                "sandbox.faults.retry-after-seconds", "3",
                "sandbox.faults.latency-ms", "5-25",
                "sandbox.faults.drop-rate", "0.02"), "t");
        assertThat(c.scopes()).containsExactlyInAnyOrder("crm.objects.contacts.read", "tickets");
        assertThat(c.dailyLimit()).isEqualTo(250_000L);
        assertThat(c.requestsPerTenSeconds()).isEqualTo(100);
        assertThat(c.faults()).isEqualTo(new SandboxFaults(99, 0.1, 0.02, 0.03, 0.04, 3, 5, 25, 0.02));
    }

    @Test
    void rejectsAFaultRateAboveOne() {
        assertThatThrownBy(() -> HubSpotConnection.sandboxConfig(properties("sandbox.faults.drop-rate", "2"), "t"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("sandbox.faults.drop-rate = 2: a number from 0 to 1");
    }

    @Test
    void rejectsFaultRatesThatAddUpToMoreThanOne() {
        assertThatThrownBy(() -> HubSpotConnection.sandboxConfig(properties("sandbox.faults.drop-rate", "0.6",
                "sandbox.faults.locked-rate", "0.6"), "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not sum above 1");
    }
}
