package io.crmbridge.hubspot;

import java.util.List;

/**
 * One property definition of the portal, as {@code GET {prefix}/properties/{type}} lists it
 * (properties-v3.json {@code Property}): only what the preflight needs.
 *
 * @param name      internal name ({@code hs_pipeline_stage})
 * @param type      {@code string}, {@code number}, {@code date}, {@code datetime}, {@code enumeration} or {@code bool}
 * @param fieldType how HubSpot shows it ({@code select}, {@code checkbox}, {@code text} ...)
 * @param options   the internal values an enumeration allows, in display order (hidden ones
 *                  included: hiding an option only hides it from forms); empty for other types
 */
public record PortalProperty(String name, String type, String fieldType, List<String> options) {

    public PortalProperty {
        options = List.copyOf(options);
    }

    /** True for enumeration properties, whose values must be one of {@link #options()} (hubspot-api.md §6). */
    public boolean isEnumeration() {
        return "enumeration".equals(type);
    }

    /**
     * Whether HubSpot would accept {@code value} for this property: any value for non-enumerations;
     * for an enumeration an option value (internal value, not label: hubspot-api.md §6), or for a
     * multi-checkbox ({@code fieldType checkbox}) {@code ;}-separated option values. An empty value
     * clears the property and is always allowed.
     */
    public boolean allows(String value) {
        if (!isEnumeration() || value == null || value.isEmpty()) {
            return true;
        }
        String[] parts = "checkbox".equals(fieldType) ? value.split(";") : new String[] {value};
        for (String part : parts) {
            if (!part.isEmpty() && !options.contains(part)) {
                return false;
            }
        }
        return true;
    }
}
