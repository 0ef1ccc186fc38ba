package io.crmbridge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.apache.camel.main.Main;

/**
 * The command line of {@code java -jar crm-bridge.jar}: {@code --once} (process what is in the
 * inbox, then exit), {@code --inbox DIR}, {@code --outbox DIR}, {@code --dry-run} (validate and
 * report, send nothing), {@code --name=value} (sets property {@code name}, e.g.
 * {@code --camel.server.port=8081}), {@code --verbose} (the console shows Camel's and the libraries' detail too:
 * see log4j2.properties), {@code --check-portal} (check the HubSpot portal's token, scopes, API version and daily
 * budget, then exit: {@link PortalCheck}), {@code --hubspot-emulator} (run only the HubSpot sandbox, configured by
 * {@code --sandbox.*=value}: docs/hubspot-emulator.md). Other arguments are passed to Camel Main unchanged.
 *
 * <p>A {@code --once} run starts only what a batch run needs: no HTTP server and no REST routes
 * ({@link #ONCE_DEFAULTS}), since the API and the health endpoints serve a running service and a held port
 * must not stop a batch run; a {@code --name=value} on the same command line still wins.
 *
 * @throws IllegalArgumentException from {@link #parse} when a flag that needs a value has none
 */
public final class CommandLine {

    /**
     * What {@code --once} switches off unless the command line sets it: the application's HTTP server (the
     * REST API of the contact sync), Camel's management server (health, metrics), the REST routes
     * (routes/api.yaml) and JMX (an MBean per route and processor), which would otherwise cost start-up time
     * and bind ports for a run that exits. The run's metrics are still kept and its totals logged.
     */
    static final Map<String, String> ONCE_DEFAULTS = Map.of(
            "camel.server.enabled", "false",
            "camel.management.enabled", "false",
            "camel.main.jmx-enabled", "false",
            "camel.main.routes-exclude-pattern", "**/api.yaml");

    /** The system property log4j2.properties reads for the level of the console's detail lines. */
    public static final String LOG_DETAIL_PROPERTY = "crm-bridge.log.detail";
    /** The system property log4j2.properties reads for the thread part of each console line. */
    public static final String LOG_THREAD_PROPERTY = "crm-bridge.log.thread";

    /** The flag that runs only the HubSpot sandbox, as an emulator (docs/hubspot-emulator.md). */
    public static final String HUBSPOT_EMULATOR = "--hubspot-emulator";

    private final Map<String, String> overrides;
    private final List<String> camelArgs;
    private final boolean verbose;
    private final boolean checkPortal;
    private final List<String> args;
    private RunControl runControl;

    private CommandLine(Map<String, String> overrides, List<String> camelArgs, boolean verbose, boolean checkPortal,
                        List<String> args) {
        this.overrides = overrides;
        this.camelArgs = camelArgs;
        this.verbose = verbose;
        this.checkPortal = checkPortal;
        this.args = args;
    }

    /** Parses the arguments; {@code --name=value} becomes a property override, unknown ones are kept for Camel Main. */
    public static CommandLine parse(String[] args) {
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        boolean verbose = false;
        boolean checkPortal = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--once" -> overrides.put("crm-bridge.once", "true");
                case "--dry-run" -> overrides.put("crm-bridge.dry-run", "true");
                case "--verbose" -> verbose = true;
                case "--check-portal" -> checkPortal = true;
                case HUBSPOT_EMULATOR -> overrides.put("crm-bridge.hubspot-emulator", "true");
                case "--inbox" -> overrides.put("crm-bridge.inbox", valueAfter(args, i++, a));
                case "--outbox" -> overrides.put("crm-bridge.outbox", valueAfter(args, i++, a));
                default -> {
                    int eq = a.indexOf('=');
                    if (a.startsWith("--") && eq > 2) {
                        // --name=value sets any property (docs/command-line.md): Camel Main 4.17 has no such form
                        overrides.put(a.substring(2, eq), a.substring(eq + 1));
                    } else {
                        rest.add(a);
                    }
                }
            }
        }
        if (once(overrides)) {
            ONCE_DEFAULTS.forEach(overrides::putIfAbsent);
        }
        return new CommandLine(overrides, rest, verbose, checkPortal, List.of(args));
    }

    private static String valueAfter(String[] args, int i, String flag) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a directory argument");
        }
        return args[i + 1];
    }

    /**
     * Sets the console's level of detail before the first logger is made (log4j reads it once): INFO with
     * {@code --verbose}, otherwise as configured (WARN unless {@value #LOG_DETAIL_PROPERTY} is set already).
     */
    public void configureLogging() {
        if (verbose) {
            System.setProperty(LOG_DETAIL_PROPERTY, "INFO");
            System.setProperty(LOG_THREAD_PROPERTY, "[%t] ");
        }
    }

    /** True with {@code --check-portal}: check the HubSpot portal, print one line a check, exit (no route starts). */
    public boolean checkPortal() {
        return checkPortal;
    }

    /** True with {@code --once}: process the inbox, then exit. */
    public boolean once() {
        return once(overrides);
    }

    private static boolean once(Map<String, String> overrides) {
        return "true".equals(overrides.get("crm-bridge.once"));
    }

    /** True with {@value #HUBSPOT_EMULATOR}: run only the HubSpot sandbox, without Camel. */
    public boolean hubSpotEmulator() {
        return "true".equals(overrides.get("crm-bridge.hubspot-emulator"));
    }

    /**
     * The arguments a {@value #HUBSPOT_EMULATOR} run does not use, in the order given: everything but that flag,
     * {@code --verbose} and {@code --sandbox.*=value}.
     */
    public List<String> ignoredByEmulator() {
        return args.stream().filter(a -> !a.equals(HUBSPOT_EMULATOR) && !a.equals("--verbose")
                && !(a.startsWith("--sandbox.") && a.indexOf('=') > 0)).toList();
    }

    /** The properties these flags override, e.g. {@code crm-bridge.once=true}. */
    public Map<String, String> overrides() {
        return overrides;
    }

    /** Sets the overrides on Camel Main and binds the {@link RunControl} the routes report to. */
    public void applyTo(Main main) {
        overrides.forEach(main::addOverrideProperty);
        runControl = new RunControl();
        main.bind(RunControl.BEAN_NAME, runControl);
    }

    public String[] camelArgs() {
        return camelArgs.toArray(String[]::new);
    }

    /** 0 when every file was processed (rejected rows included), 1 when a file could not be processed. */
    public int exitStatus() {
        return runControl != null && runControl.anyFileFailed() ? 1 : 0;
    }
}
