package io.crmbridge.sales.scoring;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A client's raw recency, frequency and monetary values.
 *
 * @param clientCode   the client
 * @param lastPurchase date of the last sale line
 * @param recencyDays  days from {@code lastPurchase} to the reference date
 * @param frequency    distinct sales documents (credit notes not counted)
 * @param monetary     net sales: sum of {@code mt_ht} over sales and credit notes, euros
 */
public record RfmValues(String clientCode, LocalDate lastPurchase, long recencyDays, int frequency,
                        BigDecimal monetary) {
}
