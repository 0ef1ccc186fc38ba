package io.crmbridge.sandbox.brevo;

import java.util.Map;
import java.util.Set;

/**
 * A contact of the sandbox's Brevo account.
 *
 * @param id         Brevo's contact id
 * @param email      lower-cased email, the contact's identifier
 * @param attributes attribute name (upper case) to value, only attributes the account defines
 * @param listIds    ids of the lists it belongs to
 */
public record BrevoContact(long id, String email, Map<String, Object> attributes, Set<Long> listIds) {

    public BrevoContact {
        attributes = Map.copyOf(attributes);
        listIds = Set.copyOf(listIds);
    }
}
