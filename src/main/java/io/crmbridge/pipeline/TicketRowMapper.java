package io.crmbridge.pipeline;

import io.crmbridge.enrichment.ContactExtractor;
import io.crmbridge.enrichment.ExtractedContacts;
import io.crmbridge.intake.ColumnMapping;
import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.RowResult;
import io.crmbridge.model.SourceRow;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.NameSplitter;
import io.crmbridge.validation.RequiredFields;
import io.crmbridge.validation.ValueCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Ticket rows (V1, E1, E2, L1): subject required ({@link RequiredFields}); key = the source ticket id, else a hash of
 * subject, description, customer e-mail and creation date (so a re-run never duplicates). Emails
 * and phones are pulled out of subject and description (E1): the first e-mail stands in for a
 * missing customer e-mail, the first phone becomes the contact's phone. A row with a customer
 * e-mail also upserts that contact (as HubSpot's own import does), once per file (the first
 * ticket row of a customer gives the contact's name), and asks for ticket -> contact (16) and
 * ticket -> company through that contact (339) links (hubspot-api.md §2.3). Missing pipeline and
 * stage get the configured defaults (HubSpot's default pipeline {@code 0}, stage {@code 1} new).
 */
public final class TicketRowMapper implements RowMapper {

    static final int TICKET_TO_CONTACT = 16;
    static final int TICKET_TO_COMPANY = 339;
    private static final RequiredFields REQUIRED = RequiredFields.of(ObjectType.TICKETS);

    private final EmailValidator emails;
    private final ContactExtractor extractor;
    private final RecordProperties properties;
    private final ContactRowMapper contacts;
    private final String defaultPipeline;
    private final String defaultStage;

    public TicketRowMapper(EmailValidator emails, ContactExtractor extractor, RecordProperties properties,
                           ContactRowMapper contacts, String defaultPipeline, String defaultStage) {
        this.emails = emails;
        this.extractor = extractor;
        this.properties = properties;
        this.contacts = contacts;
        this.defaultPipeline = defaultPipeline;
        this.defaultStage = defaultStage;
    }

    @Override
    public RowResult map(SourceRow row, FileImport file) {
        ColumnMapping m = file.mapping();
        List<Issue> warnings = new ArrayList<>();
        String subject = m.value(row, "subject");
        if (!REQUIRED.metBy(field -> m.value(row, field) != null)) {
            return RowResult.rejected(row, ErrorCode.MISSING_REQUIRED.issue(REQUIRED.description()), warnings);
        }
        String content = m.value(row, "content");
        String rawEmail = m.value(row, "customer_email");
        String email = null;
        if (rawEmail != null) {
            ValueCheck c = emails.check(rawEmail);
            if (c.isValid()) {
                email = c.value();
            } else {
                warnings.add(ErrorCode.INVALID_OPTIONAL_EMAIL.issue(rawEmail, file.column("customer_email")));
            }
        }
        String ticketId = m.value(row, "ticket_id");
        String key = ticketId != null ? ticketId
                : "sha256:" + sha256(subject, content, email, m.value(row, "created_date"));
        OptionalLong earlier = file.duplicates("ticket").firstRowWith(key, row.rowNumber());
        if (earlier.isPresent()) {
            return RowResult.rejected(row, ErrorCode.DUPLICATE_IN_FILE.issue(earlier.getAsLong(),
                    ticketId != null ? "ticket id" : "content", key), warnings);
        }
        ExtractedContacts found = extractor.extract(content == null ? subject : subject + "\n" + content);
        if (email == null && !found.emails().isEmpty()) {
            email = found.emails().get(0);
        }
        Map<String, String> props = properties.map(ObjectType.TICKETS, row, file, null, Set.of(), warnings);
        props.putIfAbsent("hs_pipeline", defaultPipeline);
        props.putIfAbsent("hs_pipeline_stage", defaultStage);
        props.put(PropertyMapping.KEY_PROPERTY, key);
        CrmRecord ticket = new CrmRecord(ObjectType.TICKETS, PropertyMapping.KEY_PROPERTY, key, props, List.of());

        List<CrmRecord> secondary = new ArrayList<>(1);
        List<Link> links = new ArrayList<>(3);
        if (email != null) {
            links.add(new Link(ObjectType.TICKETS, key, ObjectType.CONTACTS, email, TICKET_TO_CONTACT));
            links.add(new Link(ObjectType.TICKETS, key, ObjectType.COMPANIES, NaturalKeys.companyOfContact(email),
                    TICKET_TO_COMPANY));
            if (file.duplicates("ticket-contact").firstRowWith(email, row.rowNumber()).isEmpty()) {
                secondary.add(contact(email, m.value(row, "customer_name"), found));
                contacts.companyLink(email, null, email, null).ifPresent(links::add);
            }
        }
        return new RowResult(row, ticket, secondary, links, null, warnings);
    }

    private static CrmRecord contact(String email, String name, ExtractedContacts found) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("email", email);
        if (name != null) {
            String[] split = NameSplitter.split(name);
            ContactRowMapper.putIfPresent(props, "firstname", split[0]);
            ContactRowMapper.putIfPresent(props, "lastname", split[1]);
        }
        if (!found.phones().isEmpty()) {
            props.put("phone", found.phones().get(0));
        }
        return new CrmRecord(ObjectType.CONTACTS, "email", email, props, List.of());
    }

    private static String sha256(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update((p == null ? "" : p).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
