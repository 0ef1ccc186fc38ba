package io.crmbridge.ledger;

import io.crmbridge.LedgerDatabases;
import java.util.Properties;

/** {@link RunChangesTest}'s cases on a real PostgreSQL ({@link io.crmbridge.PostgresServer}). */
class RunChangesOnPostgresTest extends RunChangesTest {

    @Override
    protected Properties ledgerDatabase() {
        return LedgerDatabases.postgres("runchanges");
    }
}
