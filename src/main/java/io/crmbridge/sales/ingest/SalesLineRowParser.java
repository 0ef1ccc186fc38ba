package io.crmbridge.sales.ingest;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.sales.store.SalesLine;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.NumberReading;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * A row of a {@code ventes_lignes} export ({@code client_code, date_livraison, produit_label,
 * qty_line, pu_ht, mt_ht, mt_ttc, marge, document_type, document_no, article, email, code_postal,
 * ville}) to a {@link SalesLine}.
 *
 * <p>Rules: {@code client_code}, {@code produit_label}, {@code document_no}, {@code document_type},
 * {@code date_livraison} (dd/MM/yyyy), {@code qty_line} and {@code mt_ht} are required and must be
 * readable ({@code MISSING_REQUIRED}, {@code INVALID_VALUE}; numbers are read by the file's
 * {@link io.crmbridge.validation.NumberReader}, and a quantity or net amount that is ambiguous before
 * the file proved its decimal separator, {@code 1.200}, is refused as {@code INVALID_VALUE} naming
 * both readings). {@code document_type} is {@code VENTE}
 * (a sale) or {@code AVOIR} (a credit note): a sale with a negative quantity or amount is refused
 * (a return is written as an AVOIR), a credit note must not be positive. The optional amounts
 * ({@code pu_ht}, {@code mt_ttc}, {@code marge}) are left out with an {@code INVALID_NUMBER} warning
 * when unreadable ({@code AMBIGUOUS_NUMBER} when ambiguous), a bad email with {@code INVALID_OPTIONAL_EMAIL}. A required value longer than its
 * table column is refused ({@code INVALID_VALUE}: client code and document number 64 characters,
 * product label 512), an optional one left out ({@code VALUE_TOO_LONG}).
 *
 * <p>Line identity (duplicate detection): document type, document number, client code, product key,
 * quantity and net amount. The export has no line number, so two identical lines of one document
 * count as one line.
 */
public final class SalesLineRowParser {

    /** A sale. */
    public static final String SALE = "VENTE";
    /** A credit note. */
    public static final String CREDIT_NOTE = "AVOIR";
    private static final Set<String> DOCUMENT_TYPES = Set.of(SALE, CREDIT_NOTE);
    /** Required columns, in the order they are checked, with the size of the value the table stores. */
    private static final Map<String, Integer> REQUIRED_TEXT = requiredText();

    private final EmailValidator emails;

    public SalesLineRowParser(EmailValidator emails) {
        this.emails = emails;
    }

    /** Normalises one row (its source is stamped by the caller). */
    public ParsedRow<SalesLine> parse(LedgerRow row) {
        for (Map.Entry<String, Integer> required : REQUIRED_TEXT.entrySet()) {
            Issue problem = row.requiredTextProblem(required.getKey(), required.getValue());
            if (problem != null) {
                return ParsedRow.rejected(problem);
            }
        }
        String type = row.get("document_type").trim().toUpperCase(Locale.ROOT);
        if (!DOCUMENT_TYPES.contains(type)) {
            return ParsedRow.rejected(ErrorCode.INVALID_VALUE.issue("document type", row.raw("document_type"),
                    "document_type", "expected VENTE or AVOIR"));
        }
        LocalDate date;
        try {
            date = LedgerValues.date(row.get("date_livraison"));
        } catch (IllegalArgumentException e) {
            return ParsedRow.rejected(ErrorCode.INVALID_VALUE.issue("date", row.raw("date_livraison"),
                    "date_livraison", e.getMessage()));
        }
        NumberReading quantityRead = row.number("qty_line");
        if (!quantityRead.isNumber()) {
            return ParsedRow.rejected(row.requiredNumberProblem("quantity", "qty_line", quantityRead));
        }
        NumberReading amountRead = row.number("mt_ht");
        if (!amountRead.isNumber()) {
            return ParsedRow.rejected(row.requiredNumberProblem("net amount", "mt_ht", amountRead));
        }
        BigDecimal quantity = quantityRead.value();
        BigDecimal amount = amountRead.value();
        if (SALE.equals(type) && (quantity.signum() < 0 || amount.signum() < 0)) {
            String column = quantity.signum() < 0 ? "qty_line" : "mt_ht";
            return ParsedRow.rejected(ErrorCode.INVALID_VALUE.issue(column.equals("qty_line") ? "quantity" : "net amount",
                    row.raw(column), column, "negative on a sale (VENTE); a return is a credit note (AVOIR)"));
        }
        if (CREDIT_NOTE.equals(type) && (quantity.signum() > 0 || amount.signum() > 0)) {
            String column = quantity.signum() > 0 ? "qty_line" : "mt_ht";
            return ParsedRow.rejected(ErrorCode.INVALID_VALUE.issue(column.equals("qty_line") ? "quantity" : "net amount",
                    row.raw(column), column, "positive on a credit note (AVOIR)"));
        }
        List<Issue> warnings = new ArrayList<>();
        BigDecimal unitPrice = row.optionalDecimal("pu_ht", warnings);
        BigDecimal amountTtc = row.optionalDecimal("mt_ttc", warnings);
        BigDecimal margin = row.optionalDecimal("marge", warnings);
        String email = row.optionalEmail("email", emails, warnings);
        String client = LedgerValues.label(row.get("client_code"));
        String label = LedgerValues.label(row.get("produit_label"));
        String productKey = LedgerValues.productKey(label);
        String documentNo = LedgerValues.label(row.get("document_no"));
        String lineKey = String.join("|", type, documentNo, client, productKey,
                quantity.stripTrailingZeros().toPlainString(), amount.stripTrailingZeros().toPlainString());
        String article = row.optionalText("article", 128, warnings);
        String postalCode = LedgerValues.postalCode(row.optionalText("code_postal", 16, warnings), null);
        String city = row.optionalText("ville", 256, warnings);
        return ParsedRow.of(new SalesLine(lineKey, client, productKey, label, article, date, quantity, unitPrice, amount,
                amountTtc, margin, type, documentNo, email, postalCode, city), warnings);
    }

    private static Map<String, Integer> requiredText() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("client_code", 64);
        m.put("produit_label", 512);
        m.put("document_no", 64);
        m.put("document_type", 32);
        m.put("date_livraison", 64);
        m.put("qty_line", 64);
        m.put("mt_ht", 64);
        return m;
    }
}
