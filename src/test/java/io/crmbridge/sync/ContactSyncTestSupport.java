package io.crmbridge.sync;

import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxRecord;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/** Boots the real application against the sandbox with the contact sync enabled and short backoffs. */
abstract class ContactSyncTestSupport extends ImportFlowTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.setProperty("crm-bridge.sync.enabled", "true");
        p.setProperty("hubspot.backoff-initial-ms", "20");
        p.setProperty("hubspot.backoff-max-ms", "200");
        p.putAll(syncProperties());
        return p;
    }

    /** Properties the test class adds (seeding, faults, scopes...). */
    protected abstract Properties syncProperties();

    /** Properties from alternating keys and values. */
    protected static Properties properties(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    protected SyncStats sync(String mode) {
        return template.requestBody("direct:contact-sync", mode, SyncStats.class);
    }

    protected ContactStore store() {
        return context.getRegistry().lookupByNameAndType("contactStore", ContactStore.class);
    }

    protected List<SandboxRecord> sandboxContacts() {
        return sandbox().state().records(ObjectType.CONTACTS);
    }

    protected static Instant lastModified(SandboxRecord r) {
        return Instant.parse(r.property("lastmodifieddate"));
    }

    /** Requests the sandbox received whose path starts with {@code prefix}. */
    protected long requestsTo(String method, String prefix) {
        return sandbox().state().requests().stream()
                .filter(r -> r.method().equals(method) && r.path().startsWith(prefix)).count();
    }
}
