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
    /** Most characters of a user's name kept from the login form. */
    public static final int MAX_NAME_LENGTH = 80;

    private final BearerTokenCheck token;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Open> sessions = new ConcurrentHashMap<>();

    /** An open session: when it ends, and the name its user gave at login (null when none). */
    private record Open(Instant end, String name) {
    }

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
        return login(presented, null);
    }

    /**
     * A new session id when {@code presented} is the API token, else empty; {@code name} is the name the user gave
     * (optional: the API has one token for everyone), kept with the session for what it does (who uploaded a file),
     * trimmed, without control characters and cut to {@value #MAX_NAME_LENGTH} characters; blank means none.
     */
    public Optional<String> login(String presented, String name) {
        if (!token.matches(presented)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        sessions.values().removeIf(open -> open.end().isBefore(now));
        byte[] id = new byte[32];
        random.nextBytes(id);
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.put(session, new Open(now.plus(lifetime), cleanName(name)));
        return Optional.of(session);
    }

    /** The name given at login by the open session the {@code Cookie} header carries, if any. */
    public Optional<String> userName(String cookieHeader) {
        String session = sessionId(cookieHeader);
        Open open = session == null ? null : sessions.get(session);
        return open == null || !open.end().isAfter(clock.instant()) ? Optional.empty() : Optional.ofNullable(open.name());
    }

    private static String cleanName(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(cp -> !Character.isISOControl(cp)).limit(MAX_NAME_LENGTH).forEach(clean::appendCodePoint);
        String trimmed = clean.toString().strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** Whether the request's {@code Cookie} header carries an open session. */
    public boolean valid(String cookieHeader) {
        String session = sessionId(cookieHeader);
        if (session == null) {
            return false;
        }
        Open open = sessions.get(session);
        return open != null && open.end().isAfter(clock.instant());
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
