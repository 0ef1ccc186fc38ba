package io.crmbridge.sandbox.brevo;

import io.crmbridge.brevo.BrevoPersonalisation;
import io.crmbridge.sandbox.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the sandbox's Brevo account holds: folders, lists, contact attributes, contacts, import
 * processes, e-mail templates and campaigns (with what each campaign would send), blacklisted contacts, faults
 * commanded by a test and the request log. Thread-safe: every method locks the account, so an import is all or nothing.
 * A scheduled campaign is sent when the account's clock (the system's unless a test sets one) passes its
 * {@code scheduledAt}: its status becomes {@code sent} with that time as {@code sentDate}.
 */
public final class BrevoAccount {

    /** Attributes every Brevo account has (category {@code normal}, type {@code text}). */
    static final List<String> DEFAULT_ATTRIBUTES = List.of("FIRSTNAME", "LASTNAME", "SMS");

    private final Map<Long, String> folders = new TreeMap<>();
    private final Map<Long, BrevoList> lists = new TreeMap<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, BrevoContact> contacts = new LinkedHashMap<>();
    private final Map<Long, String> processes = new TreeMap<>();
    private final List<RecordedRequest> requestLog = new ArrayList<>();
    private final Map<Long, BrevoTemplate> templates = new TreeMap<>();
    private final Map<Long, BrevoCampaign> campaigns = new TreeMap<>();
    private final Set<String> blacklisted = new LinkedHashSet<>();
    private final java.util.Deque<CommandedFault> commandedFaults = new java.util.ArrayDeque<>();
    private long nextId = 1;
    private java.time.Clock clock = java.time.Clock.systemUTC();

    BrevoAccount() {
        DEFAULT_ATTRIBUTES.forEach(a -> attributes.put(a, "text"));
    }

    /** The contact with this email (any case), if the account has one. */
    public synchronized Optional<BrevoContact> contact(String email) {
        return Optional.ofNullable(contacts.get(email.toLowerCase(Locale.ROOT)));
    }

    /** Every contact, in creation order. */
    public synchronized List<BrevoContact> contacts() {
        return List.copyOf(contacts.values());
    }

    /** Every list, in id order. */
    public synchronized List<BrevoList> lists() {
        return List.copyOf(lists.values());
    }

    /** The list of that name, if there is one. */
    public synchronized Optional<BrevoList> list(String name) {
        return lists.values().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** Emails of the list's contacts, in creation order. */
    public synchronized List<String> listMembers(long listId) {
        return contacts.values().stream().filter(c -> c.listIds().contains(listId)).map(BrevoContact::email).toList();
    }

    /**
     * Deletes a list as a Brevo user would ({@code DELETE /v3/contacts/lists/{id}}); its contacts stay.
     *
     * @return false when there is no such list
     */
    public synchronized boolean deleteList(long id) {
        if (lists.remove(id) == null) {
            return false;
        }
        for (BrevoContact c : List.copyOf(contacts.values())) {
            if (c.listIds().contains(id)) {
                Set<Long> rest = new LinkedHashSet<>(c.listIds());
                rest.remove(id);
                contacts.put(c.email(), new BrevoContact(c.id(), c.email(), c.attributes(), rest));
            }
        }
        return true;
    }

    /** Attribute name to type ({@code text}, {@code float}, {@code date}, {@code boolean}). */
    public synchronized Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    /** Every request received, in order. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requestLog);
    }

    /** Drops folders, lists, created attributes, contacts, processes and the request log. */
    public synchronized void reset() {
        folders.clear();
        lists.clear();
        contacts.clear();
        processes.clear();
        requestLog.clear();
        templates.clear();
        campaigns.clear();
        blacklisted.clear();
        commandedFaults.clear();
        attributes.clear();
        DEFAULT_ATTRIBUTES.forEach(a -> attributes.put(a, "text"));
        clock = java.time.Clock.systemUTC();
    }

    /** Sets the clock that decides when a scheduled campaign is sent (the system's by default and after a reset). */
    public synchronized void setClock(java.time.Clock clock) {
        this.clock = clock;
    }

    /**
     * Suspends campaign {@code id} as Brevo does with a campaign it holds back (or a user with
     * {@code PUT /v3/emailCampaigns/{id}/status}): it will not be sent and answers {@code status: suspended}.
     *
     * @return false when there is no such campaign
     */
    public synchronized boolean suspend(long id) {
        BrevoCampaign c = campaigns.get(id);
        if (c == null) {
            return false;
        }
        campaigns.put(id, c.withStatus("suspended", null));
        return true;
    }

    /** Every e-mail template, in id order. */
    public synchronized List<BrevoTemplate> templates() {
        return List.copyOf(templates.values());
    }

    /** Every e-mail campaign, in id order, with what it would send and its status by the account's clock. */
    public synchronized List<BrevoCampaign> campaigns() {
        List.copyOf(campaigns.keySet()).forEach(this::sendWhenDue);
        return List.copyOf(campaigns.values());
    }

    /** Campaign {@code id} with its status by the account's clock, if the account has it. */
    public synchronized Optional<BrevoCampaign> campaign(long id) {
        sendWhenDue(id);
        return Optional.ofNullable(campaigns.get(id));
    }

    /** A queued campaign whose scheduledAt the clock has passed is sent, at its scheduledAt. */
    private void sendWhenDue(long id) {
        BrevoCampaign c = campaigns.get(id);
        if (c != null && "queued".equals(c.status()) && c.scheduledAt() != null
                && !java.time.OffsetDateTime.parse(c.scheduledAt()).toInstant().isAfter(clock.instant())) {
            campaigns.put(id, c.withStatus("sent", c.scheduledAt()));
        }
    }

    /**
     * Marks a contact as having unsubscribed from e-mails ({@code emailBlacklisted: true} in its answers, as
     * Brevo shows a contact who unsubscribed); campaigns created afterwards leave it out.
     */
    public synchronized void blacklist(String email) {
        blacklisted.add(email.toLowerCase(Locale.ROOT));
    }

    /** True when the contact unsubscribed from e-mails ({@link #blacklist}). */
    public synchronized boolean isBlacklisted(String email) {
        return blacklisted.contains(email.toLowerCase(Locale.ROOT));
    }

    /**
     * Makes the next {@code times} requests of {@code method} on {@code path} (exact path, e.g.
     * {@code /v3/emailCampaigns}) answer {@code status} with Brevo's error body, before any handling, so that a
     * refused call changes nothing; the faults of {@code sandbox.faults.*} are drawn at random, these on command.
     */
    public synchronized void failNext(String method, String path, int status, int times) {
        for (int i = 0; i < times; i++) {
            commandedFaults.add(new CommandedFault(method, path, status));
        }
    }

    /** The status of the first commanded fault for this request, consumed, or 0 when none applies. */
    synchronized int takeCommandedFault(String method, String path) {
        for (java.util.Iterator<CommandedFault> it = commandedFaults.iterator(); it.hasNext(); ) {
            CommandedFault f = it.next();
            if (f.method().equals(method) && f.path().equals(path)) {
                it.remove();
                return f.status();
            }
        }
        return 0;
    }

    synchronized long createTemplate(BrevoTemplate template) {
        long id = nextId++;
        templates.put(id, new BrevoTemplate(id, template.name(), template.subject(), template.senderName(),
                template.senderEmail(), template.htmlContent(), template.active()));
        return id;
    }

    synchronized Optional<BrevoTemplate> template(long id) {
        return Optional.ofNullable(templates.get(id));
    }

    synchronized void replaceTemplate(BrevoTemplate template) {
        templates.put(template.id(), template);
    }

    /**
     * Creates a campaign and takes what it would send: the contacts of {@code listIds}, less those of
     * {@code exclusionListIds} and the blacklisted, each with its attributes filled into the subject and body.
     *
     * @throws BrevoError 404 when a list or the template does not exist
     */
    synchronized long createCampaign(String name, String subject, Long templateId, String htmlContent,
                                     List<Long> listIds, List<Long> exclusionListIds, String scheduledAt) {
        for (long listId : concat(listIds, exclusionListIds)) {
            if (!lists.containsKey(listId)) {
                throw BrevoError.notFound("List ID does not exist: " + listId);
            }
        }
        String html = htmlContent;
        String title = subject;
        if (templateId != null) {
            BrevoTemplate t = template(templateId).orElseThrow(() -> BrevoError.notFound("Template ID does not exist"));
            html = t.htmlContent();
            title = title == null ? t.subject() : title;
        }
        List<BrevoCampaign.Delivery> deliveries = new ArrayList<>();
        for (BrevoContact c : contacts.values()) {
            boolean included = c.listIds().stream().anyMatch(listIds::contains);
            boolean excluded = c.listIds().stream().anyMatch(exclusionListIds::contains);
            if (included && !excluded && !blacklisted.contains(c.email())) {
                deliveries.add(new BrevoCampaign.Delivery(c.email(), c.attributes(),
                        BrevoPersonalisation.fill(title, c.attributes()),
                        BrevoPersonalisation.fill(html, c.attributes())));
            }
        }
        long id = nextId++;
        campaigns.put(id, new BrevoCampaign(id, name, title, templateId, listIds, exclusionListIds, scheduledAt,
                scheduledAt == null ? "draft" : "queued", null, deliveries));
        return id;
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private record CommandedFault(String method, String path, int status) {
    }

    synchronized void log(RecordedRequest request) {
        requestLog.add(request);
    }

    synchronized Map<Long, String> folders() {
        return Map.copyOf(folders);
    }

    synchronized long createFolder(String name) {
        long id = nextId++;
        folders.put(id, name);
        return id;
    }

    synchronized long createList(String name, long folderId) {
        if (!folders.containsKey(folderId)) {
            throw BrevoError.notFound("Folder ID does not exist");
        }
        if (list(name).isPresent()) {
            throw new BrevoError(400, "duplicate_parameter", "List name already exists");
        }
        long id = nextId++;
        lists.put(id, new BrevoList(id, name, folderId));
        return id;
    }

    synchronized Optional<BrevoList> list(long id) {
        return Optional.ofNullable(lists.get(id));
    }

    synchronized void createAttribute(String name, String type) {
        String key = name.toUpperCase(Locale.ROOT);
        if (attributes.containsKey(key)) {
            throw new BrevoError(400, "duplicate_parameter", "Attribute name already exists");
        }
        attributes.put(key, type);
    }

    /**
     * Imports contacts as one completed process: creates the new ones, updates the existing ones when
     * {@code updateExisting} (an empty value clears an attribute only with {@code emptyAttributes}), drops
     * attributes the account does not define (as Brevo does) and adds every contact to {@code listIds}.
     *
     * @return the process id
     * @throws BrevoError 404 when a list does not exist
     */
    synchronized long importContacts(List<Map.Entry<String, Map<String, Object>>> entries, List<Long> listIds,
                                     boolean updateExisting, boolean emptyAttributes) {
        for (long listId : listIds) {
            if (!lists.containsKey(listId)) {
                throw BrevoError.notFound("List ID does not exist: " + listId);
            }
        }
        for (Map.Entry<String, Map<String, Object>> entry : entries) {
            String email = entry.getKey().toLowerCase(Locale.ROOT);
            BrevoContact existing = contacts.get(email);
            Map<String, Object> values = existing == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing.attributes());
            if (existing == null || updateExisting) {
                entry.getValue().forEach((name, value) -> {
                    String key = name.toUpperCase(Locale.ROOT);
                    if (!attributes.containsKey(key)) {
                        return;
                    }
                    if (value == null || value.toString().isEmpty()) {
                        if (emptyAttributes) {
                            values.remove(key);
                        }
                    } else {
                        values.put(key, value);
                    }
                });
            }
            Set<Long> memberOf = existing == null ? new LinkedHashSet<>() : new LinkedHashSet<>(existing.listIds());
            memberOf.addAll(listIds);
            contacts.put(email, new BrevoContact(existing == null ? nextId++ : existing.id(), email, values, memberOf));
        }
        long process = nextId++;
        processes.put(process, "completed");
        return process;
    }

    synchronized Optional<String> processStatus(long id) {
        return Optional.ofNullable(processes.get(id));
    }
}
