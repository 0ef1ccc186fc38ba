package io.crmbridge.console;

import io.crmbridge.api.BearerTokenCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.Header;

/**
 * The console's logins (docs/console.md "Log in"): the API token given once in the login form opens a session whose
 * id, 32 random bytes, is sent back in an HTTP-only cookie; the token itself is never stored in the cookie.
 *
 * <p>Sessions live in the ledger database's table {@code console_session} (migration V13), so that every instance on
 * one database accepts a session any of them opened, a logout on one ends it on all, and a restart keeps them
 * (docs/cluster.md "Console sessions"). A row is keyed by the SHA-256 (hex) of the id, never the id itself: a reader
 * of the table cannot present a session. A session ends {@code lifetime} after its login (no sliding: using it does
 * not prolong it) or at logout; expired rows are swept at each login. A check is one read by primary key; the row's
 * {@code last_seen_at} is written at most once per {@code lastSeenEvery}, not on every request. Plain JDBC on the
 * ledger's connection pool; thread-safe.
 */
public class ConsoleSessions {

    /** Name of the session cookie. */
    public static final String COOKIE = "crm_bridge_console";
    /** Most characters of a user's name kept from the login form. */
    public static final int MAX_NAME_LENGTH = 80;

    private final BearerTokenCheck token;
    private final Clock clock;
    private final Duration lifetime;
    private final Duration lastSeenEvery;
    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();

    /** An open session's row: when it ends, when it was last seen, and the name its user gave (null when none). */
    private record Open(Instant end, Instant lastSeen, String name) {
    }

    /**
     * @param token         the API's token check (the console takes the same token)
     * @param lifetime      how long a session stays open after login
     * @param lastSeenEvery the least time between two writes of a session's {@code last_seen_at}
     * @param dataSource    the ledger database, migrated (table {@code console_session})
     */
    public ConsoleSessions(BearerTokenCheck token, Clock clock, Duration lifetime, Duration lastSeenEvery,
                           DataSource dataSource) {
        this.token = token;
        this.clock = clock;
        this.lifetime = lifetime;
        this.lastSeenEvery = lastSeenEvery;
        this.dataSource = dataSource;
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
        byte[] id = new byte[32];
        random.nextBytes(id);
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement sweep = c.prepareStatement("delete from console_session where expires_at <= ?")) {
                sweep.setObject(1, utc(now));
                sweep.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("insert into console_session"
                    + " (id_hash, user_name, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?)")) {
                insert.setString(1, hash(session));
                insert.setString(2, cleanName(name));
                insert.setObject(3, utc(now));
                insert.setObject(4, utc(now));
                insert.setObject(5, utc(now.plus(lifetime)));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a console session in the ledger database", e);
        }
        return Optional.of(session);
    }

    /**
     * The name given at login by the open session the {@code Cookie} header carries, if any.
     *
     * @throws IllegalStateException when the ledger database cannot be read
     */
    public Optional<String> userName(String cookieHeader) {
        return open(cookieHeader).map(Open::name);
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

    /**
     * Whether the request's {@code Cookie} header carries an open session.
     *
     * @throws IllegalStateException when the ledger database cannot be read
     */
    public boolean valid(String cookieHeader) {
        return open(cookieHeader).isPresent();
    }

    /**
     * The open session the {@code Cookie} header names: one read by primary key, and a write of its
     * {@code last_seen_at} when the last one is {@code lastSeenEvery} old or more.
     */
    private Optional<Open> open(String cookieHeader) {
        String session = sessionId(cookieHeader);
        if (session == null || session.isEmpty()) {
            return Optional.empty();
        }
        String idHash = hash(session);
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            Open open = null;
            try (PreparedStatement read = c.prepareStatement(
                    "select expires_at, last_seen_at, user_name from console_session where id_hash = ?")) {
                read.setString(1, idHash);
                try (ResultSet r = read.executeQuery()) {
                    if (r.next()) {
                        open = new Open(r.getObject(1, OffsetDateTime.class).toInstant(),
                                r.getObject(2, OffsetDateTime.class).toInstant(), r.getString(3));
                    }
                }
            }
            if (open == null || !open.end().isAfter(now)) {
                return Optional.empty();
            }
            if (!open.lastSeen().plus(lastSeenEvery).isAfter(now)) {
                // conditional, so that of several instances seeing the session at once only the first writes
                try (PreparedStatement touch = c.prepareStatement("update console_session set last_seen_at = ?"
                        + " where id_hash = ? and last_seen_at <= ?")) {
                    touch.setObject(1, utc(now));
                    touch.setString(2, idHash);
                    touch.setObject(3, utc(now.minus(lastSeenEvery)));
                    touch.executeUpdate();
                }
            }
            return Optional.of(open);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the console sessions in the ledger database", e);
        }
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

    /**
     * Ends the session the {@code Cookie} header names, if any, on every instance.
     *
     * @throws IllegalStateException when the ledger database cannot be written
     */
    public void logout(String cookieHeader) {
        String session = sessionId(cookieHeader);
        if (session == null || session.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("delete from console_session where id_hash = ?")) {
            delete.setString(1, hash(session));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the console session in the ledger database", e);
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

    /** The SHA-256 (hex, 64 characters) of a session id: the key its row is stored under. */
    static String hash(String session) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(session.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
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
