package io.crmbridge.validation;

import io.crmbridge.Datasets;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateDetectorTest {

    @Test
    void newKeyIsNotADuplicate() {
        assertThat(new DuplicateDetector().firstRowWith("a@x.io", 1)).isEmpty();
    }

    @Test
    void repeatedKeyPointsToTheFirstRow() {
        DuplicateDetector detector = new DuplicateDetector();
        detector.firstRowWith("a@x.io", 3);
        detector.firstRowWith("b@x.io", 4);
        assertThat(detector.firstRowWith("a@x.io", 7)).hasValue(3);
        assertThat(detector.firstRowWith("a@x.io", 9)).hasValue(3);
    }

    @Test
    void comparesKeysExactly() {
        DuplicateDetector detector = new DuplicateDetector();
        detector.firstRowWith("a@x.io", 1);
        assertThat(detector.firstRowWith("A@x.io", 2)).isEmpty();
    }

    @Test
    void neverTreatsBlankKeysAsDuplicates() {
        DuplicateDetector detector = new DuplicateDetector();
        detector.firstRowWith("", 1);
        assertThat(detector.firstRowWith("", 2)).isEmpty();
        assertThat(detector.firstRowWith(null, 3)).isEmpty();
    }

    @Test
    void findsTheStatedRepeatedEmailsInTheTicketsFile() throws IOException {
        EmailValidator emails = new EmailValidator();
        DuplicateDetector detector = new DuplicateDetector();
        List<CSVRecord> rows = Datasets.read(Datasets.TICKETS);
        int duplicates = 0;
        for (CSVRecord row : rows) {
            String email = emails.check(row.get("Customer Email")).value();
            if (detector.firstRowWith(email, row.getRecordNumber()).isPresent()) {
                duplicates++;
            }
        }
        // The dataset README states that 149 ticket rows repeat a customer's email.
        assertThat(duplicates).isEqualTo(149);
    }

    @Test
    void remembersEveryKeyAndItsFirstRowAcrossManyKeys() {
        DuplicateDetector detector = new DuplicateDetector();
        for (int i = 0; i < 200_000; i++) {
            assertThat(detector.firstRowWith("person" + i + "@example.org", i)).isEmpty();
        }
        for (int i = 0; i < 200_000; i += 7) {
            assertThat(detector.firstRowWith("person" + i + "@example.org", 1_000_000 + i)).hasValue(i);
        }
        assertThat(detector.firstRowWith("someone-else@example.org", 5)).isEmpty();
    }

    @Test
    void rowZeroIsARowLikeAnyOther() {
        DuplicateDetector detector = new DuplicateDetector();
        detector.firstRowWith("a@x.io", 0);
        assertThat(detector.firstRowWith("a@x.io", 1)).hasValue(0);
    }
}
