package io.crmbridge.sales;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The three exports of the merchant's sales software (iSaVigne, PRODUCT.md W1), with the file-name
 * prefixes and the header columns that identify them. Column names are the export's own, compared
 * trimmed and in any case.
 */
public enum LedgerFileKind {
    /** {@code ventes_lignes}: one line per product of a sales document (VENTE) or credit note (AVOIR). */
    SALES_LINES("sales_lines", List.of("ventes_lignes", "ventes-lignes", "sales_lines", "sales-lines"),
            Set.of("client_code", "date_livraison", "produit_label", "qty_line", "mt_ht", "document_type", "document_no")),
    /** {@code clients}: the merchant's customers by client code. */
    CLIENTS("clients", List.of("clients"), Set.of("client_code", "nom")),
    /** {@code produits}: the catalogue, one row per product label. */
    PRODUCTS("products", List.of("produits", "products"), Set.of("produit", "famille_crm"));

    private final String label;
    private final List<String> prefixes;
    private final Set<String> requiredColumns;

    LedgerFileKind(String label, List<String> prefixes, Set<String> requiredColumns) {
        this.label = label;
        this.prefixes = prefixes;
        this.requiredColumns = requiredColumns;
    }

    /** The kind's name in reports and the import history ({@code sales_lines}, {@code clients}, {@code products}). */
    public String label() {
        return label;
    }

    /** Columns a file of this kind must have (lower case). */
    public Set<String> requiredColumns() {
        return requiredColumns;
    }

    /** The kind whose prefix starts the file name (any case), if any. */
    public static Optional<LedgerFileKind> byFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        for (LedgerFileKind kind : values()) {
            for (String prefix : kind.prefixes) {
                if (name.startsWith(prefix)) {
                    return Optional.of(kind);
                }
            }
        }
        return Optional.empty();
    }

    /** The one kind whose required columns the header holds (empty when none or several do). */
    public static Optional<LedgerFileKind> byHeader(List<String> header) {
        Set<String> columns = normalizedColumns(header);
        List<LedgerFileKind> matching = java.util.Arrays.stream(values())
                .filter(k -> columns.containsAll(k.requiredColumns)).toList();
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    /** The header's column names trimmed and lower-cased, the form kinds are compared in. */
    public static Set<String> normalizedColumns(List<String> header) {
        Set<String> columns = new java.util.HashSet<>();
        for (String h : header) {
            if (h != null) {
                columns.add(h.trim().toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }
}
