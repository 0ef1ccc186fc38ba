package io.crmbridge.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook's signing secret (docs/events.md "The signature"): read like the HubSpot token, from the environment
 * variable {@value #ENV}, else from the first line of {@code crm-bridge.events.webhook.secret-file}. It never
 * reaches a log, an event, a dead letter or an exception message: {@link #toString()} is masked and only
 * {@link #bytes()} reveals it, to the HMAC.
 */
public final class WebhookSecret {

    /** Environment variable read first. */
    public static final String ENV = "CRM_BRIDGE_EVENTS_WEBHOOK_SECRET";

    private final byte[] value;

    private WebhookSecret(String value) {
        this.value = value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Wraps a secret value.
     *
     * @throws IllegalArgumentException when it is blank
     */
    public static WebhookSecret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty webhook signing secret");
        }
        return new WebhookSecret(value.strip());
    }

    /**
     * Finds the secret: {@value #ENV}, else the first line of {@code secretFile} when set; empty when neither is.
     *
     * @throws IllegalStateException when the file is set but unreadable or empty (the message names the file, never
     *                               its content)
     */
    public static Optional<WebhookSecret> resolve(Map<String, String> env, String secretFile) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(of(fromEnv));
        }
        if (secretFile == null || secretFile.isBlank()) {
            return Optional.empty();
        }
        String content;
        try {
            content = Files.readString(Path.of(secretFile), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the webhook secret file " + secretFile + ": "
                    + e.getClass().getSimpleName());
        }
        if (content.isEmpty()) {
            throw new IllegalStateException("the webhook secret file " + secretFile + " is empty");
        }
        return Optional.of(of(content.lines().findFirst().orElse("")));
    }

    /** The secret's UTF-8 bytes, the HMAC key. */
    byte[] bytes() {
        return value.clone();
    }

    @Override
    public String toString() {
        return "WebhookSecret[****]";
    }
}
