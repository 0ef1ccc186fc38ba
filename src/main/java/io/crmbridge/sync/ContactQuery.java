package io.crmbridge.sync;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@link ContactStore#activeContactsMatching} looks for among the stored, non-archived contacts:
 * one segment or all, a text searched in the e-mail, first name, last name, "first last" and company (any case, as a
 * part of the value), and the order.
 *
 * @param segment    a segment name ({@link SegmentRules#NAMES}), or null for every segment
 * @param text       the text to search for, or null (or blank) for no search
 * @param sort       the column to order by; ties are broken by HubSpot id
 * @param descending true for the largest (or latest) first
 */
public record ContactQuery(String segment, String text, Sort sort, boolean descending) {

    /** The columns a page of contacts can be ordered by, with the name the API and the pages use. */
    public enum Sort {
        ID("id", "c.hubspotId"),
        EMAIL("email", "lower(c.email)"),
        NAME("name", "lower(c.lastname), lower(c.firstname)"),
        COMPANY("company", "lower(c.company)"),
        UPDATED("updated", "c.updatedAt");

        private final String apiName;
        private final String columns;

        Sort(String apiName, String columns) {
            this.apiName = apiName;
            this.columns = columns;
        }

        /** The name in a request's {@code sort} parameter. */
        public String apiName() {
            return apiName;
        }

        /** The JPQL order-by expressions, without direction. */
        String columns() {
            return columns;
        }

        /** Every name a request may give, in declaration order. */
        public static List<String> apiNames() {
            return Arrays.stream(values()).map(Sort::apiName).toList();
        }

        /** The sort a request names (any case), if any. */
        public static Optional<Sort> ofApiName(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(s -> s.apiName.equals(n)).findFirst();
        }
    }

    public ContactQuery {
        text = text == null || text.isBlank() ? null : text.trim();
        sort = sort == null ? Sort.ID : sort;
    }

    /** Every contact of {@code segment} (null: all) in HubSpot id order. */
    public static ContactQuery of(String segment) {
        return new ContactQuery(segment, null, Sort.ID, false);
    }
}
