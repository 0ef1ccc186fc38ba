package io.crmbridge.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code sandbox.*} settings (docs/configuration.md, docs/hubspot-emulator.md) read from one source of
 * properties: Camel's properties inside the application, or {@link #layered(Map)} for the emulator, which
 * starts without Camel. Values are trimmed; an unset key takes its default.
 */
public final class SandboxSettings {

    private final Function<String, Optional<String>> source;

    /** @param source a setting's value, or empty when it is not set */
    public SandboxSettings(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /**
     * The settings as the command line, the JVM's system properties ({@code -Dname=value}) and the bundled
     * {@code application.properties} give them, in that order of precedence.
     *
     * @param commandLine the {@code --name=value} settings of the command line
     */
    public static SandboxSettings layered(Map<String, String> commandLine) {
        Properties bundled = new Properties();
        try (InputStream in = SandboxSettings.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                bundled.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled application.properties", e);
        }
        return new SandboxSettings(key -> Optional.ofNullable(commandLine.get(key))
                .or(() -> Optional.ofNullable(System.getProperty(key)))
                .or(() -> Optional.ofNullable(bundled.getProperty(key))));
    }

    /** The value of {@code key}, trimmed, or {@code defaultValue} when unset. */
    public String get(String key, String defaultValue) {
        return source.apply(key).map(String::trim).orElse(defaultValue);
    }

    /**
     * The sandbox's settings: {@code sandbox.host}, {@code .port}, {@code .max-batch-inputs},
     * {@code .requests-per-ten-seconds}, {@code .scopes} (comma-separated; empty: every scope the flows need),
     * {@code .daily-limit}, {@code .time-zone} (the portal's zone: its daily count resets at midnight there; UTC), the
     * faults of {@link #faults()} and the portal's admin rules ({@code sandbox.portal-rules.*}, {@link PortalRules#parse}).
     *
     * @param accessToken the one Bearer token the sandbox accepts
     * @throws IllegalArgumentException when a number is malformed, a fault rate is out of range, a portal rule cannot
     *                                  be read or the zone is unknown
     */
    public SandboxConfig config(String accessToken) {
        String scopeList = get("sandbox.scopes", "");
        Set<String> scopes = scopeList.isEmpty() ? null : Arrays.stream(scopeList.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return new SandboxConfig(get("sandbox.host", "127.0.0.1"), integer("sandbox.port", 0), accessToken,
                integer("sandbox.max-batch-inputs", 100), integer("sandbox.requests-per-ten-seconds", 190), scopes,
                Long.parseLong(get("sandbox.daily-limit", Long.toString(SandboxConfig.DEFAULT_DAILY_LIMIT))), faults(),
                PortalRules.parse(get("sandbox.portal-rules.required-on-create", ""),
                        get("sandbox.portal-rules.conditional-required", ""),
                        get("sandbox.portal-rules.property-validations", "")),
                java.time.ZoneId.of(get("sandbox.time-zone", "UTC")));
    }

    /**
     * The injected faults of the {@code sandbox.faults.*} settings, shared by the HubSpot and the Brevo sandboxes.
     *
     * @throws IllegalArgumentException when a number is malformed or a rate is out of range
     */
    public SandboxFaults faults() {
        return SandboxFaults.none()
                .withSeed(Long.parseLong(get("sandbox.faults.seed", "1")))
                .withServerErrorRate(rate("sandbox.faults.server-error-rate"))
                .withLockedRate(rate("sandbox.faults.locked-rate"))
                .withRateLimitedRate(rate("sandbox.faults.rate-limited-rate"))
                .withRetryAfter(rate("sandbox.faults.retry-after-rate"), integer("sandbox.faults.retry-after-seconds",
                        SandboxFaults.DEFAULT_RETRY_AFTER_SECONDS))
                .withLatency(get("sandbox.faults.latency-ms", "0"))
                .withDropRate(rate("sandbox.faults.drop-rate"));
    }

    /**
     * Seeds the contacts of {@code sandbox.seed-contacts} (a customers CSV or {@code generate:N}; see
     * {@link SandboxSeeder}) with {@code sandbox.seed-random} and {@code sandbox.seed-lists}.
     *
     * @return what was seeded, e.g. {@code "500 contacts from generate:500 (0 contact lists)"}; empty when
     *         {@code sandbox.seed-contacts} is not set
     * @throws IOException              when the CSV cannot be read
     * @throws IllegalArgumentException when a number is malformed or the CSV lacks a column the seeder reads
     */
    public Optional<String> seed(SandboxState state) throws IOException {
        String spec = get("sandbox.seed-contacts", "");
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        int lists = integer("sandbox.seed-lists", 0);
        int seeded = new SandboxSeeder(Long.parseLong(get("sandbox.seed-random", "42")), Instant.now())
                .withLists(lists).seed(state, spec);
        return Optional.of(seeded + " contacts from " + spec + " (" + lists + " contact lists)");
    }

    private int integer(String key, int defaultValue) {
        String value = get(key, Integer.toString(defaultValue));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }

    private double rate(String key) {
        String value = get(key, "0");
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number between 0 and 1, was '" + value + "'", e);
        }
    }
}
