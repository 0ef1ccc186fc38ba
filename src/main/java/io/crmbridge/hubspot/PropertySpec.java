package io.crmbridge.hubspot;

import io.crmbridge.model.ObjectType;

/**
 * A custom property crm-bridge needs in the portal.
 *
 * @param type           object type it belongs to
 * @param name           internal name, e.g. {@code crm_bridge_key}
 * @param label          label shown in HubSpot
 * @param propertyType   HubSpot {@code type}: string, number, date
 * @param fieldType      HubSpot {@code fieldType}: text, number, date
 * @param hasUniqueValue true for upsert keys (hubspot-api.md §1.6); cannot be changed once set
 */
public record PropertySpec(ObjectType type, String name, String label, String propertyType, String fieldType,
                           boolean hasUniqueValue) {
}
