package io.crmbridge;

import io.crmbridge.cli.CommandLine;
import org.apache.camel.main.Main;

/**
 * Starts crm-bridge: Camel Main with the YAML routes under {@code routes/} and the beans of
 * {@code io.crmbridge.config}. Command-line flags are documented in {@link CommandLine}.
 */
public final class Application {

    private Application() {
    }

    /** Runs until stopped (service) or until the inbox is drained ({@code --once}); exits 1 when start-up fails. */
    public static void main(String[] args) {
        int status;
        try {
            CommandLine cli = CommandLine.parse(args);
            Main main = new Main(Application.class);
            cli.applyTo(main);
            status = main.run(cli.camelArgs());
            status = status == 0 ? cli.exitStatus() : status;
        } catch (Exception e) {
            System.err.println("crm-bridge could not start: " + e.getMessage());
            status = 1;
        }
        // exit explicitly: library threads (H2, HTTP pools) must not keep a finished --once run alive
        System.exit(status);
    }
}
