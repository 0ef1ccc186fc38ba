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

    public static void main(String[] args) throws Exception {
        CommandLine cli = CommandLine.parse(args);
        Main main = new Main(Application.class);
        cli.applyTo(main);
        int status = main.run(cli.camelArgs());
        System.exit(status == 0 ? cli.exitStatus() : status);
    }
}
