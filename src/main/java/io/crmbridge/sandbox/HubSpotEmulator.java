package io.crmbridge.sandbox;

import io.crmbridge.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The HubSpot sandbox on its own, as a HubSpot a developer runs on a laptop (docs/hubspot-emulator.md):
 * {@code java -jar crm-bridge.jar --hubspot-emulator [--sandbox.name=value ...]} starts only the sandbox, with
 * no Camel, ledger or Brevo sandbox, prints its base URL and serves until the JVM is stopped (Ctrl-C, SIGTERM).
 *
 * <p>The token: {@code sandbox.token} when given, which is then never printed; otherwise one made up for the
 * run and printed once, since it is the emulator's own and no secret of the user's.
 */
public final class HubSpotEmulator implements AutoCloseable {

    /** The first words of the line that names the base URL, which scripts wait for. */
    public static final String LISTENING = "HubSpot emulator listening on ";
    /** Prefix of a generated token. */
    static final String TOKEN_PREFIX = "hubspot-emulator-";

    private final HubSpotSandbox sandbox;
    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private HubSpotEmulator(HubSpotSandbox sandbox, PrintStream out) {
        this.sandbox = sandbox;
        this.out = out;
    }

    /**
     * Starts the emulator, seeds it and prints what it serves to {@code out}.
     *
     * @param ignored command-line settings that are not the sandbox's, named in a warning line
     * @throws IllegalStateException    when the port cannot be bound (the message says which setting to change)
     * @throws IllegalArgumentException when a setting is malformed
     * @throws IOException              when the seed CSV cannot be read
     */
    public static HubSpotEmulator start(SandboxSettings settings, List<String> ignored, PrintStream out)
            throws IOException {
        String given = settings.get(Settings.SANDBOX_TOKEN);
        String token = given.isEmpty() ? TOKEN_PREFIX + UUID.randomUUID() : given;
        SandboxConfig config = settings.config(token);
        if (settings.get(Settings.SANDBOX_SCOPES).isEmpty()) {
            config = config.withScopes(SandboxConfig.EVERY_SCOPE);
        }
        HubSpotSandbox sandbox;
        try {
            sandbox = HubSpotSandbox.start(config);
        } catch (BindException e) {
            String setting = Settings.SANDBOX_PORT.name();
            throw new IllegalStateException("port " + config.port() + " (" + setting + ") on " + config.host()
                    + " cannot be bound: " + e.getMessage() + "; free it or set --" + setting + "=<another port>", e);
        }
        HubSpotEmulator emulator = new HubSpotEmulator(sandbox, out);
        try {
            String seeded = settings.seed(sandbox.state()).orElse("none");
            if (!ignored.isEmpty()) {
                out.println("Ignored (not a sandbox setting): " + String.join(" ", ignored));
            }
            out.println(LISTENING + sandbox.baseUrl());
            out.println("  API: /crm/v3 and /crm/v4 paths and the date-based ones (/crm/objects/2026-09/...)");
            out.println("  Access token: " + (given.isEmpty()
                    ? token + " (made up for this run; --" + Settings.SANDBOX_TOKEN.name() + "=... chooses one)"
                    : "the one given in " + Settings.SANDBOX_TOKEN.name() + " (not shown)"));
            out.println("  Limits: " + limits(config));
            out.println("  Scopes: " + (config.scopes().equals(SandboxConfig.EVERY_SCOPE)
                    ? "every scope the emulator checks" : String.join(", ", new TreeSet<>(config.scopes()))));
            out.println("  Faults: " + (config.faults().active() ? config.faults() : "none"));
            out.println("  Seeded contacts: " + seeded);
            out.println("Ctrl-C stops it; the portal is in memory and gone when it stops.");
            out.flush();
        } catch (IOException | RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return emulator;
    }

    /**
     * Runs the emulator until the JVM is stopped: starts it, stops it from a shutdown hook.
     *
     * @param commandLine the {@code --name=value} settings of the command line
     * @return 0 once stopped
     */
    public static int run(Map<String, String> commandLine, List<String> ignored, PrintStream out)
            throws IOException, InterruptedException {
        HubSpotEmulator emulator = start(SandboxSettings.layered(commandLine), ignored, out);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "hubspot-emulator-stop"));
        emulator.awaitStop();
        return 0;
    }

    /** e.g. {@code http://127.0.0.1:8089}. */
    public String baseUrl() {
        return sandbox.baseUrl();
    }

    /** The emulated portal, for assertions. */
    public SandboxState state() {
        return sandbox.state();
    }

    /** Blocks until {@link #close()}. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops serving; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (stopped.getCount() > 0) {
            sandbox.close();
            out.println("HubSpot emulator stopped");
            out.flush();
            stopped.countDown();
        }
    }

    private static String limits(SandboxConfig config) {
        String burst = config.rateLimited() ? config.requestsPerTenSeconds() + " requests per 10 s" : "no 10-second limit";
        String daily = config.dailyLimit() > 0 ? config.dailyLimit() + " per day" : "no daily limit";
        return burst + ", " + daily + ", " + config.maxBatchInputs() + " inputs per batch";
    }
}
