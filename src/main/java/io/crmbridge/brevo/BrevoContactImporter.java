package io.crmbridge.brevo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports contacts into one Brevo list with {@code POST /v3/contacts/import} ({@code jsonBody} of
 * {@code {email, attributes}}, {@code listIds}, {@code updateExistingContacts: true},
 * {@code emptyContactsAttributes: false}, {@code disableNotification: true}) → 202 {@code {"processId"}}
 * (developers.brevo.com/reference/import-contacts). When Brevo refuses an import for its content (400),
 * the batch is split in halves until the refused contact is isolated, so that the others still land.
 */
public class BrevoContactImporter {

    /** Most contacts per import request crm-bridge sends (the same batches as the HubSpot side). */
    public static final int MAX_BATCH = 100;

    private final BrevoGateway gateway;

    public BrevoContactImporter(BrevoGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Imports at most {@value #MAX_BATCH} contacts, emails unique within the call.
     *
     * @param contacts email -> attributes (upper-case names; null values are left out)
     * @throws BrevoCallException for 401/403 (nothing more can be sent) and for 404 (the list does not exist)
     */
    public BrevoImportResult importInto(long listId, Map<String, Map<String, Object>> contacts) {
        if (contacts.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " contacts per import");
        }
        BrevoImportResult result = BrevoImportResult.empty();
        if (contacts.isEmpty()) {
            return result;
        }
        List<Map<String, Object>> jsonBody = new ArrayList<>();
        contacts.forEach((email, attributes) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("email", email);
            Map<String, Object> present = new LinkedHashMap<>();
            attributes.forEach((k, v) -> {
                if (v != null) {
                    present.put(k, v);
                }
            });
            entry.put("attributes", present);
            jsonBody.add(entry);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonBody", jsonBody);
        body.put("listIds", List.of(listId));
        body.put("updateExistingContacts", true);
        body.put("emptyContactsAttributes", false);
        body.put("disableNotification", true);
        try {
            long process = gateway.post("/v3/contacts/import", body).path("processId").asLong();
            contacts.keySet().forEach(email -> result.imported().put(email, process));
        } catch (BrevoCallException e) {
            if (e.isAuthProblem() || e.status() == 404) {
                // 404: the list is gone (deleted in Brevo), not a contact's fault; the caller finds it again
                throw e;
            }
            if (!e.isRecordProblem()) {
                contacts.keySet().forEach(email -> result.unreachable().put(email, e.getMessage()));
            } else if (contacts.size() == 1) {
                result.rejected().put(contacts.keySet().iterator().next(), e.getMessage());
            } else {
                List<String> emails = new ArrayList<>(contacts.keySet());
                int half = emails.size() / 2;
                result.addAll(importInto(listId, subset(contacts, emails.subList(0, half))));
                result.addAll(importInto(listId, subset(contacts, emails.subList(half, emails.size()))));
            }
        }
        return result;
    }

    private static Map<String, Map<String, Object>> subset(Map<String, Map<String, Object>> all, List<String> emails) {
        Map<String, Map<String, Object>> part = new LinkedHashMap<>();
        emails.forEach(e -> part.put(e, all.get(e)));
        return part;
    }
}
