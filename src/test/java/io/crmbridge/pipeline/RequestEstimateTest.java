package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.model.ObjectType;
import org.junit.jupiter.api.Test;

class RequestEstimateTest {

    @Test
    void aCompaniesFileSendsOneUpsertPerBatchAndNoAssociations() {
        RequestEstimate e = RequestEstimate.of(ObjectType.COMPANIES, 250, 100, false, false, 0, 0);
        assertThat(e.upserts()).isEqualTo(3);
        assertThat(e.associations()).isZero();
        assertThat(e.total()).isEqualTo(1 + 1 + 3);
    }

    @Test
    void aContactsFileLinksEachContactToItsCompanyInBatchesOf100() {
        RequestEstimate e = RequestEstimate.of(ObjectType.CONTACTS, 201, 50, false, false, 0, 0);
        assertThat(e.upserts()).isEqualTo(5);
        assertThat(e.associations()).isEqualTo(3);
        assertThat(e.total()).isEqualTo(1 + 1 + 5 + 3);
    }

    @Test
    void aTicketsFileAlsoUpsertsItsContactsAndMakesThreeKindsOfLink() {
        RequestEstimate e = RequestEstimate.of(ObjectType.TICKETS, 100, 100, false, false, 7, 250);
        assertThat(e.schemaReads()).isEqualTo(2);
        assertThat(e.propertyWrites()).isEqualTo(7);
        assertThat(e.upserts()).isEqualTo(2);
        // 3 kinds x 1 batch, and 3 batches for the 250 links pending from earlier files
        assertThat(e.associations()).isEqualTo(3 + 3);
        assertThat(e.total()).isEqualTo(1 + 2 + 7 + 2 + 6);
    }

    @Test
    void readingBeforeEachWriteAddsAReadPerUpsert() {
        RequestEstimate e = RequestEstimate.of(ObjectType.TICKETS, 250, 100, false, true, 0, 0);
        // the tickets and their contacts: 3 batches of each, each read first
        assertThat(e.upserts()).isEqualTo(6);
        assertThat(e.portalReads()).isEqualTo(6);
        assertThat(RequestEstimate.of(ObjectType.TICKETS, 250, 100, false, false, 0, 0).portalReads()).isZero();
    }

    @Test
    void aDryRunReadsTheUsageTheSchemaAndTheRecordsOfEachBatch() {
        RequestEstimate e = RequestEstimate.of(ObjectType.TICKETS, 10_000, 100, true, true, 7, 250);
        assertThat(e.total()).isEqualTo(1 + 2 + 100);
        assertThat(e.upserts()).isZero();
    }

    @Test
    void anEmptyFileStillReadsTheUsageAndTheSchema() {
        assertThat(RequestEstimate.of(ObjectType.CONTACTS, 0, 100, false, true, 0, 0).total()).isEqualTo(2);
    }

    @Test
    void refusesNegativeCountsAndAZeroBatch() {
        assertThatThrownBy(() -> RequestEstimate.of(ObjectType.CONTACTS, -1, 100, false, true, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestEstimate.of(ObjectType.CONTACTS, 1, 0, false, true, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
