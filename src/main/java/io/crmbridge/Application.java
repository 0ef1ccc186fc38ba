package io.crmbridge;

import io.crmbridge.cli.CommandLine;
import io.crmbridge.cli.PortalCheck;
import io.crmbridge.cli.ServerPortCheck;
import io.crmbridge.cli.UndoCommand;
import io.crmbridge.config.AppConfiguration;
import io.crmbridge.config.InvalidSettingException;
import io.crmbridge.config.StartupProperties;
import io.crmbridge.sandbox.HubSpotEmulator;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * Starts crm-bridge: Camel Main with the YAML routes under {@code routes/} and the beans of
 * {@code io.crmbridge.config}, or with {@code --hubspot-emulator} only the HubSpot sandbox
 * ({@link HubSpotEmulator}). Command-line flags are documented in {@link CommandLine}.
 */
public final class Application {

    private Application() {
    }

    /**
     * Runs until stopped (service) or until the inbox is drained ({@code --once}); with {@code --undo RUN}, undoes
     * the run and exits 0 when no record failed, 1 otherwise, 2 for a run that cannot be undone ({@link UndoCommand});
     * with {@code --check-portal}, checks
     * the HubSpot portal and exits 0 when every check passed, 1 otherwise ({@link PortalCheck}). Exits 1 when start-up fails,
     * e.g. a server port is taken ({@link ServerPortCheck}), with one line on stderr saying why. A refused command
     * line exits 2 before anything starts, with one line naming the argument and the usage on stderr; {@code --help}
     * prints the usage on stdout and exits 0. An unknown or malformed crm-bridge property also exits 2 before
     * anything starts, with one line on stderr naming it ({@link StartupProperties}).
     */
    public static void main(String[] args) {
        // exit explicitly: library threads (H2, HTTP pools) must not keep a finished --once run alive
        System.exit(run(args));
    }

    /**
     * Does what {@link #main} does, in this JVM, and answers the exit status instead of exiting (a test runs
     * {@code --undo} this way).
     */
    public static int run(String[] args) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (CommandLine.Refused e) {
            System.err.println("crm-bridge: " + e.getMessage());
            System.err.print(CommandLine.usage());
            return CommandLine.USAGE_EXIT_STATUS;
        }
        if (cli.help()) {
            System.out.print(CommandLine.usage());
            return 0;
        }
        try {
            cli.configureLogging();
            // the user's configuration file under the command line, every crm-bridge property checked
            Map<String, String> overrides = StartupProperties.resolve(cli.overrides());
            if (cli.checkPortal()) {
                // no Camel Main, no route: the check reads the settings and sends its probes itself
                return PortalCheck.run(overrides, System.out);
            }
            // the emulator is the sandbox alone: Camel Main, the ledger and Brevo are never started for it
            return cli.hubSpotEmulator()
                    ? HubSpotEmulator.run(overrides, cli.ignoredByEmulator(), System.out)
                    : runCamel(cli, overrides);
        } catch (Exception e) {
            System.err.println("crm-bridge could not start: " + reason(e));
            // a configuration error is the user's input, as an unknown option is
            return cause(e, InvalidSettingException.class) != null ? CommandLine.USAGE_EXIT_STATUS : 1;
        }
    }

    /** Runs Camel Main with the routes until it stops; its exit status, or 1 when a --once file failed. */
    private static int runCamel(CommandLine cli, Map<String, String> overrides) throws Exception {
        // the configuration class named, no package scan: scanning io.crmbridge cost ~2 s of every start
        Main main = new Main();
        main.configure().addConfiguration(AppConfiguration.class);
        cli.applyTo(main, overrides);
        main.addMainListener(new ServerPortCheck());
        UndoCommand undo = cli.undoRun().map(run -> new UndoCommand(run, cli.dryRun(), System.out, System.err))
                .orElse(null);
        if (undo != null) {
            main.addMainListener(undo);
        }
        // no arguments for Camel Main: CommandLine has taken them all, and Camel Main's own parser would print
        // "Unknown option" and its own usage for ours
        main.run();
        int camelStatus = main.getExitCode();
        if (undo != null) {
            return camelStatus == 0 ? undo.status() : camelStatus;
        }
        int status = camelStatus == 0 ? cli.exitStatus() : camelStatus;
        if (cli.once() && camelStatus == 0) {
            org.slf4j.LoggerFactory.getLogger(Application.class).info("Finished (--once): exit status {}{}", status,
                    status == 0 ? "" : ", a file could not be processed (its report or inbox/.failed/ says why)");
        }
        return status;
    }

    /** The message of the start-up failure the user can act on: Camel wraps it in its own exceptions. */
    private static String reason(Throwable e) {
        Throwable known = cause(e, ServerPortCheck.ServerPortUnavailableException.class);
        if (known == null) {
            known = cause(e, InvalidSettingException.class);
        }
        return (known == null ? e : known).getMessage();
    }

    /** {@code e} or the first of its causes of {@code type}, else null. */
    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
