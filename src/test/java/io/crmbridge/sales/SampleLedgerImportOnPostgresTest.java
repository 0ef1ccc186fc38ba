package io.crmbridge.sales;

import io.crmbridge.LedgerDatabases;
import java.util.Properties;

/**
 * {@link SampleLedgerImportTest}'s import of the sample sales ledger with the ledger on a real PostgreSQL
 * ({@link io.crmbridge.PostgresServer}): the same counts, stored values and segments.
 */
class SampleLedgerImportOnPostgresTest extends SampleLedgerImportTest {

    @Override
    protected Properties extraProperties() {
        return LedgerDatabases.onPostgres(super.extraProperties(), "sales");
    }
}
