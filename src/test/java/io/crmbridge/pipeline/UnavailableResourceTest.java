package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PessimisticLockException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.sql.SQLTimeoutException;
import org.apache.camel.CamelExchangeException;
import org.junit.jupiter.api.Test;

class UnavailableResourceTest {

    @Test
    void aLedgerLockTimeoutDeepInTheCauseChainIsTheLedgerDatabase() {
        Exception e = new CamelExchangeException("Sequential processing failed for number 3", null,
                new PessimisticLockException("Timeout trying to lock table", new SQLTimeoutException("lock")));

        assertThat(UnavailableResource.of(e)).hasValueSatisfying(r -> assertThat(r).startsWith("ledger database"));
        assertThat(UnavailableResource.isInterruption(e)).isFalse();
    }

    @Test
    void anUnwritableOutboxNamesTheOutboxPath() {
        Exception e = new IllegalStateException("wrapped", new ResourceUnavailableException("outbox /srv/outbox/reports",
                new AccessDeniedException("/srv/outbox/reports/x.json")));

        assertThat(UnavailableResource.of(e)).hasValueSatisfying(r -> assertThat(r)
                .contains("outbox /srv/outbox/reports").contains("AccessDeniedException"));
    }

    @Test
    void aBadFileIsNoResourceFailure() {
        Exception e = new UncheckedIOException(new IOException("EOF reached before encapsulated token finished"));

        assertThat(UnavailableResource.of(e)).isEmpty();
        assertThat(UnavailableResource.of(new UnprocessableFileException("the file is empty: no header row"))).isEmpty();
    }

    @Test
    void aStopBetweenBatchesIsAnInterruptionNotAResourceFailure() {
        Exception e = new CamelExchangeException("Sequential processing failed for number 7", null,
                new ImportInterruptedException("tickets.csv", 700));

        assertThat(UnavailableResource.isInterruption(e)).isTrue();
        assertThat(UnavailableResource.of(e)).isEmpty();
    }
}
