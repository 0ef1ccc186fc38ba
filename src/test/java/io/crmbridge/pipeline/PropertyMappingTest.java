package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.hubspot.PropertySpec;
import io.crmbridge.model.ObjectType;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertyMappingTest {

    private final PropertyMapping bundled = PropertyMapping.loadDefault();

    @Test
    void bundledFileMapsEveryObjectType() {
        assertThat(bundled.fields(ObjectType.CONTACTS)).extracting(FieldMapping::field)
                .contains("email", "firstname", "phone", "subscription_date");
        assertThat(bundled.fields(ObjectType.COMPANIES)).extracting(FieldMapping::field).contains("name", "website");
        assertThat(bundled.fields(ObjectType.TICKETS)).extracting(FieldMapping::field).contains("subject", "status");
    }

    @Test
    void bundledFileParsesKindsAndCodeSets() {
        FieldMapping status = field(ObjectType.TICKETS, "status");
        assertThat(status.property()).isEqualTo("hs_pipeline_stage");
        assertThat(status.kind()).isEqualTo(FieldMapping.Kind.CODE);
        assertThat(status.codeSet()).isEqualTo("status");
        assertThat(field(ObjectType.CONTACTS, "phone").kind()).isEqualTo(FieldMapping.Kind.PHONE);
        assertThat(field(ObjectType.COMPANIES, "numberofemployees").kind()).isEqualTo(FieldMapping.Kind.NUMBER);
        assertThat(field(ObjectType.CONTACTS, "email").custom()).isFalse();
        assertThat(field(ObjectType.TICKETS, "product").custom()).isTrue();
    }

    @Test
    void aLineMayEndWithItsOverwritePolicy() throws Exception {
        PropertyMapping m = PropertyMapping.parse(new StringReader(String.join("\n",
                "contacts.city = city : text : if-empty",
                "contacts.country = country : text : always",
                "companies.industry = crm_bridge_industry : text : custom : if-empty",
                "tickets.subject = subject : text")));
        assertThat(m.ifEmptyProperties(ObjectType.CONTACTS)).containsExactly("city");
        assertThat(m.ifEmptyProperties(ObjectType.COMPANIES)).containsExactly("crm_bridge_industry");
        assertThat(m.fields(ObjectType.COMPANIES).get(0).custom()).isTrue();
        assertThat(m.ifEmptyProperties(ObjectType.TICKETS)).isEmpty();
        assertThat(bundled.ifEmptyProperties(ObjectType.CONTACTS)).as("always is the default").isEmpty();
        assertThatThrownBy(() -> PropertyMapping.parse(new StringReader("contacts.city = city : text : sometimes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad property mapping line: contacts.city (unknown flag 'sometimes': custom, always or"
                        + " if-empty)");
    }

    @Test
    void aUserLineReplacesTheBundledLineOfItsFieldAndKeepsTheOthers() throws Exception {
        PropertyMapping user = PropertyMapping.parse(new StringReader(
                "contacts.jobtitle = job_function : text\ncontacts.fax = fax : text\n"));

        PropertyMapping merged = bundled.overriddenBy(user);

        assertThat(merged.fields(ObjectType.CONTACTS)).filteredOn(f -> f.field().equals("jobtitle"))
                .singleElement().extracting(FieldMapping::property).isEqualTo("job_function");
        assertThat(merged.fields(ObjectType.CONTACTS)).extracting(FieldMapping::field).contains("fax", "email", "phone");
        assertThat(merged.fields(ObjectType.CONTACTS)).hasSize(bundled.fields(ObjectType.CONTACTS).size() + 1);
        assertThat(merged.fields(ObjectType.TICKETS)).isEqualTo(bundled.fields(ObjectType.TICKETS));
        assertThat(bundled.fields(ObjectType.CONTACTS)).filteredOn(f -> f.field().equals("jobtitle"))
                .singleElement().extracting(FieldMapping::property).as("the bundled mapping is unchanged")
                .isEqualTo("jobtitle");
    }

    private FieldMapping field(ObjectType type, String name) {
        return bundled.fields(type).stream().filter(f -> f.field().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyTypeGetsTheUniqueKeyProperty() {
        List<PropertySpec> specs = bundled.customProperties();

        for (ObjectType type : ObjectType.values()) {
            assertThat(specs).filteredOn(s -> s.type() == type && s.name().equals(PropertyMapping.KEY_PROPERTY))
                    .singleElement()
                    .satisfies(s -> {
                        assertThat(s.hasUniqueValue()).isTrue();
                        assertThat(s.propertyType()).isEqualTo("string");
                    });
        }
    }

    @Test
    void purchaseDateIsACustomDateProperty() {
        PropertySpec purchase = bundled.customProperties().stream()
                .filter(s -> s.name().equals("crm_bridge_purchase_date")).findFirst().orElseThrow();

        assertThat(purchase.type()).isEqualTo(ObjectType.TICKETS);
        assertThat(purchase.propertyType()).isEqualTo("date");
        assertThat(purchase.fieldType()).isEqualTo("date");
        assertThat(purchase.hasUniqueValue()).isFalse();
        assertThat(purchase.label()).isEqualTo("Purchase date");
    }

    @Test
    void onlyCustomMappingsBecomeCustomProperties() {
        assertThat(bundled.customProperties()).extracting(PropertySpec::name)
                .doesNotContain("email", "phone", "hs_pipeline_stage")
                .contains("crm_bridge_industry", "crm_bridge_source_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "contacts.nickname = nickname",
        "widgets.nickname = nickname : text",
        "nickname = nickname : text",
        "contacts.nickname = nickname : colour"
    })
    void malformedLineIsRefusedNamingItsKey(String line) {
        String key = line.substring(0, line.indexOf(' '));

        assertThatThrownBy(() -> PropertyMapping.parse(new StringReader("contacts.email = email : email\n" + line)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key);
    }
}
