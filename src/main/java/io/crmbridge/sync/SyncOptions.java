package io.crmbridge.sync;

import java.time.Duration;
import java.util.List;

/**
 * How the contact sync fetches (docs/contact-sync.md, {@code crm-bridge.sync.*}).
 *
 * @param properties          contact properties to fetch (the stored columns need email, firstname,
 *                            lastname, company, phone, jobtitle, lifecyclestage)
 * @param overlap             how far before the last watermark an incremental sync starts (HubSpot's search
 *                            is eventually consistent: hubspot-api.md §3.2)
 * @param searchSpacing       least time between two search requests (HubSpot allows 5 a second, §3.2)
 * @param listMemberships     also fetch each contact's list memberships (one batch read per 100 contacts,
 *                            scope {@code crm.lists.read})
 * @param incrementalArchived an incremental sync also pages the {@code archived=true} listing (search never
 *                            returns archived contacts, §3.2), costing one request per 100 archived contacts
 */
public record SyncOptions(List<String> properties, Duration overlap, Duration searchSpacing, boolean listMemberships,
                          boolean incrementalArchived) {

    public SyncOptions {
        properties = List.copyOf(properties);
    }
}
