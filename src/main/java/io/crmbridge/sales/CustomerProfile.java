package io.crmbridge.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One wine-merchant client as scored after a sales-ledger import (PRODUCT.md W2), the value the
 * push to HubSpot and Brevo (W3) consumes.
 *
 * @param clientCode        the merchant's client code ({@code C001}), the natural key
 * @param email             lower-cased email, or null when the client has none (then Brevo and
 *                          HubSpot cannot receive it and the push reports it)
 * @param firstName         given name, or null
 * @param lastName          family name, or null
 * @param phone             E.164 phone, or null
 * @param postalCode        postal code as text (leading zeros kept), or null
 * @param city              city, or null
 * @param country           country as exported, or null
 * @param rfmSegment        named RFM segment ({@code champions}, {@code loyal}, {@code at_risk},
 *                          {@code lost}, ...), never null
 * @param recencyScore      R quintile score, 1 (oldest) to 5 (most recent)
 * @param frequencyScore    F quintile score, 1 to 5
 * @param monetaryScore     M quintile score, 1 to 5
 * @param lastPurchase      date of the last delivered sale line
 * @param recencyDays       days between {@code lastPurchase} and the scoring reference date
 * @param frequency         number of distinct sales documents
 * @param monetary          net sales (sum of {@code mt_ht}) in euros
 * @param diversityScore    variety of grape/wine families bought, 0.0 to 1.0
 * @param recommendations   product labels to recommend (co-purchase), best first; never
 *                          something the client already buys; never null
 * @param rebuySuggestions  product labels the client is past its usual repurchase interval
 *                          for, most overdue first; never null
 */
public record CustomerProfile(String clientCode, String email, String firstName, String lastName,
                              String phone, String postalCode, String city, String country,
                              String rfmSegment, int recencyScore, int frequencyScore, int monetaryScore,
                              LocalDate lastPurchase, long recencyDays, int frequency, BigDecimal monetary,
                              double diversityScore, List<String> recommendations,
                              List<String> rebuySuggestions) {

    /** The combined RFM code ({@code "545"}): R, F and M scores as digits. */
    public String rfmCode() {
        return "" + recencyScore + frequencyScore + monetaryScore;
    }
}
