package io.crmbridge.console;

import io.crmbridge.LedgerDatabases;
import java.util.Properties;

/**
 * {@link ConsoleSalesTest}'s pages and API with the sales ledger on a real PostgreSQL
 * ({@link io.crmbridge.PostgresServer}): the console's sales queries (segments, clients, searches, a client's scores,
 * recommendations and pushes) answer as on H2.
 */
class ConsoleSalesOnPostgresTest extends ConsoleSalesTest {

    @Override
    protected Properties extraProperties() {
        return LedgerDatabases.onPostgres(super.extraProperties(), "console_sales");
    }
}
