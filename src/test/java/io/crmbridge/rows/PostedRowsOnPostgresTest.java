package io.crmbridge.rows;

import io.crmbridge.LedgerDatabases;
import java.util.Properties;

/**
 * {@link PostedRowsTest}'s cases with the ledger on a real PostgreSQL ({@link io.crmbridge.PostgresServer}): the
 * posts' table (migration V15), the reserved runs and the Idempotency-Key's uniqueness behave as on H2.
 */
class PostedRowsOnPostgresTest extends PostedRowsTest {

    @Override
    protected Properties extraProperties() {
        return LedgerDatabases.onPostgres(super.extraProperties(), "rows");
    }
}
