package io.crmbridge.validation;

import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fields a row of an object type needs a value in (V1), stated once: the row mappers reject a
 * row that lacks them ({@code MISSING_REQUIRED}), and a file whose columns cannot feed them is
 * refused as a whole before any row is read.
 *
 * <ul>
 *   <li>contacts: {@code email}, or {@code firstname} and {@code lastname}; a {@code fullname}
 *       column feeds both names (the contact mapper splits it);</li>
 *   <li>companies: {@code name}, or {@code website} (the mapper keeps the website's domain);</li>
 *   <li>tickets: {@code subject}.</li>
 * </ul>
 *
 * @param type         the object type
 * @param alternatives lists of canonical fields, a row needs a value in every field of at least one
 * @param description  the rule as a rejected row's message names it ("email, or first name and last name")
 * @param feeds        columns that feed other fields: field -> the fields its value is split into
 */
public record RequiredFields(ObjectType type, List<List<String>> alternatives, String description,
                             Map<String, List<String>> feeds) {

    public RequiredFields {
        alternatives = alternatives.stream().map(List::copyOf).toList();
        feeds = Map.copyOf(feeds);
    }

    /** The required fields of {@code type}. */
    public static RequiredFields of(ObjectType type) {
        return switch (type) {
            case CONTACTS -> new RequiredFields(type, List.of(List.of("email"), List.of("firstname", "lastname")),
                    "email, or first name and last name", Map.of("fullname", List.of("firstname", "lastname")));
            case COMPANIES -> new RequiredFields(type, List.of(List.of("name"), List.of("website")),
                    "name or website", Map.of());
            case TICKETS -> new RequiredFields(type, List.of(List.of("subject")), "subject", Map.of());
        };
    }

    /** Whether a row whose fields {@code hasValue} says are filled meets one alternative in full. */
    public boolean metBy(Predicate<String> hasValue) {
        return alternatives.stream().anyMatch(fields -> fields.stream().allMatch(hasValue));
    }

    /**
     * The alternatives as sets of columns' fields: {@link #alternatives} plus, for each field that
     * {@link #feeds} a whole alternative, that field alone (contacts: {@code fullname}).
     */
    public List<List<String>> columnAlternatives() {
        List<List<String>> columns = new ArrayList<>(alternatives);
        feeds.forEach((field, fed) -> {
            if (alternatives.stream().anyMatch(fed::containsAll)) {
                columns.add(List.of(field));
            }
        });
        return columns;
    }

    /** Whether some row could meet the rule when the file's columns feed {@code mappedFields}. */
    public boolean satisfiableBy(Set<String> mappedFields) {
        return columnAlternatives().stream().anyMatch(mappedFields::containsAll);
    }
}
