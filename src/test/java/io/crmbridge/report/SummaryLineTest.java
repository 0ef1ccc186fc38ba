package io.crmbridge.report;

import io.crmbridge.model.ObjectType;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryLineTest {

    @Test
    void containsEveryCountOfTheReport() {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");

        assertThat(SummaryLine.of(r)).isEqualTo("contacts.csv: 10 rows in 52.1 s (0 rows/s)"
                + " created 5 updated 1 unchanged 1 rejected 2 failed 1"
                + " | companies created 1 updated 0 unchanged 1 rejected 0 failed 0"
                + " | associations 6 created 3 pending | 12 requests 2 retries 1x429 | quality 70.0%"
                + " | top errors MISSING_REQUIRED 1, INVALID_EMAIL 1, HUBSPOT_REJECTED 1");
    }

    @Test
    void staysOneLineWhenTheFileNameHasALineBreak() {
        ImportReport r = new ImportReport("a\nFAKE LOG LINE.csv", ObjectType.CONTACTS, "UTF-8", ",", true, Instant.EPOCH);
        r.finish(Instant.EPOCH.plusSeconds(1));

        assertThat(SummaryLine.of(r)).doesNotContain("\n").startsWith("a?FAKE LOG LINE.csv [dry run, nothing sent]: 0 rows in 1.0 s")
                .contains("quality n/a").endsWith("top errors none");
    }

    @Test
    void aDryRunSaysWhatWouldBeCreatedAndUpdatedAndThatNoLinkWasMade() {
        ImportReport r = new ImportReport("contacts.csv", ObjectType.CONTACTS, "UTF-8", ",", true, Instant.EPOCH);
        r.associationsPending(3);
        r.finish(Instant.EPOCH.plusSeconds(1));

        assertThat(SummaryLine.of(r)).startsWith("contacts.csv [dry run, nothing sent]: 0 rows in 1.0 s (0 rows/s)"
                        + " would create 0 would update 0 unchanged 0 rejected 0 failed 0 | associations none made, 3 pending")
                .doesNotContain(" created ").doesNotContain(" updated ");
    }
}
