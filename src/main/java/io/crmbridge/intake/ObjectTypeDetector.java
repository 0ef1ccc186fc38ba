package io.crmbridge.intake;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.crmbridge.model.ObjectType;
import io.crmbridge.validation.RequiredFields;

/**
 * Decides which object type a CSV file holds (feature I2): from its name, else from the folder it
 * sits in, else from its header row.
 *
 * <p>Names: a case-insensitive prefix {@code companies}/{@code company},
 * {@code contacts}/{@code contact} or {@code tickets}/{@code ticket} on the file name, or on one
 * of the folders of the given path, nearest first. Pass the path relative to the watched folder
 * ({@code tickets/export.csv}), so that folders above it cannot vote.
 *
 * <p>Header: the type whose aliases match the most columns, provided at least two match and its
 * distinguishing field is present: the type's {@link RequiredFields} (contacts: email, or
 * firstname and lastname; companies: name or website; tickets: subject), or for tickets
 * ticket_id. A tie between qualifying types is ambiguous and gives no answer.
 */
public final class ObjectTypeDetector {

    private static final int MIN_MATCHED_COLUMNS = 2;

    private final HeaderAliases aliases;

    public ObjectTypeDetector(HeaderAliases aliases) {
        this.aliases = aliases;
    }

    /**
     * The object type of the file, or empty when neither its path nor its header tells.
     *
     * @param fileName the file name or its path relative to the watched folder ({@code /} or
     *                 {@code \} separated); may be null
     * @param header   the header cells; may be empty
     */
    public Optional<ObjectType> detect(String fileName, List<String> header) {
        Optional<ObjectType> byName = fromPath(fileName);
        return byName.isPresent() ? byName : fromHeader(header);
    }

    private static Optional<ObjectType> fromPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String[] segments = path.split("[/\\\\]");
        for (int i = segments.length - 1; i >= 0; i--) {
            Optional<ObjectType> type = fromName(segments[i]);
            if (type.isPresent()) {
                return type;
            }
        }
        return Optional.empty();
    }

    private static Optional<ObjectType> fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("companies") || n.startsWith("company")) {
            return Optional.of(ObjectType.COMPANIES);
        }
        if (n.startsWith("contact")) {
            return Optional.of(ObjectType.CONTACTS);
        }
        if (n.startsWith("ticket")) {
            return Optional.of(ObjectType.TICKETS);
        }
        return Optional.empty();
    }

    private Optional<ObjectType> fromHeader(List<String> header) {
        ObjectType best = null;
        int bestCount = 0;
        boolean tie = false;
        for (ObjectType type : ObjectType.values()) {
            Set<String> fields = new HashSet<>();
            for (String column : header) {
                aliases.fieldFor(type, column).ifPresent(fields::add);
            }
            if (fields.size() < MIN_MATCHED_COLUMNS || !hasDistinguishingField(type, fields)) {
                continue;
            }
            if (fields.size() > bestCount) {
                best = type;
                bestCount = fields.size();
                tie = false;
            } else if (fields.size() == bestCount) {
                tie = true;
            }
        }
        return tie ? Optional.empty() : Optional.ofNullable(best);
    }

    /**
     * The type's required fields as such ({@link RequiredFields#metBy}: a contacts' full name column alone does
     * not tell contacts), or for tickets their source id.
     */
    private static boolean hasDistinguishingField(ObjectType type, Set<String> fields) {
        return RequiredFields.of(type).metBy(fields::contains)
                || (type == ObjectType.TICKETS && fields.contains("ticket_id"));
    }
}
