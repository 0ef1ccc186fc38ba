package io.crmbridge.sales.scoring;

import java.time.LocalDate;

/**
 * A product a client usually buys again and is now overdue for.
 *
 * @param productKey        the product
 * @param productLabel      its label
 * @param lastBought        the client's last sale date of it
 * @param usualIntervalDays mean days between the client's distinct purchase dates of it
 * @param overdueDays       days past the usual interval at the reference date
 */
public record RebuySuggestion(String productKey, String productLabel, LocalDate lastBought, int usualIntervalDays,
                              int overdueDays) {
}
