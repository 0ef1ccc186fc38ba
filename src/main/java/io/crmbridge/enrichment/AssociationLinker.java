package io.crmbridge.enrichment;

import io.crmbridge.hubspot.AssociationWriter;
import io.crmbridge.hubspot.HubSpotCallException;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ledger.MadeLink;
import io.crmbridge.ledger.PendingLink;
import io.crmbridge.ledger.RecordKey;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every pending link whose two ends now have HubSpot ids (E2, E3), whatever file they came
 * from: resolves natural keys and aliases through the ledger, creates the associations in batches
 * of 100 through the v4 API (L2) and marks them made. Links through a contact
 * ({@code contact:<email>} targets: ticket -> company) follow the contact's own company link, so
 * they are resolved after the direct links. Links still unresolved stay pending. Each page of pending links is
 * claimed by one sweep at a time, so that two instances on one database send each link once (docs/cluster.md).
 */
public final class AssociationLinker {

    private static final Logger LOG = LoggerFactory.getLogger(AssociationLinker.class);
    private static final int PAGE = 1_000;
    private static final int BATCH = 100;
    private static final String VIA_CONTACT = "contact:";
    private static final int CONTACT_TO_COMPANY = 279;

    private final Ledger ledger;
    private final AssociationWriter writer;

    public AssociationLinker(Ledger ledger, AssociationWriter writer) {
        this.ledger = ledger;
        this.writer = writer;
    }

    /**
     * Links what can be linked now; counts created and still-pending associations on the report. The associations
     * made are recorded as made by run {@code runId} (undoing that run archives them, U1).
     *
     * @return the number of associations created
     * @throws HubSpotCallException for 401/403 (a refused batch of another kind is left pending and logged)
     */
    public int linkPending(long runId, ImportReport report) {
        int created = pass(false, runId, report) + pass(true, runId, report);
        report.associationsCreated(created);
        report.associationsPending(ledger.pendingCount());
        return created;
    }

    /**
     * Links the pending links of one kind (through a contact or direct), a page at a time: each page is claimed by
     * this sweep for as long as it sends its associations and records them made (Ledger#claimPending), so that
     * another sweep, of this instance or of another one on the same database, never sends the same link.
     */
    private int pass(boolean viaContact, long runId, ImportReport report) {
        int created = 0;
        long after = 0;
        while (true) {
            // a direct link can be made only once its target landed: only those are claimed
            PageResult result = ledger.claimPending(after, PAGE, VIA_CONTACT, viaContact, runId,
                    claimed -> claimed.links().isEmpty() ? null : linkPage(claimed, report));
            if (result == null) {
                return created;
            }
            created += result.created();
            if (result.refusal() != null) {
                // what this page made is committed; the run stops on the refused token or scopes
                throw result.refusal();
            }
            after = result.lastId();
        }
    }

    /**
     * What one claimed page came to: associations created, the id of its last link, and HubSpot's refusal of the
     * token or its scopes when that stopped it (thrown once the page's made links are committed).
     */
    private record PageResult(int created, long lastId, HubSpotCallException refusal) {
    }

    private PageResult linkPage(Ledger.ClaimedLinks claimed, ImportReport report) {
        List<PendingLink> page = claimed.links();
        long lastId = page.get(page.size() - 1).getId();
        List<String> viaContacts = page.stream().map(p -> p.toLink().toKey()).filter(k -> k.startsWith(VIA_CONTACT))
                .map(k -> k.substring(VIA_CONTACT.length())).toList();
        Map<String, String> companyOfContact = viaContacts.isEmpty() ? Map.of()
                : claimed.linkedTargets(ObjectType.CONTACTS, viaContacts, ObjectType.COMPANIES, CONTACT_TO_COMPANY);
        Map<ObjectType, Map<String, RecordKey>> targets = lookUp(claimed, page.stream().map(PendingLink::toLink)
                .filter(l -> !l.toKey().startsWith(VIA_CONTACT)).toList(), Link::toType, Link::toKey);
        // targets first: a link whose target has not landed stays pending, its source need not be looked up
        Map<PendingLink, String> targetIds = new LinkedHashMap<>();
        for (PendingLink p : page) {
            Link l = p.toLink();
            Optional<String> toId = l.toKey().startsWith(VIA_CONTACT)
                    ? Optional.ofNullable(companyOfContact.get(l.toKey().substring(VIA_CONTACT.length())))
                    : Optional.ofNullable(targets.get(l.toType()).get(l.toKey())).map(RecordKey::getHubspotId);
            toId.ifPresent(id -> targetIds.put(p, id));
        }
        Map<ObjectType, Map<String, RecordKey>> sources = lookUp(claimed, targetIds.keySet().stream()
                .map(PendingLink::toLink).toList(), Link::fromType, Link::fromKey);
        Map<String, List<MadeLink>> byKind = new LinkedHashMap<>();
        targetIds.forEach((p, toId) -> {
            Link l = p.toLink();
            RecordKey from = sources.get(l.fromType()).get(l.fromKey());
            if (from != null) {
                byKind.computeIfAbsent(l.fromType() + ">" + l.toType() + ">" + l.associationTypeId(),
                        k -> new ArrayList<>()).add(new MadeLink(p.getId(), l, from.getHubspotId(), toId));
            }
        });
        int created = 0;
        for (List<MadeLink> kind : byKind.values()) {
            for (int i = 0; i < kind.size(); i += BATCH) {
                List<MadeLink> batch = kind.subList(i, Math.min(kind.size(), i + BATCH));
                Link first = batch.get(0).link();
                try {
                    AssociationWriter.Outcome outcome = writer.create(first.fromType(), first.toType(),
                            first.associationTypeId(), batch.stream().map(AssociationLinker::pair).toList(), report);
                    List<MadeLink> made = batch.stream().filter(m -> !outcome.refused().contains(pair(m))).toList();
                    claimed.linked(made);
                    created += made.size();
                    if (!outcome.refused().isEmpty()) {
                        LOG.warn("{} associations {} -> {} refused by HubSpot, left pending: {}", outcome.refused().size(),
                                first.fromType(), first.toType(), outcome.reason());
                    }
                } catch (HubSpotCallException e) {
                    if (e.isAuthProblem()) {
                        return new PageResult(created, lastId, e);
                    }
                    LOG.warn("{} associations {} -> {} left pending: {}", batch.size(), first.fromType(),
                            first.toType(), e.getMessage());
                }
            }
        }
        return new PageResult(created, lastId, null);
    }

    private static AssociationWriter.Pair pair(MadeLink link) {
        return new AssociationWriter.Pair(link.fromId(), link.toId());
    }

    /** The ledger's records of the keys {@code key} picks from {@code links}, by object type and key. */
    private static Map<ObjectType, Map<String, RecordKey>> lookUp(Ledger.ClaimedLinks claimed, List<Link> links,
                                                                  Function<Link, ObjectType> type,
                                                                  Function<Link, String> key) {
        Map<ObjectType, Set<String>> keys = new HashMap<>();
        for (ObjectType t : ObjectType.values()) {
            keys.put(t, new java.util.HashSet<>());
        }
        for (Link l : links) {
            keys.get(type.apply(l)).add(key.apply(l));
        }
        return keys.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().isEmpty() ? Map.of() : claimed.find(e.getKey(), e.getValue())));
    }
}
