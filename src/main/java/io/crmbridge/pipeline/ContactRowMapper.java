package io.crmbridge.pipeline;

import io.crmbridge.intake.ColumnMapping;
import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.RowResult;
import io.crmbridge.model.SourceRow;
import io.crmbridge.validation.DomainNormalizer;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.NameSplitter;
import io.crmbridge.validation.RequiredFields;
import io.crmbridge.validation.ValueCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Contact rows (V1, V2, V5, E2): required e-mail, or first and last name ({@link RequiredFields}; a full
 * name fills both when neither is given); the e-mail is the upsert
 * key ({@code idProperty=email}, hubspot-api.md §1.6), else the names and company make a
 * {@code crm_bridge_key}. Duplicate rule: within a file the first row with a key wins, later ones
 * are rejected as DUPLICATE_IN_FILE. Link to a company by company name, else by the e-mail's
 * domain, else by the website's domain; free-mail and reserved domains never link (V6).
 */
public final class ContactRowMapper implements RowMapper {

    static final int CONTACT_TO_COMPANY = 279;
    private static final Set<String> HANDLED = Set.of("email", "firstname", "lastname", "fullname");
    private static final RequiredFields REQUIRED = RequiredFields.of(ObjectType.CONTACTS);

    private final EmailValidator emails;
    private final DomainNormalizer domains;
    private final RecordProperties properties;

    public ContactRowMapper(EmailValidator emails, DomainNormalizer domains, RecordProperties properties) {
        this.emails = emails;
        this.domains = domains;
        this.properties = properties;
    }

    @Override
    public RowResult map(SourceRow row, FileImport file) {
        ColumnMapping m = file.mapping();
        List<Issue> warnings = new ArrayList<>();
        String first = m.value(row, "firstname");
        String last = m.value(row, "lastname");
        String full = m.value(row, "fullname");
        if (first == null && last == null && full != null) {
            String[] split = NameSplitter.split(full);
            first = split[0];
            last = split[1];
        }
        String rawEmail = m.value(row, "email");
        String email = null;
        if (rawEmail != null) {
            ValueCheck c = emails.check(rawEmail);
            if (!c.isValid()) {
                return RowResult.rejected(row, ErrorCode.INVALID_EMAIL.issue(rawEmail, c.problem()), warnings);
            }
            email = c.value();
        }
        Map<String, String> requiredValues = new HashMap<>();
        requiredValues.put("email", email);
        requiredValues.put("firstname", first);
        requiredValues.put("lastname", last);
        if (!REQUIRED.metBy(field -> requiredValues.get(field) != null)) {
            return RowResult.rejected(row, ErrorCode.MISSING_REQUIRED.issue(REQUIRED.description()), warnings);
        }
        String company = m.value(row, "company");
        String key = email != null ? email : NaturalKeys.contactByName(first, last, company);
        OptionalLong earlier = file.duplicates("contact").firstRowWith(key, row.rowNumber());
        if (earlier.isPresent()) {
            return RowResult.rejected(row, ErrorCode.DUPLICATE_IN_FILE.issue(earlier.getAsLong(),
                    email != null ? "email" : "name", key), warnings);
        }
        Map<String, String> props = properties.map(ObjectType.CONTACTS, row, file, m.value(row, "country"), HANDLED,
                warnings);
        putIfPresent(props, "email", email);
        putIfPresent(props, "firstname", first);
        putIfPresent(props, "lastname", last);
        String idProperty = "email";
        if (email == null) {
            idProperty = PropertyMapping.KEY_PROPERTY;
            props.put(PropertyMapping.KEY_PROPERTY, key);
        }
        CrmRecord record = new CrmRecord(ObjectType.CONTACTS, idProperty, key, props, List.of());
        List<Link> links = companyLink(key, company, email, m.value(row, "website"))
                .map(List::of).orElse(List.of());
        return new RowResult(row, record, List.of(), links, null, warnings);
    }

    /** The contact -> company link by name, e-mail domain or website domain, in that order of preference. */
    Optional<Link> companyLink(String contactKey, String company, String email, String website) {
        String target = null;
        if (company != null) {
            target = NaturalKeys.companyName(company);
        } else {
            Optional<String> domain = (email == null ? Optional.<String>empty() : domains.domainOfEmail(email))
                    .filter(d -> !domains.isFreeOrReserved(d));
            if (domain.isEmpty() && website != null) {
                domain = domains.domainOf(website).filter(d -> !domains.isFreeOrReserved(d));
            }
            if (domain.isPresent()) {
                target = NaturalKeys.companyDomain(domain.get());
            }
        }
        return target == null ? Optional.empty()
                : Optional.of(new Link(ObjectType.CONTACTS, contactKey, ObjectType.COMPANIES, target, CONTACT_TO_COMPANY));
    }

    static void putIfPresent(Map<String, String> props, String name, String value) {
        if (value != null && !value.isEmpty()) {
            props.put(name, value);
        }
    }
}
