package io.crmbridge.hubspot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The HubSpot access token (O2): a secret that never reaches a log, report or exception message.
 * {@link #toString()} is masked; only {@link #bearerHeader()} reveals the value, for the
 * {@code Authorization} header (hubspot-api.md §5).
 */
public final class AccessToken {

    /** Environment variable read first. */
    public static final String ENV = "HUBSPOT_ACCESS_TOKEN";

    private final String value;

    private AccessToken(String value) {
        this.value = value;
    }

    /** Wraps a token value; blank values are refused. */
    public static AccessToken of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty HubSpot access token");
        }
        return new AccessToken(value.trim());
    }

    /**
     * Finds the token: the {@value #ENV} environment variable, else the first line of
     * {@code tokenFile} when set; empty when neither is set.
     *
     * @throws IllegalStateException when the token file is set but unreadable (the message names the
     *                               file, never its content)
     */
    public static Optional<AccessToken> resolve(Map<String, String> env, String tokenFile) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(of(fromEnv));
        }
        if (tokenFile != null && !tokenFile.isBlank()) {
            try {
                String content = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).strip();
                if (content.isEmpty()) {
                    throw new IllegalStateException("HubSpot token file " + tokenFile + " is empty");
                }
                return Optional.of(of(content.lines().findFirst().orElse("")));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read HubSpot token file " + tokenFile + ": "
                        + e.getClass().getSimpleName());
            }
        }
        return Optional.empty();
    }

    /** The {@code Authorization} header value, {@code Bearer <token>}. */
    public String bearerHeader() {
        return "Bearer " + value;
    }

    /**
     * The hex SHA-256 of the token (64 characters): names the token where it must be told apart from others, as
     * the key of the budget instances share (docs/cluster.md), without revealing it. A token is long and random,
     * so the hash cannot be turned back into it.
     */
    public String sha256() {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** True when {@code text} contains the token (used to scrub messages before they are logged). */
    public boolean appearsIn(String text) {
        return text != null && text.contains(value);
    }

    /** Replaces every occurrence of the token in {@code text} with {@code ****}. */
    public String scrub(String text) {
        return text == null ? null : text.replace(value, "****");
    }

    @Override
    public String toString() {
        return "AccessToken[****]";
    }
}
