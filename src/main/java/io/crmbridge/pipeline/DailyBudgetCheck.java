package io.crmbridge.pipeline;

import io.crmbridge.hubspot.DailyUsage;
import io.crmbridge.hubspot.DailyUsageReader;
import io.crmbridge.hubspot.PropertyEnsurer;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's daily budget, checked before a file is sent (hubspot-api.md §10.4: the daily limit is per
 * account, so every other app and key of the portal spends it too): reads HubSpot's count of today's requests
 * ({@link DailyUsageReader}), estimates the file's requests ({@link RequestEstimate}) and puts both in the file's
 * report. A file whose estimate is more than what is left is warned about (a WARN line naming the file, the
 * estimate and what is left) and sent, or, with {@code crm-bridge.daily-budget.mode = wait}, held in the inbox until
 * the count resets ({@link DailyBudgetWaitException}). A usage HubSpot does not give (a refused or failed read)
 * never stops a file: the report says it is unknown. With {@link DailyBudgetClaims} (several instances,
 * docs/cluster.md), what the files in flight on every instance may still send counts against what is left too, and
 * a file that goes on claims its estimate until its exchange is done.
 */
public final class DailyBudgetCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DailyBudgetCheck.class);

    /** What to do with a file the budget left today cannot carry ({@code crm-bridge.daily-budget.mode}). */
    public enum Mode {
        /** Say so and send it (the default). */
        WARN,
        /** Keep it in the inbox until the daily count resets. */
        WAIT;

        /**
         * {@code warn} or {@code wait}, any case.
         *
         * @throws IllegalArgumentException for any other value, naming the setting
         */
        public static Mode parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("a daily budget mode is warn or wait, was '" + value
                        + "'");
            }
        }
    }

    /** The outcome of the check. */
    public enum Decision {
        /** Enough is left, or the usage is unknown: the file goes on. */
        GO,
        /** Less is left than the file needs: the file goes on after a WARN line. */
        WARN,
        /** Less is left than the file needs: the file waits in the inbox until the reset. */
        WAIT
    }

    private final DailyUsageReader reader;
    private final PropertyEnsurer ensurer;
    private final LongSupplier pendingLinks;
    private final int batchSize;
    private final Mode mode;
    private final java.util.function.Predicate<ObjectType> readsBefore;
    private final DailyBudgetClaims claims;

    /**
     * @param ensurer      tells how many custom properties may still be created (counted in the estimate)
     * @param pendingLinks the ledger's count of pending links ({@link Ledger#pendingCount()})
     * @param batchSize    rows per upsert batch
     * @param readsBefore  whether a type's batches are read before they are written ({@link ReadBeforeWrite#readsBefore})
     */
    public DailyBudgetCheck(DailyUsageReader reader, PropertyEnsurer ensurer, LongSupplier pendingLinks, int batchSize,
                            Mode mode, java.util.function.Predicate<ObjectType> readsBefore) {
        this(reader, ensurer, pendingLinks, batchSize, mode, readsBefore, null);
    }

    /**
     * As {@link #DailyBudgetCheck(DailyUsageReader, PropertyEnsurer, LongSupplier, int, Mode,
     * java.util.function.Predicate)}, counting the requests the files in flight on every instance claim.
     *
     * @param claims the claims of the cluster's files, or null for one instance
     */
    public DailyBudgetCheck(DailyUsageReader reader, PropertyEnsurer ensurer, LongSupplier pendingLinks, int batchSize,
                            Mode mode, java.util.function.Predicate<ObjectType> readsBefore, DailyBudgetClaims claims) {
        this.reader = reader;
        this.ensurer = ensurer;
        this.pendingLinks = pendingLinks;
        this.batchSize = batchSize;
        this.mode = mode;
        this.readsBefore = readsBefore;
        this.claims = claims;
    }

    /**
     * Checks a file about to be imported and records the usage and the estimate on its report.
     *
     * @param rows an upper bound of the file's data rows
     * @throws DailyBudgetWaitException when the file is to wait for the reset (mode {@code wait}, not a dry run)
     */
    public Decision check(String fileName, ObjectType type, long rows, ImportReport report) {
        return check(fileName, type, rows, report, null);
    }

    /**
     * As {@link #check(String, ObjectType, long, ImportReport)}; with the cluster's claims, a file that goes on
     * claims its estimate until {@code exchange} (the file's) is done (without an exchange, the claim is dropped at
     * once: the others' claims still count).
     */
    public Decision check(String fileName, ObjectType type, long rows, ImportReport report,
                          org.apache.camel.Exchange exchange) {
        int propertyWrites = report.dryRun() ? 0 : ensurer.writesStillPossible(type)
                + (type == ObjectType.TICKETS ? ensurer.writesStillPossible(ObjectType.CONTACTS) : 0);
        RequestEstimate estimate = RequestEstimate.of(type, rows, batchSize, report.dryRun(), readsBefore.test(type),
                propertyWrites, report.dryRun() ? 0 : pendingLinks.getAsLong());
        DailyUsage usage = reader.read(report);
        report.dailyUsage(usage, estimate.total());
        long others = 0;
        Decision decision;
        if (claims == null) {
            decision = decide(usage, estimate.total(), mode, report.dryRun());
        } else {
            // the others' claims count as requests of this file: they come out of the same day's budget
            DailyBudgetClaims.Claimed claimed = claims.claim(fileName, estimate.total(), report,
                    othersClaim -> decide(usage, estimate.total() + othersClaim, mode, report.dryRun()));
            others = claimed.others();
            decision = claimed.decision();
            if (exchange == null) {
                // nothing tells when the file is done: its claim would outlive it
                claims.release(claimed.claimId());
            } else if (claimed.claimId() != null) {
                exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
                    @Override
                    public void onDone(org.apache.camel.Exchange done) {
                        claims.release(claimed.claimId());
                    }
                });
            }
        }
        String othersNote = others == 0 ? "" : " (" + others + " of them claimed by files other instances are sending)";
        switch (decision) {
            case GO -> {
                if (!usage.isKnown()) {
                    LOG.info("{}: the account's daily usage is unknown ({}); the file goes on", fileName,
                            usage.unknownReason());
                }
            }
            case WARN -> LOG.warn("{}: estimated at {} HubSpot requests, but the account has {} of its {} daily"
                            + " requests left{} (other apps and keys of the portal share them; the count resets at {})."
                            + " Requests past the limit are refused until then; crm-bridge.daily-budget.mode = wait"
                            + " holds such a file in the inbox instead", fileName, estimate.total(),
                    usage.remaining().orElseThrow(), usage.usageLimit(), othersNote, resetsAt(usage));
            case WAIT -> {
                LOG.warn("{}: estimated at {} HubSpot requests, but the account has {} of its {} daily requests"
                                + " left{}: the file waits in the inbox until the count resets at {}"
                                + " (crm-bridge.daily-budget.mode = wait)", fileName, estimate.total(),
                        usage.remaining().orElseThrow(), usage.usageLimit(), othersNote, usage.resetsAt());
                throw new DailyBudgetWaitException(usage.resetsAt(), fileName + ": " + estimate.total()
                        + " requests estimated, " + usage.remaining().orElseThrow() + " left today");
            }
        }
        return decision;
    }

    /**
     * The decision for an estimate: GO when the usage is unknown or the estimate fits in what is left; otherwise
     * WAIT in mode {@code wait} when HubSpot said when the count resets and the run sends something (not a dry
     * run), else WARN.
     */
    static Decision decide(DailyUsage usage, long estimate, Mode mode, boolean dryRun) {
        if (!usage.isKnown() || estimate <= usage.remaining().orElseThrow()) {
            return Decision.GO;
        }
        return mode == Mode.WAIT && !dryRun && usage.resetsAt() != null ? Decision.WAIT : Decision.WARN;
    }

    private static String resetsAt(DailyUsage usage) {
        return usage.resetsAt() == null ? "midnight in the account's time zone" : usage.resetsAt().toString();
    }
}
