package io.crmbridge.sales.ingest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * The normalisation rules of the sales-ledger exports (PRODUCT.md W1): French conventions as iSaVigne
 * writes them. Pure functions; a value that cannot be read throws {@link IllegalArgumentException}
 * whose message says why. Numbers are not here: their separators depend on the file, see
 * {@link io.crmbridge.validation.NumberReader}.
 */
public final class LedgerValues {

    private static final DateTimeFormatter FRENCH_DATE =
            DateTimeFormatter.ofPattern("d/M/uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final int FRENCH_POSTAL_CODE_LENGTH = 5;

    private LedgerValues() {
    }

    /** A label trimmed, with runs of whitespace (non-breaking spaces included) made one space; null when blank. */
    public static String label(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.replace('\u00A0', ' ').replaceAll("\\s+", " ").trim();
        return s.isEmpty() ? null : s;
    }

    /**
     * The key a product is known by: its label ({@link #label}) lower-cased, so that a sales line's
     * {@code produit_label} finds the products file's {@code produit} whatever the spacing or case.
     */
    public static String productKey(String rawLabel) {
        String l = label(rawLabel);
        return l == null ? null : l.toLowerCase(Locale.ROOT);
    }

    /**
     * A date as the export writes it, {@code dd/MM/yyyy} (one-digit day or month accepted), or ISO
     * {@code yyyy-MM-dd}; strict, so {@code 31/02/2025} is refused.
     *
     * @throws IllegalArgumentException when the text is blank or not such a date
     */
    public static LocalDate date(String raw) {
        String s = raw == null ? "" : raw.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        try {
            return s.contains("-") ? LocalDate.parse(s) : LocalDate.parse(s, FRENCH_DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a valid dd/MM/yyyy date");
        }
    }

    /**
     * A postal code kept as text: trimmed, inner spaces removed; a French code of four digits (a
     * spreadsheet dropped its leading zero: {@code 1000} for Bourg-en-Bresse) gets its zero back.
     * A country that is empty or France counts as France.
     *
     * @return the code, or null when blank
     */
    public static String postalCode(String raw, String country) {
        String s = raw == null ? "" : raw.replace(" ", "").trim();
        if (s.isEmpty()) {
            return null;
        }
        boolean france = country == null || country.isBlank() || country.trim().equalsIgnoreCase("france")
                || country.trim().equalsIgnoreCase("fr");
        if (france && s.matches("\\d{" + (FRENCH_POSTAL_CODE_LENGTH - 1) + "}")) {
            return "0" + s;
        }
        return s;
    }
}
