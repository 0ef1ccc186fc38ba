package io.crmbridge.pipeline;

import io.crmbridge.hubspot.HubSpotCallException;
import io.crmbridge.hubspot.PortalReader.PortalRecord;
import io.crmbridge.hubspot.PropertyEnsurer;
import io.crmbridge.hubspot.RecordUpserter;
import io.crmbridge.hubspot.UpsertResult;
import io.crmbridge.ledger.ContentHash;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ledger.RecordKey;
import io.crmbridge.ledger.RememberedRecord;
import io.crmbridge.ledger.RunChanges;
import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.Outcome;
import io.crmbridge.model.PropertyChange;
import io.crmbridge.model.RowResult;
import io.crmbridge.report.ImportReport;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one batch of at most 100 row results (routes/hubspot-delivery.yaml): first checked
 * against the portal's schema ({@link Preflight}, V7); rejected rows to the dead-letter file; records identical to what was last sent counted UNCHANGED and not sent
 * (L6); the others read in the portal first ({@link ReadBeforeWrite}, docs/undo.md: UNCHANGED when HubSpot holds them
 * as they would be sent, {@code if-empty} columns left out where HubSpot has a value), the rest upserted (a ticket
 * row's contact first), each row ending CREATED, UPDATED or
 * FAILED (a record HubSpot refused for one of the portal's admin rules as PORTAL_RULE, P1), each record written
 * stored for an undo ({@link RunChanges}, U1); HubSpot ids, content hashes and the rows' links stored in the ledger in one transaction (links
 * pending for the {@code AssociationLinker}; an unchanged row whose links hash as when they were stored is
 * not looked up again). In dry-run mode nothing is written: each valid row counts as the import would end it, from
 * the ledger and a read of the portal (U2: CREATED, UPDATED with its property changes on the report, or UNCHANGED),
 * and the report says dryRun.
 */
public final class BatchDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(BatchDelivery.class);

    private final Ledger ledger;
    private final RecordUpserter upserter;
    private final PropertyEnsurer properties;
    private final Preflight preflight;
    private final ReadBeforeWrite portal;
    private final PortalPrefetch prefetch;
    private final RunChanges changes;

    /**
     * @param portal   reads the records of a batch before it is written (preview, overwrite policy, undo)
     * @param prefetch what was read ahead for the file's batches, and which records a delivery reads
     * @param changes  where each run's writes are kept for an undo (U1)
     */
    public BatchDelivery(Ledger ledger, RecordUpserter upserter, PropertyEnsurer properties, Preflight preflight,
                         ReadBeforeWrite portal, PortalPrefetch prefetch, RunChanges changes) {
        this.ledger = ledger;
        this.upserter = upserter;
        this.properties = properties;
        this.preflight = preflight;
        this.portal = portal;
        this.prefetch = prefetch;
        this.changes = changes;
    }

    /**
     * Bean method: checks the batch against the portal's schema ({@link Preflight}, V7), then
     * delivers it and records one outcome per row on the file's report.
     *
     * @throws HubSpotCallException when HubSpot refuses the credentials (401/403): the file cannot go on
     */
    public void deliver(@Body List<RowResult> batch, @ExchangeProperty(FileImport.PROPERTY) FileImport file) {
        ImportReport report = file.report();
        List<RowResult> rows = batch;
        Issue unchecked = null;
        if (!file.isAborted()) {
            try {
                rows = preflight.check(file, batch);
            } catch (RuntimeException e) {
                // the schema could not be read: nothing can be checked, so nothing is sent
                unchecked = failure(file, e);
            }
        }
        List<RowResult> valid = new ArrayList<>(rows.size());
        for (RowResult r : rows) {
            r.warnings().forEach(w -> report.warning(w.code()));
            if (!r.warnings().isEmpty() && !r.isRejected()) {
                // the quality score subtracts rejected rows already: count warnings on accepted rows only
                report.rowHadWarnings();
            }
            if (r.isRejected()) {
                end(file, r, Outcome.REJECTED, r.rejection());
            } else {
                valid.add(r);
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        if (file.isAborted()) {
            valid.forEach(r -> end(file, r, Outcome.FAILED, ErrorCode.HUBSPOT_AUTH.issue(file.abortReason())));
            return;
        }
        if (unchecked != null) {
            Issue issue = unchecked;
            valid.forEach(r -> end(file, r, Outcome.FAILED, issue));
            return;
        }
        if (file.dryRun()) {
            try {
                predict(file, valid);
            } catch (RuntimeException e) {
                Issue issue = failure(file, e);
                valid.forEach(r -> end(file, r, Outcome.FAILED, issue));
            }
            return;
        }
        List<RowResult> open = new ArrayList<>(valid);
        try {
            deliverPrimary(file, open);
        } catch (RuntimeException e) {
            if (UnavailableResource.of(e).isPresent()) {
                // the ledger or the outbox, not HubSpot: the whole file is retried once the resource is back
                throw e;
            }
            Issue issue = failure(file, e);
            open.forEach(r -> end(file, r, Outcome.FAILED, issue));
        }
    }

    /**
     * The issue the rows of a batch fail with when talking to HubSpot failed; a refused token or
     * scope (401/403) also stops the file.
     */
    private static Issue failure(FileImport file, RuntimeException e) {
        if (e instanceof HubSpotCallException h) {
            if (h.isAuthProblem()) {
                file.abort(h.getMessage());
                LOG.error("{}: HubSpot answered {} {}: {}. Check the access token and its scopes; the file's"
                        + " remaining rows are failed", file.fileName(), h.status(), h.category(), h.getMessage());
                return ErrorCode.HUBSPOT_AUTH.issue(h.getMessage());
            }
            return ErrorCode.HUBSPOT_UNAVAILABLE.issue(h.getMessage());
        }
        LOG.error("{}: batch delivery failed: {}", file.fileName(), e.toString());
        return ErrorCode.DELIVERY_ERROR.issue(e.getClass().getSimpleName());
    }

    /**
     * Sends the batch; records what landed and the rows' links in the ledger in one transaction; removes
     * each row from {@code open} once it has its outcome.
     */
    private void deliverPrimary(FileImport file, List<RowResult> open) {
        ImportReport report = file.report();
        deliverSecondary(file, open);
        List<CrmRecord> records = open.stream().map(RowResult::record).toList();
        Delivered delivered = send(file, file.type(), records, false);
        Map<String, Outcome> outcomes = delivered.outcomes();
        UpsertResult result = delivered.result();
        Map<String, String> linksHashes = new LinkedHashMap<>();
        List<RememberedRecord> remember = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        Map<RowResult, Issue> failed = new LinkedHashMap<>();
        for (RowResult r : open) {
            String key = r.record().key();
            Outcome o = outcomes.get(key);
            if (o == Outcome.FAILED) {
                String why = result.rejected().get(key);
                failed.put(r, why == null ? ErrorCode.HUBSPOT_UNAVAILABLE.issue(result.unreachable().get(key))
                        : result.portalRules().contains(key) ? ErrorCode.PORTAL_RULE.issue(why)
                        : ErrorCode.HUBSPOT_REJECTED.issue(why));
                // the row's secondary contact was sent before it: its own company link must not be lost
                r.links().stream().filter(l -> !(l.fromType() == file.type() && l.fromKey().equals(key)))
                        .forEach(links::add);
                continue;
            }
            String linksHash = ContentHash.ofLinks(r.links());
            RecordKey known = delivered.known().get(key);
            // unchanged by the ledger's hash; a record the portal already held as sent is remembered as landed
            boolean ledgerUnchanged = o == Outcome.UNCHANGED && !delivered.held().contains(key);
            if (ledgerUnchanged && linksHash.equals(known.getLinksHash())) {
                // stored with this record in one transaction (Ledger.recordDelivery): pending or made already
                continue;
            }
            links.addAll(r.links());
            if (ledgerUnchanged) {
                remember.add(new RememberedRecord(key, known.getHubspotId(), null, linksHash));
            } else {
                linksHashes.put(key, linksHash);
            }
        }
        for (RememberedRecord landed : delivered.landed()) {
            String linksHash = landed.contentHash() == null ? null : linksHashes.get(landed.naturalKey());
            remember.add(new RememberedRecord(landed.naturalKey(), landed.hubspotId(), landed.contentHash(),
                    linksHash));
        }
        ledger.recordDelivery(file.type(), remember, links);
        for (RowResult r : List.copyOf(open)) {
            Issue issue = failed.get(r);
            if (issue != null) {
                end(file, r, Outcome.FAILED, issue);
            } else {
                report.outcome(r.row().rowNumber(), outcomes.get(r.record().key()), null);
            }
            open.remove(r);
        }
    }

    /**
     * Outcome per key of one send, HubSpot's answer for the records that were sent, the ledger's records of
     * the keys before the send, what to remember of the records that landed (with their aliases), and the keys
     * left UNCHANGED because the portal already held what would have been sent.
     */
    private record Delivered(Map<String, Outcome> outcomes, UpsertResult result, Map<String, RecordKey> known,
                             List<RememberedRecord> landed, Set<String> held) {
    }

    /**
     * Upserts a ticket batch's contacts first, so that ticket -> contact links can be made at once;
     * contacts crm-bridge already imported are left as they are (UNCHANGED).
     */
    private void deliverSecondary(FileImport file, List<RowResult> valid) {
        Map<String, CrmRecord> contacts = new LinkedHashMap<>();
        for (RowResult r : valid) {
            for (CrmRecord c : r.secondary()) {
                contacts.putIfAbsent(c.key(), c);
            }
        }
        if (contacts.isEmpty()) {
            return;
        }
        Delivered delivered = send(file, ObjectType.CONTACTS, new ArrayList<>(contacts.values()), true);
        ledger.remember(ObjectType.CONTACTS, delivered.landed());
        delivered.outcomes().values().forEach(o -> file.report().secondaryOutcome(ObjectType.CONTACTS, o));
    }

    /**
     * Sends what changed since the ledger's last-sent hash and returns an outcome per key:
     * UNCHANGED, CREATED, UPDATED or FAILED, and the ids, hashes and aliases of what landed, for the
     * caller to remember. When the portal is read first ({@link ReadBeforeWrite}): the {@code if-empty} columns HubSpot
     * holds a value for are left out, a record HubSpot already holds as it would be sent is UNCHANGED and not sent,
     * and each record written is stored for an undo with its prior values (U1, U3).
     *
     * @param onlyNew send only records the ledger does not know at all: a ticket row's contact must
     *                not overwrite a contact imported from a contacts file with the ticket's spelling
     */
    private Delivered send(FileImport file, ObjectType type, List<CrmRecord> records, boolean onlyNew) {
        ImportReport report = file.report();
        Map<String, RecordKey> known = ledger.find(type, records.stream().map(CrmRecord::key).toList());
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        List<CrmRecord> changed = new ArrayList<>();
        for (CrmRecord r : records) {
            String hash = ContentHash.of(r);
            RecordKey k = known.get(r.key());
            if (k != null && (onlyNew || hash.equals(k.getContentHash()))) {
                outcomes.put(r.key(), Outcome.UNCHANGED);
            } else {
                changed.add(r);
                hashes.put(r.key(), hash);
            }
        }
        if (!changed.isEmpty()) {
            // before the read too: a read by crm_bridge_key needs the property
            properties.ensure(type, report);
        }
        Map<String, PortalRecord> before = changed.isEmpty() || !portal.readsBefore(type) ? Map.of()
                : portalRecords(file, type, changed);
        List<RememberedRecord> landed = new ArrayList<>();
        Set<String> held = new HashSet<>();
        List<CrmRecord> toSend = new ArrayList<>(changed.size());
        for (CrmRecord r : changed) {
            PortalRecord h = before.get(r.key());
            CrmRecord sent = portal.applyPolicy(r, h);
            // a ticket's contact the portal holds is left as it is, like one the ledger knows (onlyNew)
            if (h != null && (onlyNew || ReadBeforeWrite.changes(sent, h).isEmpty())) {
                outcomes.put(r.key(), Outcome.UNCHANGED);
                held.add(r.key());
                remember(landed, r, h.id(), hashes.get(r.key()));
            } else {
                toSend.add(sent);
            }
        }
        UpsertResult result = UpsertResult.empty();
        if (!toSend.isEmpty()) {
            result = upserter.upsert(type, toSend, report);
        }
        List<RunChanges.Change> written = new ArrayList<>();
        for (CrmRecord r : toSend) {
            UpsertResult.Upserted u = result.upserted().get(r.key());
            if (u == null) {
                outcomes.put(r.key(), Outcome.FAILED);
                continue;
            }
            outcomes.put(r.key(), u.created() ? Outcome.CREATED : Outcome.UPDATED);
            remember(landed, r, u.id(), hashes.get(r.key()));
            PortalRecord h = before.get(r.key());
            Map<String, String> prior = u.created() || h == null || !portal.keepsPriorValues() ? null
                    : ReadBeforeWrite.priorValues(r, h);
            // HubSpot's own time of the write: an undo compares it with the record's updatedAt then
            written.add(new RunChanges.Change(type, u.id(), r.key(), u.created(), r.properties(), prior,
                    u.updatedAt() == null ? Instant.now() : u.updatedAt()));
        }
        changes.record(file.runId(), written);
        return new Delivered(outcomes, result, known, landed, held);
    }

    /**
     * The portal's records of {@code records} by natural key: what the read ahead found for the file's own type
     * ({@link PortalPrefetch}), a read now for the others.
     */
    private Map<String, PortalRecord> portalRecords(FileImport file, ObjectType type, List<CrmRecord> records) {
        Map<String, PortalRecord> held = new LinkedHashMap<>();
        List<CrmRecord> unread = new ArrayList<>();
        for (CrmRecord r : records) {
            Optional<PortalRecord> ahead = type == file.type() ? file.takePrefetched(r.key()) : null;
            if (ahead == null) {
                unread.add(r);
            } else {
                ahead.ifPresent(h -> held.put(r.key(), h));
            }
        }
        if (!unread.isEmpty()) {
            held.putAll(portal.read(type, unread, file.report()));
        }
        return held;
    }

    /** Adds the record of {@code r} with its HubSpot id and content hash, and its aliases, to {@code landed}. */
    private static void remember(List<RememberedRecord> landed, CrmRecord r, String hubspotId, String hash) {
        landed.add(new RememberedRecord(r.key(), hubspotId, hash));
        r.aliases().forEach(a -> landed.add(new RememberedRecord(a, hubspotId, null)));
    }

    /**
     * What the import would report for each valid row, without writing (L7, U2): UNCHANGED when the ledger's hash
     * says it was sent as it is (as the import skips it), else from the portal read by {@code idProperty}: CREATED
     * when HubSpot does not hold the record, UNCHANGED when it holds what would be sent (and the import reads before
     * it writes), else UPDATED with the property changes on the report.
     */
    private void predict(FileImport file, List<RowResult> valid) {
        ObjectType type = file.type();
        Set<String> ledgerUnchanged = new HashSet<>();
        List<CrmRecord> ask = prefetch.toRead(file, valid.stream().map(RowResult::record).toList(), ledgerUnchanged);
        Map<String, PortalRecord> before = ask.isEmpty() ? Map.of() : portalRecords(file, type, ask);
        for (RowResult r : valid) {
            String key = r.record().key();
            PortalRecord h = before.get(key);
            if (ledgerUnchanged.contains(key)) {
                file.report().outcome(r.row().rowNumber(), Outcome.UNCHANGED, null);
            } else if (h == null) {
                file.report().outcome(r.row().rowNumber(), Outcome.CREATED, null);
            } else {
                List<PropertyChange> would = ReadBeforeWrite.changes(portal.applyPolicy(r.record(), h), h);
                if (would.isEmpty() && portal.readsBefore(type)) {
                    file.report().outcome(r.row().rowNumber(), Outcome.UNCHANGED, null);
                } else {
                    file.report().outcome(r.row().rowNumber(), Outcome.UPDATED, null);
                    file.report().propertyChanges(r.row().rowNumber(), key, would);
                }
            }
        }
    }

    private static void end(FileImport file, RowResult r, Outcome outcome, Issue issue) {
        ImportReport report = file.report();
        report.outcome(r.row().rowNumber(), outcome, issue);
        report.error(issue.code());
        report.errorSample(issue.code(), issue.message());
        try {
            file.deadLetter().append(r.row(), issue);
        } catch (IOException e) {
            // the row's outcome must not be lost silently: failing here fails the file, which is retried
            throw new ResourceUnavailableException("outbox dead-letter file (row " + r.row().rowNumber() + ")", e);
        }
    }
}
