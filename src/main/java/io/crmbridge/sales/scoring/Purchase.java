package io.crmbridge.sales.scoring;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One loaded sales line as the scoring sees it.
 *
 * @param clientCode   the client
 * @param documentNo   the sales document (or credit note) number
 * @param creditNote   true for a credit note line (AVOIR), false for a sale (VENTE)
 * @param date         delivery date
 * @param productKey   the product's key
 * @param productLabel the product's label as sold
 * @param family       the product's {@code famille_crm}, or null when unknown
 * @param amountHt     net amount in euros (negative on a credit note)
 */
public record Purchase(String clientCode, String documentNo, boolean creditNote, LocalDate date, String productKey,
                       String productLabel, String family, BigDecimal amountHt) {

    /** True for a sale line (VENTE): what recency, frequency, baskets and rebuy intervals count. */
    public boolean isSale() {
        return !creditNote;
    }
}
