package io.crmbridge.sales.scoring;

/**
 * A product recommended to a client because clients who bought {@code becauseOf} also bought it.
 *
 * @param productKey   the recommended product
 * @param productLabel its label
 * @param support      share of all clients who bought both products (0..1)
 * @param confidence   share of the buyers of {@code becauseOf} who also bought the product (0..1)
 * @param becauseOf    label of the product the client bought that implies it
 */
public record Recommendation(String productKey, String productLabel, double support, double confidence,
                             String becauseOf) {
}
