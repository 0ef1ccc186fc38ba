package io.crmbridge.flow;

import io.crmbridge.LedgerDatabases;
import java.util.Properties;

/**
 * {@link RealDatasetsImportTest}'s scenario with the ledger on a real PostgreSQL ({@link io.crmbridge.PostgresServer}):
 * the three real datasets in reverse order, the re-imports and the import after the ledger was emptied end with the
 * same outcomes, records and links as on H2.
 */
class RealDatasetsImportOnPostgresTest extends RealDatasetsImportTest {

    @Override
    protected Properties extraProperties() {
        return LedgerDatabases.onPostgres(super.extraProperties(), "datasets");
    }
}
