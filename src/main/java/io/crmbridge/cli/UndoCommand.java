package io.crmbridge.cli;

import io.crmbridge.undo.RunUndo;
import io.crmbridge.undo.UndoRefused;
import io.crmbridge.undo.UndoResult;
import io.crmbridge.undo.UndoResult.Action;
import io.crmbridge.undo.UndoResult.Counts;
import java.io.PrintStream;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * {@code --undo RUN} (and {@code --undo RUN --dry-run}): once Camel has started with no route running
 * ({@link CommandLine#UNDO_DEFAULTS}: no inbox polling, no HTTP server), starts the {@code hubspot-request} route,
 * undoes the run with the configured HubSpot connection and ledger ({@link RunUndo}), prints the counts and the
 * report's path, and completes Camel Main (docs/command-line.md, docs/undo.md).
 *
 * <p>Exit status: 0 when no record failed, 1 when one did or HubSpot refused or did not answer, 2 for a run that
 * cannot be undone (unknown, a dry run, still running).
 */
public final class UndoCommand extends MainListenerSupport {

    /** The route every HubSpot request goes through (routes/hubspot-delivery.yaml). */
    static final String HUBSPOT_ROUTE = "hubspot-request";

    private final long runId;
    private final boolean dryRun;
    private final PrintStream out;
    private final PrintStream err;
    private volatile int status = 1;

    public UndoCommand(long runId, boolean dryRun, PrintStream out, PrintStream err) {
        this.runId = runId;
        this.dryRun = dryRun;
        this.out = out;
        this.err = err;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        try {
            CamelContext context = main.getCamelContext();
            context.getRouteController().startRoute(HUBSPOT_ROUTE);
            RunUndo undo = context.getRegistry().lookupByNameAndType(RunUndo.BEAN_NAME, RunUndo.class);
            UndoResult r = undo.undo(runId, dryRun);
            out.println(summary(r));
            r.reportFiles().values().stream().filter(p -> p.toString().endsWith(".html")).findFirst()
                    .ifPresent(p -> out.println("Report: " + p.toAbsolutePath().normalize()));
            status = r.failed() == 0 ? 0 : 1;
        } catch (UndoRefused e) {
            err.println("crm-bridge: " + e.getMessage());
            status = e.status() == 404 || e.status() == 409 ? CommandLine.USAGE_EXIT_STATUS : 1;
        } catch (Exception e) {
            err.println("crm-bridge: the undo of run " + runId + " stopped: " + e.getMessage());
            status = 1;
        } finally {
            // Main completes (and exits) once the undo has ended, whatever its end
            ((org.apache.camel.main.MainSupport) main).completed();
        }
    }

    /** The exit status: 0 when no record failed; valid once Camel Main has completed. */
    public int status() {
        return status;
    }

    /** The line the command prints, e.g. {@code Undo of run 3: 12 records: 10 reversed (...), 2 kept, 0 failed; ...}. */
    static String summary(UndoResult r) {
        long records = r.total(Counts::records);
        if (r.dryRun()) {
            return "Undo of run " + r.runId() + " (dry run, nothing written): "  + records + " records: would archive "
                    + r.count(Action.ARCHIVE) + ", restore " + r.count(Action.RESTORE) + ", keep "
                    + r.total(Counts::kept) + ", leave " + (r.total(Counts::reversed) - r.count(Action.ARCHIVE)
                    - r.count(Action.RESTORE)) + " reversed already; " + r.associations()
                    + " associations to archive; " + r.requests() + " HubSpot requests";
        }
        return "Undo of run " + r.runId() + ": " + records + " records: " + r.total(Counts::reversed) + " reversed ("
                + r.total(Counts::archived) + " archived, " + r.total(Counts::restored) + " restored), "
                + r.total(Counts::kept) + " kept, " + r.total(Counts::failed) + " failed; " + r.associations()
                + " associations archived; " + r.requests() + " HubSpot requests"
                + (r.nothingSent() ? " (already undone: nothing sent)" : "");
    }
}
