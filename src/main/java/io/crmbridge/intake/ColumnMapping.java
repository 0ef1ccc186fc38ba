package io.crmbridge.intake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.crmbridge.model.ObjectType;
import io.crmbridge.model.SourceRow;

/**
 * How the columns of one file map onto the canonical fields of its object type (feature I4).
 *
 * @param type                  the object type the file holds
 * @param header                the header cells in file order
 * @param indexByField          canonical field -> 0-based column index, in column order
 * @param unmappedColumns       headers no alias matched, in file order (reported, not imported)
 * @param duplicateFieldColumns headers that matched a field an earlier column already feeds; the
 *                              first column wins and these are ignored
 */
public record ColumnMapping(ObjectType type, List<String> header, Map<String, Integer> indexByField,
                            List<String> unmappedColumns, List<String> duplicateFieldColumns) {

    public ColumnMapping {
        Objects.requireNonNull(type, "type");
        header = List.copyOf(header);
        indexByField = Collections.unmodifiableMap(new LinkedHashMap<>(indexByField));
        unmappedColumns = List.copyOf(unmappedColumns);
        duplicateFieldColumns = List.copyOf(duplicateFieldColumns);
    }

    /** Maps every header cell through {@code aliases}; the first column wins when two feed one field. */
    public static ColumnMapping of(ObjectType type, List<String> header, HeaderAliases aliases) {
        Map<String, Integer> indexByField = new LinkedHashMap<>();
        List<String> unmapped = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            var field = aliases.fieldFor(type, column);
            if (field.isEmpty()) {
                unmapped.add(column);
            } else if (indexByField.putIfAbsent(field.get(), i) != null) {
                duplicates.add(column);
            }
        }
        return new ColumnMapping(type, header, indexByField, unmapped, duplicates);
    }

    /**
     * The trimmed cell of {@code row} feeding {@code field}; null when no column feeds the field,
     * the row is too short to hold it, or the cell is blank.
     */
    public String value(SourceRow row, String field) {
        Integer index = indexByField.get(field);
        if (index == null || index >= row.values().size()) {
            return null;
        }
        String cell = row.values().get(index);
        if (cell == null) {
            return null;
        }
        String trimmed = cell.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** Whether some column of the file feeds {@code field}. */
    public boolean has(String field) {
        return indexByField.containsKey(field);
    }
}
