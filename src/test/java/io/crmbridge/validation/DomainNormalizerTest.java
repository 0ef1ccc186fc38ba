package io.crmbridge.validation;

import io.crmbridge.Datasets;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DomainNormalizerTest {

    private final DomainNormalizer domains = DomainNormalizer.load();

    @Test
    void dropsSchemeWwwPathQueryAndCase() {
        assertThat(domains.domainOf("http://www.Escobar.org/path?x")).contains("escobar.org");
    }

    @Test
    void dropsPortUserInfoAndTrailingDot() {
        assertThat(domains.domainOf("https://user:pw@shop.Tyler-Pugh.info.:8443/#top")).contains("shop.tyler-pugh.info");
        assertThat(domains.domainOf("escobar.org:8080")).contains("escobar.org");
    }

    @Test
    void acceptsDomainWithoutScheme() {
        assertThat(domains.domainOf("www.chapman.net")).contains("chapman.net");
    }

    @Test
    void keepsInternationalisedDomainInUnicode() {
        assertThat(domains.domainOf("https://www.Bücher.de/")).contains("bücher.de");
    }

    @Test
    void refusesGarbageIpAddressesAndSingleNames() {
        assertThat(domains.domainOf("not a website")).isEmpty();
        assertThat(domains.domainOf("http://192.168.1.10/")).isEmpty();
        assertThat(domains.domainOf("localhost")).isEmpty();
        assertThat(domains.domainOf("http://-bad-.com")).isEmpty();
        assertThat(domains.domainOf("")).isEmpty();
    }

    @Test
    void takesDomainOfEmail() {
        assertThat(domains.domainOfEmail("Sari.Wijaya@IndonesiaFinance.co.id")).contains("indonesiafinance.co.id");
        assertThat(domains.domainOfEmail("no-at-sign")).isEmpty();
    }

    @Test
    void flagsFreeMailProviders() {
        assertThat(domains.isFreeOrReserved("gmail.com")).isTrue();
        assertThat(domains.isFreeOrReserved("Yahoo.co.uk")).isTrue();
        assertThat(domains.isFreeOrReserved("hotmail.fr")).isTrue();
        assertThat(domains.isFreeOrReserved("orange.fr")).isTrue();
    }

    @Test
    void flagsReservedDomainsAndTheirSubdomains() {
        assertThat(domains.isFreeOrReserved("example.com")).isTrue();
        assertThat(domains.isFreeOrReserved("mail.example.com")).isTrue();
        assertThat(domains.isFreeOrReserved("shop.example")).isTrue();
        assertThat(domains.isFreeOrReserved("db.test")).isTrue();
    }

    @Test
    void doesNotFlagCompanyDomains() {
        assertThat(domains.isFreeOrReserved("escobar.org")).isFalse();
        assertThat(domains.isFreeOrReserved("myexample.com")).isFalse();
        assertThat(domains.isFreeOrReserved("yahoo.company-blog.com")).isFalse();
        assertThat(domains.isFreeOrReserved("mail.gmail.com.evil.net")).isFalse();
    }

    @Test
    void findsTheStatedNumberOfDistinctDomainsInTheOrganizationsFile() throws IOException {
        Set<String> distinct = new HashSet<>();
        int rows = 0;
        for (CSVRecord row : Datasets.read(Datasets.ORGANIZATIONS)) {
            rows++;
            distinct.add(domains.domainOf(row.get("Website")).orElseThrow());
        }
        // The dataset README states 1,000 rows sharing 918 distinct domains.
        assertThat(rows).isEqualTo(1000);
        assertThat(distinct).hasSize(918);
    }

    @Test
    void flagsEveryTicketEmailDomainAsReserved() throws IOException {
        for (CSVRecord row : Datasets.read(Datasets.TICKETS)) {
            String domain = domains.domainOfEmail(row.get("Customer Email")).orElseThrow();
            assertThat(domains.isFreeOrReserved(domain)).as(domain).isTrue();
        }
    }
}
