package io.crmbridge.pipeline;

import io.crmbridge.intake.ColumnMapping;
import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.RowResult;
import io.crmbridge.model.SourceRow;
import io.crmbridge.validation.DomainNormalizer;
import io.crmbridge.validation.RequiredFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Company rows (V1, V5, V6, L1): name or website required ({@link RequiredFields}); the website gives the domain (no
 * scheme, no {@code www.}, no path), which is the company's key; free-mail and reserved domains
 * never become companies. Without a usable domain the normalised name is the key. Duplicate rule:
 * within a file the first row with a key (same domain, or same name when there is no domain) wins.
 * The company is upserted by {@code crm_bridge_key}, and remembered under {@code name:} and
 * {@code domain:} aliases so that contacts can link to it either way.
 */
public final class CompanyRowMapper implements RowMapper {

    private static final RequiredFields REQUIRED = RequiredFields.of(ObjectType.COMPANIES);

    private final DomainNormalizer domains;
    private final RecordProperties properties;

    public CompanyRowMapper(DomainNormalizer domains, RecordProperties properties) {
        this.domains = domains;
        this.properties = properties;
    }

    @Override
    public RowResult map(SourceRow row, FileImport file) {
        ColumnMapping m = file.mapping();
        List<Issue> warnings = new ArrayList<>();
        String name = m.value(row, "name");
        String website = m.value(row, "website");
        String domain = null;
        if (website != null) {
            Optional<String> d = domains.domainOf(website);
            if (d.isEmpty()) {
                if (name == null) {
                    return RowResult.rejected(row, ErrorCode.INVALID_DOMAIN.issue(website), warnings);
                }
                warnings.add(ErrorCode.INVALID_WEBSITE.issue(website, "no domain"));
            } else if (domains.isFreeOrReserved(d.get())) {
                if (name == null) {
                    return RowResult.rejected(row, ErrorCode.FREE_MAIL_DOMAIN.issue(website), warnings);
                }
                warnings.add(ErrorCode.INVALID_WEBSITE.issue(website, "free-mail or reserved domain"));
            } else {
                domain = d.get();
            }
        }
        // the website counts only through its usable domain
        Map<String, String> requiredValues = new HashMap<>();
        requiredValues.put("name", name);
        requiredValues.put("website", domain);
        if (!REQUIRED.metBy(field -> requiredValues.get(field) != null)) {
            return RowResult.rejected(row, ErrorCode.MISSING_REQUIRED.issue(REQUIRED.description()), warnings);
        }
        String key = domain != null ? domain : NaturalKeys.companyName(name);
        OptionalLong earlier = file.duplicates("company").firstRowWith(key, row.rowNumber());
        if (earlier.isPresent()) {
            return RowResult.rejected(row, ErrorCode.DUPLICATE_IN_FILE.issue(earlier.getAsLong(),
                    domain != null ? "domain" : "name", key), warnings);
        }
        Set<String> skip = domain == null ? Set.of("website") : Set.of();
        Map<String, String> props = properties.map(ObjectType.COMPANIES, row, file, m.value(row, "country"), skip,
                warnings);
        ContactRowMapper.putIfPresent(props, "domain", domain);
        props.put(PropertyMapping.KEY_PROPERTY, key);
        List<String> aliases = new ArrayList<>(2);
        if (name != null) {
            aliases.add(NaturalKeys.companyName(name));
        }
        if (domain != null) {
            aliases.add(NaturalKeys.companyDomain(domain));
        }
        CrmRecord record = new CrmRecord(ObjectType.COMPANIES, PropertyMapping.KEY_PROPERTY, key, props, aliases);
        return new RowResult(row, record, List.of(), List.of(), null, warnings);
    }
}
