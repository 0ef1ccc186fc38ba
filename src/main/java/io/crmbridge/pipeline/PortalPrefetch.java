package io.crmbridge.pipeline;

import io.crmbridge.hubspot.PortalReader.PortalRecord;
import io.crmbridge.hubspot.PropertyEnsurer;
import io.crmbridge.ledger.ContentHash;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ledger.RecordKey;
import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.RowResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the portal's records of a batch mapped ahead ({@link MappedBatches}), on the read-ahead thread, while the
 * intake route still delivers an earlier batch: the read before each write (docs/undo.md) then costs no time of the
 * delivery, which takes the answer from the file ({@link FileImport#prefetched}). A file's keys are unique within it
 * (a repeated key is rejected as DUPLICATE_IN_FILE), so no earlier batch of the file writes a record read here. Only
 * the records the delivery would read are read: not those the ledger says were sent as they are. A read that fails
 * is left to the delivery, which reads again and reports what fails there.
 */
public final class PortalPrefetch {

    private static final Logger LOG = LoggerFactory.getLogger(PortalPrefetch.class);

    private final Ledger ledger;
    private final PropertyEnsurer properties;
    private final Preflight preflight;
    private final ReadBeforeWrite portal;

    public PortalPrefetch(Ledger ledger, PropertyEnsurer properties, Preflight preflight, ReadBeforeWrite portal) {
        this.ledger = ledger;
        this.properties = properties;
        this.preflight = preflight;
        this.portal = portal;
    }

    /**
     * The records of {@code records} (the file's type) a delivery reads in the portal: not those the ledger says were
     * sent as they are, whose keys go to {@code ledgerUnchanged}; in a dry run, which creates no property, only those
     * the portal can hold by their {@code idProperty} (none by a {@code crm_bridge_key} it lacks).
     */
    public List<CrmRecord> toRead(FileImport file, List<CrmRecord> records, Set<String> ledgerUnchanged) {
        Map<String, RecordKey> known = ledger.find(file.type(), records.stream().map(CrmRecord::key).toList());
        List<CrmRecord> ask = new ArrayList<>();
        for (CrmRecord r : records) {
            RecordKey k = known.get(r.key());
            if (k != null && ContentHash.of(r).equals(k.getContentHash())) {
                ledgerUnchanged.add(r.key());
            } else if (!file.dryRun() || preflight.portalHas(file, file.type(), r.idProperty())) {
                ask.add(r);
            }
        }
        return ask;
    }

    /** Reads what the delivery of {@code batch} will read, and leaves the answer on {@code file}. Never throws. */
    public void prefetch(FileImport file, List<RowResult> batch) {
        ObjectType type = file.type();
        if (file.isAborted() || !(file.dryRun() || portal.readsBefore(type))) {
            return;
        }
        try {
            List<CrmRecord> ask = toRead(file,
                    batch.stream().filter(r -> !r.isRejected()).map(RowResult::record).toList(), new HashSet<>());
            if (ask.isEmpty()) {
                return;
            }
            if (!file.dryRun()) {
                // a read by crm_bridge_key needs the property
                properties.ensure(type, file.report());
            }
            Map<String, PortalRecord> held = portal.read(type, ask, file.report());
            file.prefetched(ask.stream().map(CrmRecord::key).toList(), held);
        } catch (RuntimeException e) {
            LOG.debug("{}: reading a batch ahead failed, its delivery reads it: {}", file.fileName(), e.toString());
        }
    }
}
