package io.crmbridge.sync;

import java.util.List;

/**
 * One page of stored contacts and how many match in all ({@link ContactStore#activeContacts}).
 *
 * @param contacts the page, in HubSpot id order
 * @param total    contacts matching the query, over every page
 */
public record ContactPage(List<SyncedContact> contacts, long total) {

    public ContactPage {
        contacts = List.copyOf(contacts);
    }
}
