package io.crmbridge.validation;

import io.crmbridge.Datasets;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNormalizerTest {

    private final PhoneNormalizer normalizer = new PhoneNormalizer("US", CountryRegions.load());

    @Test
    void normalisesNationalNumberInTheRowsCountry() {
        assertThat(normalizer.normalize("01 42 68 53 00", "France")).isEqualTo(ValueCheck.ok("+33142685300"));
    }

    @Test
    void usesDefaultRegionWhenCountryIsUnknown() {
        assertThat(normalizer.normalize("(650) 253-0000", "Atlantis")).isEqualTo(ValueCheck.ok("+16502530000"));
        assertThat(normalizer.normalize("(650) 253-0000", null)).isEqualTo(ValueCheck.ok("+16502530000"));
    }

    @Test
    void usesDefaultRegionWhenLibphonenumberHasNoMetadataForTheCountry() {
        // Bouvet Island (BV) is an ISO region without a numbering plan in libphonenumber.
        assertThat(normalizer.normalize("650.253.0000", "Bouvet Island (Bouvetoya)").value()).isEqualTo("+16502530000");
    }

    @Test
    void keepsTheExtension() {
        assertThat(normalizer.normalize("(650)253-0000x3651", "United States of America"))
                .isEqualTo(ValueCheck.ok("+16502530000 ext. 3651"));
    }

    @Test
    void keepsTheExtensionOfADatasetNumber() {
        assertThat(normalizer.normalize("443-671-1725x7073", "French Southern Territories"))
                .isEqualTo(ValueCheck.ok("+14436711725 ext. 7073"));
    }

    @Test
    void rejectsDatasetNumberWhoseExchangeCodeStartsWithOne() {
        // (209)172-7124x3651 is customers-10000.csv row 2: ten digits, so "possible", but NANP
        // exchange codes never start with 1, so not valid.
        ValueCheck check = normalizer.normalize("(209)172-7124x3651", "United States of America");
        assertThat(check.problem()).startsWith("not a valid number for region US");
    }

    @Test
    void parsesInternationalNumberRegardlessOfTheRowsCountry() {
        assertThat(normalizer.normalize("+622345678901", "France")).isEqualTo(ValueCheck.ok("+622345678901"));
    }

    @Test
    void readsEuropeanInternationalPrefixAsCountryCode() {
        assertThat(normalizer.normalize("0033 1 42 68 53 00", "Germany")).isEqualTo(ValueCheck.ok("+33142685300"));
    }

    @Test
    void rejectsTooLongNumberWithReason() {
        assertThat(normalizer.normalize("043-797-5229", "Norway").problem()).startsWith("too long");
    }

    @Test
    void rejectsTextThatIsNoNumber() {
        assertThat(normalizer.normalize("call me", "France").problem()).isEqualTo("not a phone number");
        assertThat(normalizer.normalize(" ", "France").problem()).isEqualTo("empty");
    }

    @Test
    void givesEveryPhoneOfTheFirst200CustomersAnE164ValueOrAReason() throws IOException {
        List<CSVRecord> rows = Datasets.read(Datasets.CUSTOMERS).subList(0, 200);
        int valid = 0;
        int invalid = 0;
        for (CSVRecord row : rows) {
            ValueCheck check = normalizer.normalize(row.get("Phone 1"), row.get("Country"));
            if (check.isValid()) {
                valid++;
                assertThat(check.value()).matches("\\+[1-9]\\d{6,14}( ext\\. \\d+)?");
            } else {
                invalid++;
                assertThat(check.problem()).isNotBlank();
            }
        }
        System.out.printf("customers-10000.csv first 200 'Phone 1': %d valid, %d invalid%n", valid, invalid);
        assertThat(valid + invalid).isEqualTo(200);
        assertThat(valid).isPositive();
        assertThat(invalid).isPositive();
    }

    @Test
    void readsEveryInternationalDatasetNumberTheSameInEveryRegion() throws IOException {
        // the default-region retry is skipped for numbers written with "+": this is why that changes nothing
        List<String> international = Datasets.read(Datasets.CUSTOMERS).stream()
                .flatMap(r -> java.util.stream.Stream.of(r.get("Phone 1"), r.get("Phone 2")))
                .filter(PhoneNormalizer::isInternational).limit(300).toList();
        assertThat(international).hasSize(300);
        for (String raw : international) {
            ValueCheck inDefault = normalizer.normalize(raw, null);
            for (String country : List.of("France", "Norway", "Japan", "Brazil", "Germany", "India")) {
                assertThat(normalizer.normalize(raw, country)).as("%s in %s", raw, country).isEqualTo(inDefault);
            }
        }
    }

    @Test
    void remembersResultsThatARereadingGivesForEveryDatasetPhone() throws IOException {
        // two passes over the 20,000 phones of customers-10000.csv with their row's country: the second pass
        // is answered from the remembered results, and every answer equals a fresh reading's
        PhoneNormalizer remembering = new PhoneNormalizer("US", CountryRegions.load(), 50_000);
        List<CSVRecord> rows = Datasets.read(Datasets.CUSTOMERS);
        int valid = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (CSVRecord r : rows) {
                for (String raw : List.of(r.get("Phone 1"), r.get("Phone 2"))) {
                    ValueCheck remembered = remembering.normalize(raw, r.get("Country"));
                    assertThat(remembered).as("%s in %s", raw, r.get("Country"))
                            .isEqualTo(normalizer.normalize(raw, r.get("Country")));
                    valid += remembered.isValid() ? 1 : 0;
                }
            }
        }
        // both kinds of answer are remembered: the dataset holds valid and invalid numbers
        assertThat(valid).isBetween(1, 2 * 2 * rows.size() - 1);
    }

    @Test
    void keepsNoMoreResultsThanItsSizeAndRefusesANegativeSize() {
        PhoneNormalizer small = new PhoneNormalizer("US", CountryRegions.load(), 2);
        for (String raw : List.of("(650) 253-0000", "01 42 68 53 00", "+33 1 42 68 53 00", "(650) 253-0001")) {
            assertThat(small.normalize(raw, "France")).isEqualTo(normalizer.normalize(raw, "France"));
        }
        assertThat(small.remembered()).isLessThanOrEqualTo(2);
        PhoneNormalizer remembering = new PhoneNormalizer("US", CountryRegions.load(), 10);
        String huge = "(650) 253-0000 " + "9".repeat(PhoneNormalizer.REMEMBERED_LENGTH);
        assertThat(remembering.normalize(huge, "France")).isEqualTo(normalizer.normalize(huge, "France"));
        assertThat(remembering.remembered()).as("a value too long to be a phone is not kept").isZero();
        remembering.normalize("(650) 253-0000", "France");
        assertThat(remembering.remembered()).isEqualTo(1);
        assertThat(new PhoneNormalizer("US", CountryRegions.load(), 0).remembered()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PhoneNormalizer("US", CountryRegions.load(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a phone cache size is 0 or more");
    }

    @Test
    void tellsInternationalNumbersByTheirFirstPlusOrDigit() {
        assertThat(PhoneNormalizer.isInternational("+1-415-555-0123")).isTrue();
        assertThat(PhoneNormalizer.isInternational("(+33) 1 42 68 53 00")).isTrue();
        assertThat(PhoneNormalizer.isInternational("\uFF0B44 20 7946 0000")).isTrue();
        assertThat(PhoneNormalizer.isInternational("001-415-555-0123")).isFalse();
        assertThat(PhoneNormalizer.isInternational("415 555 0123 ext +1")).isFalse();
        assertThat(PhoneNormalizer.isInternational("call me")).isFalse();
    }

    @Test
    void remembersTheRegionOfACountrySpellingAndGivesTheSameAnswerAgain() {
        assertThat(normalizer.regionFor("Norway")).isEqualTo("NO");
        assertThat(normalizer.regionFor("Norway")).isEqualTo("NO");
        assertThat(normalizer.regionFor("Atlantis")).isEqualTo("US");
        assertThat(normalizer.regionFor("Atlantis")).isEqualTo("US");
        assertThat(normalizer.regionFor(null)).isEqualTo("US");
    }

    @Test
    void stillAnswersCountriesBeyondTheRememberedOnes() {
        for (int i = 0; i < PhoneNormalizer.REMEMBERED_COUNTRIES + 10; i++) {
            assertThat(normalizer.regionFor("Nowhere " + i)).isEqualTo("US");
        }
        assertThat(normalizer.regionFor("Allemagne")).isEqualTo("DE");
    }
}
