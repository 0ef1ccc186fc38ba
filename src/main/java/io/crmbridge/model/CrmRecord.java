package io.crmbridge.model;

import java.util.List;
import java.util.Map;

/**
 * A validated, normalised record ready to upsert into HubSpot.
 *
 * @param type       HubSpot object type
 * @param idProperty the HubSpot property the upsert is keyed on ({@code email} or {@code crm_bridge_key})
 * @param key        the natural key: the value of {@code idProperty} (lower-cased email, normalised
 *                   domain or name for companies, source ticket id)
 * @param properties HubSpot property name -> value, every value a string (hubspot-api.md §0)
 * @param aliases    further natural keys this record can be found by when resolving links
 *                   (companies: {@code name:<normalised name>} and {@code domain:<domain>})
 */
public record CrmRecord(ObjectType type, String idProperty, String key, Map<String, String> properties,
                        List<String> aliases) {
}
