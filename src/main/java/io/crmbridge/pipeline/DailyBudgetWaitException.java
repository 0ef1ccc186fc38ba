package io.crmbridge.pipeline;

import java.time.Instant;

/**
 * A file the account's daily budget cannot carry today waits in the inbox until the count resets
 * ({@link DailyBudgetCheck}, {@code crm-bridge.daily-budget.mode = wait}): the file is not at fault, nothing of it
 * was sent, and it is taken again at {@link #until()} ({@link InboxRetry}).
 */
public final class DailyBudgetWaitException extends RuntimeException {

    private final Instant until;

    /**
     * @param until   when HubSpot's daily count resets
     * @param message the file, the estimate and what is left
     */
    public DailyBudgetWaitException(Instant until, String message) {
        super(message);
        this.until = until;
    }

    /** When the file is taken again. */
    public Instant until() {
        return until;
    }
}
