package io.crmbridge.enrichment;

import io.crmbridge.Datasets;
import io.crmbridge.validation.EmailValidator;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ContactExtractorTest {

    private final ContactExtractor extractor = new ContactExtractor(new EmailValidator(), "FR");

    @Test
    void extractsEmailAndInternationalPhoneFromFrenchText() {
        ExtractedContacts found = extractor.extract(
                "Je suis Sari Wijaya (sari.wijaya@indonesiafinance.co.id) - Tél: +622345678901");
        assertThat(found.emails()).containsExactly("sari.wijaya@indonesiafinance.co.id");
        assertThat(found.phones()).containsExactly("+622345678901");
    }

    @Test
    void readsNationalNumbersInTheDefaultRegion() {
        ExtractedContacts found = extractor.extract("Appelez-moi au 01 42 68 53 00 ou au +33 1 42 68 53 00.");
        assertThat(found.phones()).containsExactly("+33142685300");
    }

    @Test
    void lowerCasesAndDeduplicatesEmailsInOrder() {
        ExtractedContacts found = extractor.extract(
                "Write to Bob@Acme.io, or bob@acme.io. CC: alice@acme.io.");
        assertThat(found.emails()).containsExactly("bob@acme.io", "alice@acme.io");
    }

    @Test
    void ignoresTokensThatAreNotValidEmails() {
        ExtractedContacts found = extractor.extract("the {product_purchased}@ fails; user@host has no TLD");
        assertThat(found.emails()).isEmpty();
    }

    @Test
    void ignoresDigitsThatAreNotValidPhones() {
        ExtractedContacts found = extractor.extract("Firmware 1.8.3, order 12.09.2017, zip code 71701.");
        assertThat(found.phones()).isEmpty();
        assertThat(found.isEmpty()).isTrue();
    }

    @Test
    void countsTicketDescriptionsWithContacts() throws IOException {
        ContactExtractor english = new ContactExtractor(new EmailValidator(), "US");
        int withEmail = 0;
        int withPhone = 0;
        for (CSVRecord row : Datasets.read(Datasets.TICKETS)) {
            ExtractedContacts found = english.extract(row.get("Ticket Description"));
            withEmail += found.emails().isEmpty() ? 0 : 1;
            withPhone += found.phones().isEmpty() ? 0 : 1;
            found.phones().forEach(phone -> assertThat(phone).matches("\\+[1-9]\\d{6,14}"));
        }
        System.out.printf("customer_support_tickets.csv descriptions: %d with an email, %d with a phone%n",
                withEmail, withPhone);
        // The dataset README states that 77 descriptions contain an email.
        assertThat(withEmail).isEqualTo(77);
        assertThat(withPhone).isPositive();
    }
}
