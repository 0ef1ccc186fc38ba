package io.crmbridge.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Header;

/**
 * Guards every {@code /api} endpoint (PRODUCT.md S3): the request's {@code Authorization: Bearer <token>}
 * must equal the configured token ({@code crm-bridge.api.token} or {@code CRM_BRIDGE_API_TOKEN}). The bytes are
 * compared with {@link MessageDigest#isEqual}, whose time does not depend on where they first differ, so
 * the token cannot be guessed byte by byte from response times. With no token configured every request is
 * refused: an API left unconfigured stays closed.
 */
public class BearerTokenCheck {

    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    /** @param token the configured token; null or blank refuses every request */
    public BearerTokenCheck(String token) {
        this.expected = token == null || token.isBlank() ? null : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a token is configured: without one every request is refused. */
    public boolean configured() {
        return expected != null;
    }

    /**
     * Whether {@code presented} is the configured token, compared in constant time (false when none is configured).
     * The console's login form checks the token it is given with this.
     */
    public boolean matches(String presented) {
        return expected != null && presented != null
                && MessageDigest.isEqual(expected, presented.trim().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Lets the request through or refuses it.
     *
     * @param authorization the request's Authorization header, may be null
     * @throws ApiRefusal 401 when no token is configured, the header is missing or not Bearer, or the token
     *                    differs (the message never repeats either token)
     */
    public void check(@Header("Authorization") String authorization) {
        if (expected == null) {
            throw new ApiRefusal(401, "the API is disabled: no API token is configured (crm-bridge.api.token)");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new ApiRefusal(401, "missing bearer token (Authorization: Bearer <token>)");
        }
        if (!matches(authorization.substring(SCHEME.length()))) {
            throw new ApiRefusal(401, "invalid bearer token");
        }
    }
}
