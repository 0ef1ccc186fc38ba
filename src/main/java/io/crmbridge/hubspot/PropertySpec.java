package io.crmbridge.hubspot;

import io.crmbridge.model.ObjectType;
import java.util.List;

/**
 * A custom property crm-bridge needs in the portal.
 *
 * @param type           object type it belongs to
 * @param name           internal name, e.g. {@code crm_bridge_key}
 * @param label          label shown in HubSpot
 * @param propertyType   HubSpot {@code type}: string, number, date, enumeration
 * @param fieldType      HubSpot {@code fieldType}: text, number, date, select
 * @param hasUniqueValue true for upsert keys (hubspot-api.md §1.6); cannot be changed once set
 * @param group          the property group it is created in, created too when missing; null for the
 *                       type's default information group ({@code contactinformation} ...)
 * @param options        the option values of an enumeration (label = value), empty otherwise
 */
public record PropertySpec(ObjectType type, String name, String label, String propertyType, String fieldType,
                           boolean hasUniqueValue, Group group, List<String> options) {

    /**
     * A property group (properties-v3.json {@code PropertyGroupCreate}).
     *
     * @param name  internal name, e.g. {@code crm_bridge_rfm}
     * @param label label shown in HubSpot
     */
    public record Group(String name, String label) {
    }

    public PropertySpec {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** A property in the type's default information group, without options. */
    public PropertySpec(ObjectType type, String name, String label, String propertyType, String fieldType,
                        boolean hasUniqueValue) {
        this(type, name, label, propertyType, fieldType, hasUniqueValue, null, List.of());
    }

    /** The group name HubSpot gets: {@link #group()}'s, else the type's default information group. */
    public String groupName() {
        if (group != null) {
            return group.name();
        }
        return type == ObjectType.CONTACTS ? "contactinformation"
                : type == ObjectType.COMPANIES ? "companyinformation" : "ticketinformation";
    }
}
