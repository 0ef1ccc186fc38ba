package io.crmbridge.intake;

import io.crmbridge.validation.RequiredFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tells, from a file's {@link ColumnMapping} alone, that no row of it could ever be imported because
 * no column feeds its object type's {@link RequiredFields} (a contacts file without an e-mail or
 * name column), so that the file is refused once instead of every row being rejected for a
 * missing field. Immutable and thread-safe.
 */
public final class RequiredColumnsCheck {

    /** Aliases shown per field in the message, enough to recognise the usual names. */
    private static final int ALIASES_SHOWN = 4;
    /** Header cells shown in the message; a very wide header is cut. */
    private static final int COLUMNS_SHOWN = 20;

    private final HeaderAliases aliases;

    /** @param aliases the aliases the file's columns were mapped with, quoted in the message */
    public RequiredColumnsCheck(HeaderAliases aliases) {
        this.aliases = aliases;
    }

    /**
     * Why no row of a file mapped as {@code mapping} can meet its type's required fields, naming the
     * columns found and those needed; empty when the columns can feed them.
     */
    public Optional<String> problem(ColumnMapping mapping) {
        RequiredFields required = RequiredFields.of(mapping.type());
        if (required.satisfiableBy(mapping.indexByField().keySet())) {
            return Optional.empty();
        }
        String needed = required.columnAlternatives().stream()
                .map(fields -> describe(mapping, fields))
                .collect(Collectors.joining(", or "));
        return Optional.of("the header has no column for the " + mapping.type().pathName() + "' required fields:"
                + " found " + shown(mapping.header()) + "; needed " + needed);
    }

    private String describe(ColumnMapping mapping, List<String> fields) {
        String columns = fields.stream()
                .map(field -> field + " (" + aliasList(mapping, field) + ")")
                .collect(Collectors.joining(" and "));
        return (fields.size() == 1 ? "a column for " : "columns for ") + columns;
    }

    private String aliasList(ColumnMapping mapping, String field) {
        List<String> names = aliases.aliasesOf(mapping.type(), field);
        if (names.isEmpty()) {
            // the field name is an alias of itself
            return field;
        }
        String shown = String.join(", ", names.subList(0, Math.min(ALIASES_SHOWN, names.size())));
        return names.size() > ALIASES_SHOWN ? shown + " ..." : shown;
    }

    private static String shown(List<String> header) {
        if (header.size() <= COLUMNS_SHOWN) {
            return header.toString();
        }
        List<String> first = new ArrayList<>(header.subList(0, COLUMNS_SHOWN));
        first.add("... " + header.size() + " columns in all");
        return first.toString();
    }
}
