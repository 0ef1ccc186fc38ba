package io.crmbridge.push;

import io.crmbridge.brevo.BrevoAttributes;
import io.crmbridge.brevo.BrevoCallException;
import io.crmbridge.brevo.BrevoContactImporter;
import io.crmbridge.brevo.BrevoImportResult;
import io.crmbridge.brevo.BrevoLists;
import io.crmbridge.config.BridgeSettings;
import io.crmbridge.hubspot.HubSpotCallException;
import io.crmbridge.hubspot.HubSpotGateway;
import io.crmbridge.hubspot.PropertyEnsurer;
import io.crmbridge.hubspot.RecordUpserter;
import io.crmbridge.hubspot.UpsertResult;
import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.SourceRow;
import io.crmbridge.report.DeadLetterWriter;
import io.crmbridge.report.FreeNames;
import io.crmbridge.sales.CustomerProfile;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.ValueCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes scored clients (PRODUCT.md W3; the body of {@code direct:push-customers}, routes/customer-push.yaml)
 * to HubSpot and Brevo:
 * <ol>
 *   <li>clients without a valid email, or repeating an email already pushed in this call, are dead-lettered
 *       and sent nowhere (both targets key contacts by email);</li>
 *   <li>HubSpot: the RFM properties are created when missing ({@link RfmContactFields}, group
 *       {@code crm_bridge_rfm}), then contacts are upserted by email in batches of at most 100 through the
 *       existing client ({@link RecordUpserter}, {@code direct:hubspot-request});</li>
 *   <li>Brevo: the RFM attributes are created when missing, then each segment's contacts are imported into
 *       the list {@code <brevo.list-prefix><segment>} (found by name or created) in batches of at most 100.</li>
 * </ol>
 * A contact a target refuses, or that cannot be delivered after redelivery (also when its properties,
 * attributes or list could not be prepared), gets a dead-letter row naming the target and the reason ({@code outbox/dead-letter/customer-push-<UTC time>.rejected.csv}); the others
 * still land. A refused HubSpot token or Brevo key (401/403) stops the push with the target's message.
 */
public class CustomerPush {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerPush.class);
    static final List<String> DEAD_LETTER_HEADER = List.of("client_code", "email", "first_name", "last_name",
            "rfm_segment", "target");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS").withZone(ZoneOffset.UTC);

    private final BridgeSettings settings;
    private final HubSpotGateway hubspot;
    private final RecordUpserter upserter;
    private final BrevoLists brevoLists;
    private final BrevoAttributes brevoAttributes;
    private final BrevoContactImporter brevoImporter;
    private final EmailValidator emails;
    private final Clock clock;

    public CustomerPush(BridgeSettings settings, HubSpotGateway hubspot, RecordUpserter upserter, BrevoLists brevoLists,
                        BrevoAttributes brevoAttributes, BrevoContactImporter brevoImporter, EmailValidator emails,
                        Clock clock) {
        this.settings = settings;
        this.hubspot = hubspot;
        this.upserter = upserter;
        this.brevoLists = brevoLists;
        this.brevoAttributes = brevoAttributes;
        this.brevoImporter = brevoImporter;
        this.emails = emails;
        this.clock = clock;
    }

    /**
     * Pushes the clients to both targets.
     *
     * @param profiles scored clients, in the order their dead-letter rows are numbered (1 = first)
     * @return the counts per target and outcome
     * @throws io.crmbridge.hubspot.HubSpotCallException when HubSpot refuses the token or its scopes
     * @throws io.crmbridge.brevo.BrevoCallException     when Brevo refuses the API key
     * @throws UncheckedIOException                      when the dead-letter CSV cannot be written
     */
    public PushResult push(List<CustomerProfile> profiles) {
        String deadLetterName = claimDeadLetterName();
        Tally tally = new Tally();
        Map<String, Long> listIds = new TreeMap<>();
        Map<String, Integer> segments = new TreeMap<>();
        try (DeadLetterWriter deadLetters = new DeadLetterWriter(settings.deadLetterDir(), deadLetterName, DEAD_LETTER_HEADER);
             NameClaim ignored = () -> Files.deleteIfExists(claimFile(deadLetterName))) {
            Map<String, Numbered> sendable = new LinkedHashMap<>();
            for (int i = 0; i < profiles.size(); i++) {
                Numbered client = new Numbered(i + 1, profiles.get(i));
                segments.merge(client.profile().rfmSegment(), 1, Integer::sum);
                Issue problem = addressProblem(client.profile(), sendable);
                if (problem != null) {
                    tally.count("hubspot", "skipped", client, hubspotList(client));
                    tally.count("brevo", "skipped", client, brevoLists.nameOf(client.profile().rfmSegment()));
                    deadLetter(deadLetters, client, "hubspot+brevo", problem);
                } else {
                    sendable.put(emails.check(client.profile().email()).value(), client);
                }
            }
            if (!settings.dryRun()) {
                pushToHubSpot(sendable, tally, deadLetters);
                pushToBrevo(sendable, tally, deadLetters, listIds);
            }
            PushResult result = new PushResult(profiles.size(), settings.dryRun(), segments, tally.of("hubspot"),
                    tally.of("brevo"), listIds, deadLetters.count(), deadLetters.file()
                    .map(f -> settings.outbox().relativize(f).toString()).orElse(null), tally.deliveries());
            String where = result.deadLetterFile() == null ? "" : " in " + settings.outbox().resolve(result.deadLetterFile());
            if (settings.dryRun()) {
                // nothing was sent: say what a real run would send, not counts of zero that read like failures
                LOG.info("Dry run: would push {} of {} scored clients to HubSpot and Brevo (nothing sent); {} dead-letter"
                        + " rows{}", sendable.size(), profiles.size(), result.deadLetters(), where);
            } else {
                LOG.info("Pushed {} scored clients: HubSpot {}, Brevo {}, {} dead-letter rows{}", profiles.size(),
                        result.hubspot(), result.brevo(), result.deadLetters(), where);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dead letters of the customer push", e);
        }
    }

    /**
     * {@code customer-push-<UTC time>}, or with a {@code -2}, {@code -3} ... suffix when another push of the same
     * millisecond (or a clock set back) left dead letters under that name ({@link FreeNames}).
     */
    private String claimDeadLetterName() {
        String first = "customer-push-" + STAMP.format(clock.instant());
        try {
            return FreeNames.claim(n -> FreeNames.numbered(first, n), this::claimFile,
                    name -> List.of(settings.deadLetterDir().resolve(name + DeadLetterWriter.SUFFIX)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dead letters of the customer push", e);
        }
    }

    private Path claimFile(String deadLetterName) {
        return settings.deadLetterDir().resolve("." + deadLetterName + ".running");
    }

    /** Gives the claimed name up when the push ends: its dead-letter file, if any, now holds the name. */
    private interface NameClaim extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    private Issue addressProblem(CustomerProfile p, Map<String, Numbered> sendable) {
        if (p.email() == null || p.email().isBlank()) {
            return ErrorCode.MISSING_REQUIRED.issue("email (HubSpot and Brevo contacts are keyed by email)");
        }
        ValueCheck check = emails.check(p.email());
        if (!check.isValid()) {
            return ErrorCode.INVALID_EMAIL.issue(p.email(), check.problem());
        }
        Numbered first = sendable.get(check.value());
        if (first != null) {
            return ErrorCode.DUPLICATE_IN_FILE.issue(first.number(), "email", check.value());
        }
        return null;
    }

    private void pushToHubSpot(Map<String, Numbered> sendable, Tally tally, DeadLetterWriter deadLetters) throws IOException {
        if (sendable.isEmpty()) {
            return;
        }
        try {
            new PropertyEnsurer(hubspot, RfmContactFields.hubspotProperties()).ensure(ObjectType.CONTACTS, null);
        } catch (HubSpotCallException e) {
            if (e.isAuthProblem()) {
                throw e;
            }
            Issue issue = e.status() == 0 || e.status() == 429 || e.status() >= 500
                    ? ErrorCode.HUBSPOT_UNAVAILABLE.issue(e.getMessage())
                    : ErrorCode.DELIVERY_ERROR.issue("HubSpot refused the RFM properties: " + e.getMessage());
            for (Numbered n : sendable.values()) {
                tally.count("hubspot", "failed", n, hubspotList(n));
                deadLetter(deadLetters, n, "hubspot", issue);
            }
            return;
        }
        List<CrmRecord> records = sendable.values().stream().map(n -> RfmContactFields.hubspotRecord(n.profile())).toList();
        for (int from = 0; from < records.size(); from += settings.batchSize()) {
            UpsertResult result = upserter.upsert(ObjectType.CONTACTS,
                    records.subList(from, Math.min(records.size(), from + settings.batchSize())), null);
            result.upserted().forEach((email, u) -> tally.count("hubspot", u.created() ? "created" : "updated",
                    sendable.get(email), hubspotList(sendable.get(email))));
            for (Map.Entry<String, String> r : result.rejected().entrySet()) {
                tally.count("hubspot", "rejected", sendable.get(r.getKey()), hubspotList(sendable.get(r.getKey())));
                deadLetter(deadLetters, sendable.get(r.getKey()), "hubspot", ErrorCode.HUBSPOT_REJECTED.issue(r.getValue()));
            }
            for (Map.Entry<String, String> r : result.unreachable().entrySet()) {
                tally.count("hubspot", "failed", sendable.get(r.getKey()), hubspotList(sendable.get(r.getKey())));
                deadLetter(deadLetters, sendable.get(r.getKey()), "hubspot", ErrorCode.HUBSPOT_UNAVAILABLE.issue(r.getValue()));
            }
        }
    }

    private void pushToBrevo(Map<String, Numbered> sendable, Tally tally, DeadLetterWriter deadLetters,
                             Map<String, Long> listIds) throws IOException {
        if (sendable.isEmpty()) {
            return;
        }
        Map<String, Map<String, Map<String, Object>>> bySegment = new TreeMap<>();
        sendable.forEach((email, n) -> bySegment.computeIfAbsent(n.profile().rfmSegment(), s -> new LinkedHashMap<>())
                .put(email, RfmContactFields.brevoAttributes(n.profile())));
        try {
            brevoAttributes.ensure(RfmContactFields.brevoAttributeTypes());
        } catch (BrevoCallException e) {
            brevoFailed(sendable.values(), e, "the RFM attributes", tally, deadLetters);
            return;
        }
        for (Map.Entry<String, Map<String, Map<String, Object>>> segment : bySegment.entrySet()) {
            long listId;
            try {
                listId = brevoLists.listId(brevoLists.nameOf(segment.getKey()));
            } catch (BrevoCallException e) {
                brevoFailed(segment.getValue().keySet().stream().map(sendable::get).toList(), e,
                        "the list of segment " + segment.getKey(), tally, deadLetters);
                continue;
            }
            listIds.put(segment.getKey(), listId);
            List<String> members = new ArrayList<>(segment.getValue().keySet());
            for (int from = 0; from < members.size(); from += BrevoContactImporter.MAX_BATCH) {
                Map<String, Map<String, Object>> batch = new LinkedHashMap<>();
                members.subList(from, Math.min(members.size(), from + BrevoContactImporter.MAX_BATCH))
                        .forEach(email -> batch.put(email, segment.getValue().get(email)));
                BrevoImportResult result;
                try {
                    result = importInto(segment.getKey(), listId, batch, listIds);
                } catch (BrevoCallException e) {
                    brevoFailed(batch.keySet().stream().map(sendable::get).toList(), e,
                            "the list of segment " + segment.getKey(), tally, deadLetters);
                    continue;
                }
                listId = listIds.get(segment.getKey());
                String list = brevoLists.nameOf(segment.getKey());
                result.imported().keySet().forEach(e -> tally.count("brevo", "imported", sendable.get(e), list));
                for (Map.Entry<String, String> r : result.rejected().entrySet()) {
                    tally.count("brevo", "rejected", sendable.get(r.getKey()), list);
                    deadLetter(deadLetters, sendable.get(r.getKey()), "brevo", ErrorCode.BREVO_REJECTED.issue(r.getValue()));
                }
                for (Map.Entry<String, String> r : result.unreachable().entrySet()) {
                    tally.count("brevo", "failed", sendable.get(r.getKey()), list);
                    deadLetter(deadLetters, sendable.get(r.getKey()), "brevo", ErrorCode.BREVO_UNAVAILABLE.issue(r.getValue()));
                }
            }
        }
    }

    /**
     * Imports a batch; when Brevo answers 404 (the remembered list was deleted in Brevo meanwhile), the list is
     * found or created again by name and the batch imported once more.
     */
    private BrevoImportResult importInto(String segment, long listId, Map<String, Map<String, Object>> batch,
                                         Map<String, Long> listIds) {
        try {
            return brevoImporter.importInto(listId, batch);
        } catch (BrevoCallException e) {
            if (e.status() != 404) {
                throw e;
            }
            String name = brevoLists.nameOf(segment);
            LOG.warn("Brevo list '{}' (id {}) no longer exists: finding or creating it again", name, listId);
            brevoLists.forget(name);
            long again = brevoLists.listId(name);
            listIds.put(segment, again);
            return brevoImporter.importInto(again, batch);
        }
    }

    /** Every client of {@code clients} failed for Brevo because {@code what} could not be prepared. */
    private void brevoFailed(java.util.Collection<Numbered> clients, BrevoCallException e, String what, Tally tally,
                             DeadLetterWriter deadLetters) throws IOException {
        if (e.isAuthProblem()) {
            throw e;
        }
        Issue issue = e.isRecordProblem()
                ? ErrorCode.BREVO_REJECTED.issue("Brevo refused " + what + ": " + e.getMessage())
                : ErrorCode.BREVO_UNAVAILABLE.issue(e.getMessage());
        for (Numbered n : clients) {
            tally.count("brevo", "failed", n, brevoLists.nameOf(n.profile().rfmSegment()));
            deadLetter(deadLetters, n, "brevo", issue);
        }
    }

    private static void deadLetter(DeadLetterWriter writer, Numbered client, String target, Issue issue) throws IOException {
        CustomerProfile p = client.profile();
        List<String> cells = new ArrayList<>();
        for (String v : new String[] {p.clientCode(), p.email(), p.firstName(), p.lastName(), p.rfmSegment(), target}) {
            cells.add(v == null ? "" : v);
        }
        writer.append(new SourceRow(client.number(), cells, null), issue);
    }

    /** A profile with its 1-based position in the pushed list. */
    private record Numbered(int number, CustomerProfile profile) {
    }

    /** The "list" a HubSpot contact lands in: its segment, the value of property crm_bridge_rfm_segment. */
    private static String hubspotList(Numbered client) {
        return client == null ? null : client.profile().rfmSegment();
    }

    /** Counts per target and outcome, every outcome of a target present (0 when none), and each client's outcome. */
    private static final class Tally {
        private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        private final List<PushResult.Delivery> deliveries = new ArrayList<>();

        Tally() {
            counts.put("hubspot", zeros("created", "updated", "rejected", "failed", "skipped"));
            counts.put("brevo", zeros("imported", "rejected", "failed", "skipped"));
        }

        void count(String target, String outcome, Numbered client, String list) {
            counts.get(target).merge(outcome, 1L, Long::sum);
            // a key the target answered for that was not sent cannot be tied to a client: counted only
            if (client != null) {
                deliveries.add(new PushResult.Delivery(client.profile().clientCode(), target, list, outcome));
            }
        }

        List<PushResult.Delivery> deliveries() {
            return List.copyOf(deliveries);
        }

        Map<String, Long> of(String target) {
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts.get(target)));
        }

        private static Map<String, Long> zeros(String... outcomes) {
            Map<String, Long> m = new LinkedHashMap<>();
            for (String o : outcomes) {
                m.put(o, 0L);
            }
            return m;
        }
    }
}
