package io.crmbridge.enrichment;

import java.util.List;

/**
 * Contact details found in free text (E1).
 *
 * @param emails valid, lower-cased, de-duplicated addresses in order of appearance
 * @param phones valid numbers in E.164 ("+622345678901"), de-duplicated, in order of appearance
 */
public record ExtractedContacts(List<String> emails, List<String> phones) {

    /** Copies both lists; null lists become empty. */
    public ExtractedContacts {
        emails = emails == null ? List.of() : List.copyOf(emails);
        phones = phones == null ? List.of() : List.copyOf(phones);
    }

    /** True when nothing was found. */
    public boolean isEmpty() {
        return emails.isEmpty() && phones.isEmpty();
    }
}
