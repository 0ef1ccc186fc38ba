package io.crmbridge.sync;

import io.crmbridge.LedgerDatabases;
import java.util.Properties;

/**
 * {@link FullContactSyncTest}'s syncs with the ledger (and so the {@link ContactStore}) on a real PostgreSQL
 * ({@link io.crmbridge.PostgresServer}): the same contacts, segments, refresh and incremental fetch.
 */
class FullContactSyncOnPostgresTest extends FullContactSyncTest {

    @Override
    protected Properties syncProperties() {
        return LedgerDatabases.onPostgres(super.syncProperties(), "sync");
    }
}
