package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortalRuleRefusalTest {

    @Test
    void aMissingRequiredPropertyIsAnAdminRule() {
        assertThat(PortalRuleRefusal.isPortalRule("VALIDATION_ERROR", "Cannot create object with type: CONTACT. "
                + "The following required properties were missing: [jobtitle]")).isTrue();
        assertThat(PortalRuleRefusal.isPortalRule("VALIDATION_ERROR", "Property values were not valid: [{\"isValid\":false,"
                + "\"message\":\"closedate is required\",\"error\":\"MISSING_REQUIRED_PROPERTY\",\"name\":\"closedate\"}]"))
                .isTrue();
    }

    @Test
    void anAssociationPermissionIsAnAdminRule() {
        assertThat(PortalRuleRefusal.isPortalRule("VALIDATION_ERROR",
                "The user does not have permission to associate CONTACT 12 with COMPANY 34")).isTrue();
    }

    @Test
    void aRefusedValueOrAnotherCategoryIsNot() {
        assertThat(PortalRuleRefusal.isPortalRule("VALIDATION_ERROR", "Property values were not valid: [{\"isValid\":false,"
                + "\"message\":\"Enter only numbers\",\"error\":\"INVALID_NUMERIC\",\"name\":\"zip\"}]")).isFalse();
        assertThat(PortalRuleRefusal.isPortalRule("VALIDATION_ERROR",
                "Property values were not valid: one of email, firstname or lastname is required")).isFalse();
        assertThat(PortalRuleRefusal.isPortalRule("CONFLICT", "The following required properties were missing: [x]"))
                .isFalse();
        assertThat(PortalRuleRefusal.isPortalRule(null, null)).isFalse();
    }
}
