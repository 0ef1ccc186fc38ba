package io.crmbridge.push;

import io.crmbridge.sales.CustomerProfile;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Scored clients built by the push tests (the W2 scoring is not needed to push). */
final class Profiles {

    private Profiles() {
    }

    /** A client with R/F/M scores, a last purchase, net sales and recommendations. */
    static CustomerProfile client(String code, String email, String first, String last, String segment,
                                  int r, int f, int m, String monetary, LocalDate lastPurchase,
                                  List<String> recommendations) {
        return new CustomerProfile(code, email, first, last, "+33123456789", "06000", "Nice", "France", segment,
                r, f, m, lastPurchase, 12, f * 2, new BigDecimal(monetary), 0.4, recommendations,
                List.of("Crémant Alsace Extra Brut"));
    }

    /** A simple client of {@code segment}: scores 3/3/3, 100 EUR, no recommendation. */
    static CustomerProfile client(String code, String email, String segment) {
        return client(code, email, "First" + code, "Last" + code, segment, 3, 3, 3, "100", LocalDate.of(2025, 11, 2),
                List.of());
    }
}
