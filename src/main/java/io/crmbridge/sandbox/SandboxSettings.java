package io.crmbridge.sandbox;

import io.crmbridge.config.Setting;
import io.crmbridge.config.Settings;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code sandbox.*} settings ({@link Settings}, docs/configuration.md, docs/hubspot-emulator.md) read from one
 * source of properties: Camel's properties inside the application, or {@link #layered(Map)} for the emulator, which
 * starts without Camel. Values are trimmed; an unset key takes the registry's default.
 */
public final class SandboxSettings {

    private final Function<String, Optional<String>> source;

    /** @param source a setting's value, or empty when it is not set */
    public SandboxSettings(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /**
     * The settings as the JVM's system properties ({@code -Dname=value}) and the command line give them, in that
     * order of precedence, else the registry's defaults: the order of a crm-bridge run, where Camel ranks a system
     * property above a command-line override (docs/configuration.md "How to set a property").
     *
     * @param commandLine the {@code --name=value} settings of the command line (and the user's configuration file)
     */
    public static SandboxSettings layered(Map<String, String> commandLine) {
        return new SandboxSettings(key -> Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(commandLine.get(key))));
    }

    /**
     * The value of {@code setting}, or its default when unset.
     *
     * @throws io.crmbridge.config.InvalidSettingException when the value is not one the setting allows
     */
    public <T> T get(Setting<T> setting) {
        return setting.read(source);
    }

    /**
     * The sandbox's settings: {@code sandbox.host}, {@code .port}, {@code .max-batch-inputs},
     * {@code .requests-per-ten-seconds}, {@code .scopes} (comma-separated; empty: every scope the flows need),
     * {@code .daily-limit}, {@code .time-zone} (the portal's zone: its daily count resets at midnight there), the
     * faults of {@link #faults()} and the portal's admin rules ({@code sandbox.portal-rules.*}, {@link PortalRules#parse}).
     *
     * @param accessToken the one Bearer token the sandbox accepts
     * @throws IllegalArgumentException when a value is malformed or the fault rates add up to more than 1
     */
    public SandboxConfig config(String accessToken) {
        List<String> scopeList = get(Settings.SANDBOX_SCOPES);
        Set<String> scopes = scopeList.isEmpty() ? null : Set.copyOf(scopeList);
        return new SandboxConfig(get(Settings.SANDBOX_HOST), get(Settings.SANDBOX_PORT), accessToken,
                get(Settings.SANDBOX_MAX_BATCH_INPUTS), get(Settings.SANDBOX_REQUESTS_PER_TEN_SECONDS), scopes,
                get(Settings.SANDBOX_DAILY_LIMIT), faults(),
                PortalRules.parse(get(Settings.PORTAL_REQUIRED_ON_CREATE), get(Settings.PORTAL_CONDITIONAL_REQUIRED),
                        get(Settings.PORTAL_PROPERTY_VALIDATIONS)),
                get(Settings.SANDBOX_TIME_ZONE));
    }

    /**
     * The injected faults of the {@code sandbox.faults.*} settings, shared by the HubSpot and the Brevo sandboxes.
     *
     * @throws IllegalArgumentException when a value is malformed or the rates add up to more than 1
     */
    public SandboxFaults faults() {
        return SandboxFaults.none()
                .withSeed(get(Settings.FAULTS_SEED))
                .withServerErrorRate(get(Settings.FAULTS_SERVER_ERROR_RATE))
                .withLockedRate(get(Settings.FAULTS_LOCKED_RATE))
                .withRateLimitedRate(get(Settings.FAULTS_RATE_LIMITED_RATE))
                .withRetryAfter(get(Settings.FAULTS_RETRY_AFTER_RATE), get(Settings.FAULTS_RETRY_AFTER_SECONDS))
                .withLatency(get(Settings.FAULTS_LATENCY_MS))
                .withDropRate(get(Settings.FAULTS_DROP_RATE));
    }

    /**
     * Seeds the contacts of {@code sandbox.seed-contacts} (a customers CSV or {@code generate:N}; see
     * {@link SandboxSeeder}) with {@code sandbox.seed-random} and {@code sandbox.seed-lists}.
     *
     * @return what was seeded, e.g. {@code "500 contacts from generate:500 (0 contact lists)"}; empty when
     *         {@code sandbox.seed-contacts} is not set
     * @throws IOException              when the CSV cannot be read
     * @throws IllegalArgumentException when a value is malformed or the CSV lacks a column the seeder reads
     */
    public Optional<String> seed(SandboxState state) throws IOException {
        String spec = get(Settings.SEED_CONTACTS);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        int lists = get(Settings.SEED_LISTS);
        int seeded = new SandboxSeeder(get(Settings.SEED_RANDOM), Instant.now()).withLists(lists).seed(state, spec);
        return Optional.of(seeded + " contacts from " + spec + " (" + lists + " contact lists)");
    }
}
