package io.crmbridge.pipeline;

/**
 * One line of mapping/hubspot-properties.properties: a source field and the HubSpot property it
 * fills.
 *
 * @param field    canonical source field ({@code phone})
 * @param property HubSpot property ({@code phone}, {@code crm_bridge_purchase_date})
 * @param kind     how the value is normalised
 * @param codeSet  for {@link Kind#CODE}: the value mapping to apply ({@code status}); else null
 * @param custom   true when crm-bridge creates the property in the portal
 * @param ifEmpty  overwrite policy {@code if-empty}: the value is sent only to records whose property HubSpot holds
 *                 no value for (U3); false is {@code always}, the default
 */
public record FieldMapping(String field, String property, Kind kind, String codeSet, boolean custom,
                           boolean ifEmpty) {

    /** How a value is normalised before it is sent. */
    public enum Kind { TEXT, EMAIL, PHONE, DATE, NUMBER, CODE }
}
