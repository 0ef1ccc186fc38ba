package io.crmbridge.sales.scoring;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Purchases written the short way for scoring tests. */
final class Purchases {

    private Purchases() {
    }

    /** A sale line of {@code product} (family = the product's first letter group before '-'). */
    static Purchase sale(String client, String document, String isoDate, String product, String amount) {
        return new Purchase(client, document, false, LocalDate.parse(isoDate), product.toLowerCase(), product,
                product.contains("-") ? product.substring(0, product.indexOf('-')) : product, new BigDecimal(amount));
    }

    /** A credit-note line (negative amount). */
    static Purchase credit(String client, String document, String isoDate, String product, String amount) {
        return new Purchase(client, document, true, LocalDate.parse(isoDate), product.toLowerCase(), product,
                product.contains("-") ? product.substring(0, product.indexOf('-')) : product, new BigDecimal(amount));
    }
}
