package io.crmbridge.ledger;

import io.crmbridge.LedgerDatabases;
import java.util.Properties;

/** {@link LedgerTest}'s cases on a real PostgreSQL ({@link io.crmbridge.PostgresServer}). */
class LedgerOnPostgresTest extends LedgerTest {

    @Override
    protected Properties ledgerDatabase() {
        return LedgerDatabases.postgres("ledger");
    }
}
