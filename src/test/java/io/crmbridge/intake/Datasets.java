package io.crmbridge.intake;

import java.nio.file.Path;

/** The real datasets, read in place from ../shared/datasets relative to the project root. */
final class Datasets {

    static final Path ORGANIZATIONS = Path.of("../shared/datasets/organizations-1000.csv");
    static final Path CUSTOMERS = Path.of("../shared/datasets/customers-10000.csv");
    static final Path TICKETS = Path.of("../shared/datasets/customer_support_tickets.csv");

    private Datasets() {
    }
}
