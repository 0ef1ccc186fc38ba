package io.crmbridge.pipeline;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.SourceRow;
import io.crmbridge.validation.CodeMapper;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.NumberReader;
import io.crmbridge.validation.NumberReading;
import io.crmbridge.validation.PhoneNormalizer;
import io.crmbridge.validation.ValueCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills HubSpot properties from a row by the {@link PropertyMapping}: text trimmed, phones to E.164
 * (V3), dates to midnight-UTC epoch ms (V4), numbers read in the file's own convention
 * ({@link NumberReader}) as plain decimals, coded values mapped by configuration.
 * An invalid optional value is left out and reported as a warning, never silently.
 */
public final class RecordProperties {

    private final PropertyMapping mapping;
    private final EmailValidator emails;
    private final PhoneNormalizer phones;
    private final Map<String, CodeMapper> codes;

    /**
     * @param codes value mappings by set name ({@code status}, {@code priority}, {@code category},
     *              {@code channel}); a CODE mapping whose set is missing leaves its values out with a warning
     */
    public RecordProperties(PropertyMapping mapping, EmailValidator emails, PhoneNormalizer phones,
                            Map<String, CodeMapper> codes) {
        this.mapping = mapping;
        this.emails = emails;
        this.phones = phones;
        this.codes = codes;
    }

    /**
     * Maps every configured field of {@code type} present in the row, except {@code skip}.
     *
     * @param country  the row's country (name or code) for phone parsing, or null
     * @param warnings receives one issue per value left out
     * @return HubSpot property -> string value, in mapping order
     */
    public Map<String, String> map(ObjectType type, SourceRow row, FileImport file, String country,
                                   Set<String> skip, List<Issue> warnings) {
        Map<String, String> props = new LinkedHashMap<>();
        for (FieldMapping f : mapping.fields(type)) {
            if (skip.contains(f.field())) {
                continue;
            }
            String raw = file.mapping().value(row, f.field());
            if (raw == null) {
                continue;
            }
            String value = normalise(f, raw, file, country, warnings);
            if (value != null) {
                props.put(f.property(), value);
            }
        }
        return props;
    }

    private String normalise(FieldMapping f, String raw, FileImport file, String country, List<Issue> warnings) {
        String column = file.column(f.field());
        switch (f.kind()) {
            case TEXT:
                return raw;
            case EMAIL: {
                ValueCheck c = emails.check(raw);
                return keep(c, () -> ErrorCode.INVALID_OPTIONAL_EMAIL.issue(raw, column), warnings);
            }
            case PHONE: {
                ValueCheck c = phones.normalize(raw, country);
                return keep(c, () -> ErrorCode.INVALID_PHONE.issue(raw, column, c.problem()), warnings);
            }
            case DATE: {
                ValueCheck c = file.dates().normalize(raw);
                return keep(c, () -> ErrorCode.INVALID_DATE.issue(raw, column, c.problem()), warnings);
            }
            case NUMBER:
                return number(raw, column, file, warnings);
            case CODE: {
                CodeMapper m = codes.get(f.codeSet());
                String mapped = m == null ? null : m.map(raw).orElse(null);
                if (mapped == null) {
                    warnings.add(ErrorCode.UNMAPPED_VALUE.issue(raw, column));
                }
                return mapped;
            }
            default:
                throw new IllegalStateException("unknown kind " + f.kind());
        }
    }

    private static String keep(ValueCheck c, java.util.function.Supplier<Issue> problem, List<Issue> warnings) {
        if (c.isValid()) {
            return c.value();
        }
        warnings.add(problem.get());
        return null;
    }

    /**
     * A number read by the file's {@link NumberReader} as plain decimal text ({@code 1.234,50} gives
     * {@code 1234.50}), or null with an {@code AMBIGUOUS_NUMBER} or {@code INVALID_NUMBER} warning.
     */
    private static String number(String raw, String column, FileImport file, List<Issue> warnings) {
        NumberReading n = file.numbers().read(raw);
        if (n.isNumber()) {
            return n.value().toPlainString();
        }
        warnings.add(n.isAmbiguous() ? ErrorCode.AMBIGUOUS_NUMBER.issue(raw, column, n.ambiguity().readings())
                : ErrorCode.INVALID_NUMBER.issue(raw, column));
        return null;
    }
}
