package io.crmbridge.cli;

import io.crmbridge.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * The command line of {@code java -jar crm-bridge.jar} (and {@code bin/crm-bridge}): {@code --once} (process what is
 * in the inbox, then exit), {@code --inbox DIR}, {@code --outbox DIR}, {@code --dry-run} (validate and report, send
 * nothing), {@code --verbose} (the console shows Camel's and the libraries' detail too: see log4j2.properties),
 * {@code --check-portal} (check the HubSpot portal's token, scopes, API version and daily budget, then exit:
 * {@link PortalCheck}), {@code --undo RUN} (undo import run RUN, or with {@code --dry-run} say what its undo would do,
 * then exit: {@link UndoCommand}), {@code --hubspot-emulator} (run only the HubSpot sandbox, configured by
 * {@code --sandbox.*=value}: docs/hubspot-emulator.md), {@code --config FILE} (an external properties file, as
 * {@value #CONFIG_FILE_PROPERTY}), {@code --name=value} (sets property {@code name}, e.g.
 * {@code --camel.server.port=8081}) and {@code -h}/{@code --help}. The usage text is {@value #USAGE_RESOURCE},
 * shown verbatim in docs/command-line.md.
 *
 * <p>The command line is strict: any other argument is refused ({@link Refused}, exit status 2) before anything
 * starts. Nothing is passed to Camel Main's own argument parser, which prints "Unknown option" and its own usage,
 * then exits 0; what its options set is a property ({@code --camel.main.duration-max-seconds=60}) or, for a
 * properties file, {@code --config FILE}.
 *
 * <p>A {@code --once} run starts only what a batch run needs: no HTTP server and no REST routes
 * ({@link #ONCE_DEFAULTS}), since the API and the health endpoints serve a running service and a held port
 * must not stop a batch run; a {@code --name=value} on the same command line still wins.
 */
public final class CommandLine {

    /** The exit status of a refused command line (a usage error, as for most Unix commands). */
    public static final int USAGE_EXIT_STATUS = 2;

    /** The class-path resource holding the usage text that {@code --help} prints. */
    public static final String USAGE_RESOURCE = "/cli/usage.txt";

    /**
     * The property {@code --config FILE} sets to the file's absolute path: a properties file whose keys override
     * application.properties (read by the configuration, io.crmbridge.config).
     */
    public static final String CONFIG_FILE_PROPERTY = Settings.CONFIG_FILE.name();

    /** The flags that take a value ({@code --inbox DIR} or {@code --inbox=DIR}), with the property each one sets. */
    static final Map<String, String> VALUE_FLAGS = Map.of(
            "--inbox", Settings.INBOX.name(),
            "--outbox", Settings.OUTBOX.name(),
            "--config", CONFIG_FILE_PROPERTY);

    /**
     * What {@code --once} switches off unless the command line sets it: the application's HTTP server (the
     * REST API of the contact sync), Camel's management server (health, metrics), the REST routes
     * (routes/api.yaml, routes/rows.yaml, routes/console.yaml and the console pages' routes/console-*.yaml) and JMX (an MBean per route and processor), which would otherwise cost start-up time
     * and bind ports for a run that exits. The run's metrics are still kept and its totals logged.
     */
    static final Map<String, String> ONCE_DEFAULTS = Map.of(
            "camel.server.enabled", "false",
            "camel.management.enabled", "false",
            "camel.main.jmx-enabled", "false",
            "camel.main.routes-exclude-pattern", "**/api.yaml,**/rows.yaml,**/console.yaml,**/console-*.yaml");

    /**
     * What {@code --undo} sets over {@link #ONCE_DEFAULTS} unless the command line sets it: no route starts by itself,
     * so the inbox is not polled; {@link UndoCommand} starts only {@code hubspot-request} (routes/hubspot-delivery.yaml),
     * the route every HubSpot request goes through.
     */
    static final Map<String, String> UNDO_DEFAULTS = Map.of("camel.main.auto-startup", "false");

    /** The system property log4j2.properties reads for the level of the console's detail lines. */
    public static final String LOG_DETAIL_PROPERTY = Settings.LOG_DETAIL.name();
    /** The system property log4j2.properties reads for the thread part of each console line. */
    public static final String LOG_THREAD_PROPERTY = Settings.LOG_THREAD.name();

    /** The flag that runs only the HubSpot sandbox, as an emulator (docs/hubspot-emulator.md). */
    public static final String HUBSPOT_EMULATOR = "--hubspot-emulator";

    private final Map<String, String> overrides;
    private final boolean verbose;
    private final boolean checkPortal;
    private final boolean help;
    private final List<String> args;
    private final Long undoRun;
    private RunControl runControl;

    private CommandLine(Map<String, String> overrides, boolean verbose, boolean checkPortal, boolean help,
                        List<String> args, Long undoRun) {
        this.overrides = overrides;
        this.verbose = verbose;
        this.checkPortal = checkPortal;
        this.help = help;
        this.args = args;
        this.undoRun = undoRun;
    }

    /**
     * Parses the arguments: each flag becomes a property override ({@code --once} is {@code crm-bridge.once=true}),
     * {@code --name=value} sets property {@code name}. {@code -h} or {@code --help} stops the parse: {@link #help()}.
     *
     * @throws Refused naming the first argument that is not a flag of the usage, a flag that needs a value and has
     *                 none, or a {@code --config} file that is missing or unreadable
     */
    public static CommandLine parse(String[] args) {
        Map<String, String> overrides = new LinkedHashMap<>();
        boolean verbose = false;
        boolean checkPortal = false;
        Long undoRun = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new CommandLine(Map.of(), false, false, true, List.of(args), null);
                }
                case "--once" -> overrides.put(Settings.ONCE.name(), "true");
                case "--dry-run" -> overrides.put(Settings.DRY_RUN.name(), "true");
                case "--verbose" -> verbose = true;
                case "--check-portal" -> checkPortal = true;
                case HUBSPOT_EMULATOR -> overrides.put(Settings.HUBSPOT_EMULATOR.name(), "true");
                case "--inbox", "--outbox", "--config" -> {
                    valueFlag(overrides, a, valueAfter(args, i));
                    i++;
                }
                case "--undo" -> {
                    undoRun = runNumber(valueAfter(args, i));
                    i++;
                }
                default -> {
                    int eq = a.indexOf('=');
                    if (!a.startsWith("--") || eq <= 2) {
                        throw new Refused(a.startsWith("-") ? "unknown option " + a : "unknown argument " + a);
                    }
                    String name = a.substring(2, eq);
                    String value = a.substring(eq + 1);
                    if (name.equals("undo")) {
                        undoRun = runNumber(value);
                    } else if (VALUE_FLAGS.containsKey("--" + name)) {
                        // --inbox=DIR as --inbox DIR: not a property named "inbox", which nothing reads
                        valueFlag(overrides, "--" + name, value);
                    } else {
                        // --name=value sets any property (docs/command-line.md): Camel Main 4.17 has no such form
                        setting(overrides, name, value);
                    }
                }
            }
        }
        if (undoRun != null && once(overrides)) {
            throw new Refused("--undo and --once do not go together: undo a run, or process the inbox");
        }
        if (once(overrides) || undoRun != null) {
            ONCE_DEFAULTS.forEach(overrides::putIfAbsent);
        }
        if (undoRun != null) {
            UNDO_DEFAULTS.forEach(overrides::putIfAbsent);
        }
        return new CommandLine(overrides, verbose, checkPortal, false, List.of(args), undoRun);
    }

    /** The run number of {@code --undo RUN}: a whole number from 1. */
    private static long runNumber(String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Refused("--undo needs the number of an import run (as the console and /api/runs show it), not '"
                + value + "'");
    }

    /** Sets the property of a flag that takes a value ({@link #VALUE_FLAGS}). */
    private static void valueFlag(Map<String, String> overrides, String flag, String value) {
        setting(overrides, VALUE_FLAGS.get(flag), value);
    }

    /**
     * Sets a property given on the command line; the {@code --config} file must be readable. Names and values of
     * crm-bridge's own settings are checked with every other source's when the application starts
     * (io.crmbridge.config.StartupProperties), so that a setting is judged the same way wherever it comes from.
     */
    private static void setting(Map<String, String> overrides, String name, String value) {
        overrides.put(name, name.equals(CONFIG_FILE_PROPERTY) ? configFile(value) : value);
    }

    /** The value of the flag at {@code args[i]}: the next argument, which must be there and not be another flag. */
    private static String valueAfter(String[] args, int i) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            String what = args[i].equals("--config") ? "FILE" : args[i].equals("--undo") ? "RUN" : "DIR";
            throw new Refused(args[i] + " needs a value: " + args[i] + " " + what);
        }
        return args[i + 1];
    }

    /** The absolute path of a {@code --config} file, which must be a readable regular file. */
    private static String configFile(String name) {
        Path file;
        try {
            file = Path.of(name).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new Refused("--config " + name + ": not a file name (" + e.getReason() + ")");
        }
        if (!Files.exists(file)) {
            throw new Refused("--config " + name + ": no such file (" + file + ")");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new Refused("--config " + name + ": not a readable file (" + file + ")");
        }
        return file.toString();
    }

    /** The usage text ({@value #USAGE_RESOURCE}), as {@code --help} prints it and docs/command-line.md shows it. */
    public static String usage() {
        try (InputStream in = CommandLine.class.getResourceAsStream(USAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(USAGE_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True with {@code -h} or {@code --help}: print the {@link #usage()} and exit 0, nothing else. */
    public boolean help() {
        return help;
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

    /** The run of {@code --undo RUN}, if given: undo it (with {@code --dry-run}: say what its undo would do), exit. */
    public java.util.Optional<Long> undoRun() {
        return java.util.Optional.ofNullable(undoRun);
    }

    /** True with {@code --dry-run}. */
    public boolean dryRun() {
        return "true".equals(overrides.get(Settings.DRY_RUN.name()));
    }

    /** True with {@code --once}: process the inbox, then exit. */
    public boolean once() {
        return once(overrides);
    }

    private static boolean once(Map<String, String> overrides) {
        return "true".equals(overrides.get(Settings.ONCE.name()));
    }

    /** True with {@value #HUBSPOT_EMULATOR}: run only the HubSpot sandbox, without Camel. */
    public boolean hubSpotEmulator() {
        return "true".equals(overrides.get(Settings.HUBSPOT_EMULATOR.name()));
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

    /**
     * Sets {@code resolved} on Camel Main as overrides and binds the {@link RunControl} the routes report to.
     *
     * @param resolved this command line's properties over the user's configuration file
     *                 (io.crmbridge.config.StartupProperties#resolve)
     */
    public void applyTo(Main main, Map<String, String> resolved) {
        resolved.forEach(main::addOverrideProperty);
        runControl = new RunControl();
        main.bind(RunControl.BEAN_NAME, runControl);
    }

    /** 0 when every file was processed (rejected rows included), 1 when a file could not be processed. */
    public int exitStatus() {
        return runControl != null && runControl.anyFileFailed() ? 1 : 0;
    }

    /**
     * A command line that is refused: its message names the argument and why (e.g. {@code unknown option
     * --bogus-flag}); the application prints it after {@code crm-bridge: }, then the usage on stderr, and exits
     * {@value #USAGE_EXIT_STATUS}.
     */
    public static final class Refused extends IllegalArgumentException {

        Refused(String message) {
            super(message);
        }
    }
}
