package io.crmbridge.report;

/**
 * Thrown by {@link ImportReport#checkAccounting()} when the rows read do not equal created +
 * updated + unchanged + rejected + failed (PRODUCT.md "Promises", DESIGN.md "Accounting"). The
 * message names the file and every number, so the gap can be seen in the log.
 */
public final class AccountingMismatchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message the file name and every count that took part in the check */
    public AccountingMismatchException(String message) {
        super(message);
    }
}
