package io.crmbridge.brevo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Brevo did with the contacts of one import, by email.
 *
 * @param imported    email -> id of the import process that took it
 * @param rejected    email -> Brevo's reason, for contacts Brevo refused (isolated by splitting the import)
 * @param unreachable email -> reason, for contacts that could not be delivered after redelivery
 */
public record BrevoImportResult(Map<String, Long> imported, Map<String, String> rejected,
                                Map<String, String> unreachable) {

    public static BrevoImportResult empty() {
        return new BrevoImportResult(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    void addAll(BrevoImportResult other) {
        imported.putAll(other.imported);
        rejected.putAll(other.rejected);
        unreachable.putAll(other.unreachable);
    }
}
