package io.crmbridge.brevo;

import java.util.Map;
import java.util.Optional;

/**
 * The Brevo API key: a secret like the HubSpot token, never in a log, report or exception message.
 * {@link #toString()} is masked; only {@link #value()} reveals it, for the {@code api-key} header
 * (developers.brevo.com/docs: "The API key should be passed in the request headers as api-key").
 */
public final class BrevoApiKey {

    /** Environment variable read when {@code brevo.api-key} is empty. */
    public static final String ENV = "BREVO_API_KEY";

    private final String value;

    private BrevoApiKey(String value) {
        this.value = value;
    }

    /** Wraps a key; blank values are refused. */
    public static BrevoApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty Brevo API key");
        }
        return new BrevoApiKey(value.trim());
    }

    /** The key of {@code brevo.api-key} when set, else of {@value #ENV}; empty when neither is set. */
    public static Optional<BrevoApiKey> resolve(String property, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return Optional.of(of(property));
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(of(fromEnv));
    }

    /** The {@code api-key} header value. */
    public String value() {
        return value;
    }

    /** Replaces every occurrence of the key in {@code text} with {@code ****}. */
    public String scrub(String text) {
        return text == null ? null : text.replace(value, "****");
    }

    @Override
    public String toString() {
        return "BrevoApiKey[****]";
    }
}
