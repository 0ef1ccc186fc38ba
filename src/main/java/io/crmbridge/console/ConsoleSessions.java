package io.crmbridge.console;

import io.crmbridge.api.BearerTokenCheck;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Header;

/**
 * The console's logins (docs/console.md): the API token given once in the login form opens a session whose id,
 * 32 random bytes, is kept in memory and sent back in an HTTP-only cookie; the token itself is never stored in
 * the cookie. Sessions end after {@code lifetime} or when the process stops (a restart asks for the token again).
 */
public class ConsoleSessions {

    /** Name of the session cookie. */
    public static final String COOKIE = "crm_bridge_console";

    private final BearerTokenCheck token;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

    /**
     * @param token    the API's token check (the console takes the same token)
     * @param lifetime how long a session stays open after login
     */
    public ConsoleSessions(BearerTokenCheck token, Clock clock, Duration lifetime) {
        this.token = token;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** Whether an API token is configured: without one the console does not open. */
    public boolean configured() {
        return token.configured();
    }

    /** A new session id when {@code presented} is the API token, else empty. */
    public Optional<String> login(String presented) {
        if (!token.matches(presented)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        sessions.values().removeIf(end -> end.isBefore(now));
        byte[] id = new byte[32];
        random.nextBytes(id);
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.put(session, now.plus(lifetime));
        return Optional.of(session);
    }

    /** Whether the request's {@code Cookie} header carries an open session. */
    public boolean valid(String cookieHeader) {
        String session = sessionId(cookieHeader);
        if (session == null) {
            return false;
        }
        Instant end = sessions.get(session);
        return end != null && end.isAfter(clock.instant());
    }

    /**
     * Lets an API request through with the bearer token or an open console session (the pages call the same API).
     *
     * @throws io.crmbridge.api.ApiRefusal 401 as {@link BearerTokenCheck#check} when neither is there
     */
    public void checkApi(@Header("Authorization") String authorization, @Header("Cookie") String cookie) {
        if (token.configured() && authorization == null && valid(cookie)) {
            return;
        }
        token.check(authorization);
    }

    /** Ends the session the {@code Cookie} header names, if any. */
    public void logout(String cookieHeader) {
        String session = sessionId(cookieHeader);
        if (session != null) {
            sessions.remove(session);
        }
    }

    /** The {@code Set-Cookie} value that opens {@code session}: HTTP-only, SameSite=Strict, path /. */
    public String cookie(String session) {
        return COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + lifetime.toSeconds();
    }

    /** The {@code Set-Cookie} value that removes the session cookie. */
    public String expiredCookie() {
        return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
    }

    private static String sessionId(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            String p = part.trim();
            if (p.startsWith(COOKIE + "=")) {
                return p.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }
}
