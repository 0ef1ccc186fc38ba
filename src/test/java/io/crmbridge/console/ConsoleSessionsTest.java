package io.crmbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.crmbridge.PostgresServer;
import io.crmbridge.api.BearerTokenCheck;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's sessions in the ledger database (migration V13, docs/console.md "Log in"), on H2 and on a real
 * PostgreSQL: each {@link ConsoleSessions} is built afresh at the moment a step happens, on the same database, as
 * another instance or a restarted one would be, so what one accepts was found in the table, not in memory.
 */
class ConsoleSessionsTest {

    private static final String TOKEN = "console-token-5f0c2a17";
    private static final Instant LOGIN = Instant.parse("2026-12-05T08:00:00Z");
    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final Duration LAST_SEEN_EVERY = Duration.ofSeconds(60);

    private HikariDataSource database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    /** A migrated empty ledger database: {@code h2} (in memory) or {@code postgresql} ({@link PostgresServer}). */
    private HikariDataSource database(String vendor) {
        database = new HikariDataSource();
        if (vendor.equals("postgresql")) {
            database.setJdbcUrl(PostgresServer.newDatabase("sessions"));
            database.setUsername(PostgresServer.USER);
            database.setPassword(PostgresServer.PASSWORD);
        } else {
            database.setJdbcUrl("jdbc:h2:mem:sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        return database;
    }

    /** The sessions as an instance whose clock reads {@code now} sees them. */
    private ConsoleSessions at(Instant now) {
        return new ConsoleSessions(new BearerTokenCheck(TOKEN), Clock.fixed(now, ZoneOffset.UTC), LIFETIME,
                LAST_SEEN_EVERY, database);
    }

    private static String cookie(String session) {
        return "theme=dark; " + ConsoleSessions.COOKIE + "=" + session;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aSessionOpenedByOneInstanceIsAcceptedByAnotherAndLoggedOutFromBoth(String vendor) {
        database(vendor);
        String session = at(LOGIN).login(TOKEN, "  Ada\u0007 Lovelace ").orElseThrow();
        ConsoleSessions other = at(LOGIN.plusSeconds(5));
        assertThat(other.valid(cookie(session))).isTrue();
        assertThat(other.userName(cookie(session))).hasValue("Ada Lovelace");
        assertThat(other.valid(cookie(session + "x"))).isFalse();

        other.logout(cookie(session));
        assertThat(at(LOGIN.plusSeconds(6)).valid(cookie(session))).isFalse();
        assertThat(other.valid(cookie(session))).isFalse();
        assertThat(rows()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void refusesAnExpiredSessionWhateverItsUseAndSweepsItAtTheNextLogin(String vendor) {
        database(vendor);
        String session = at(LOGIN).login(TOKEN).orElseThrow();
        // used all day: the lifetime counts from the login, as it always has
        for (int hour = 1; hour < 12; hour++) {
            assertThat(at(LOGIN.plus(Duration.ofHours(hour))).valid(cookie(session))).as("hour %d", hour).isTrue();
        }
        assertThat(at(LOGIN.plus(LIFETIME).minusSeconds(1)).valid(cookie(session))).isTrue();
        assertThat(at(LOGIN.plus(LIFETIME)).valid(cookie(session))).isFalse();
        assertThat(at(LOGIN.plus(LIFETIME)).userName(cookie(session))).isEmpty();
        assertThat(rows()).hasSize(1);

        String next = at(LOGIN.plus(LIFETIME).plusSeconds(1)).login(TOKEN).orElseThrow();
        assertThat(rows()).extracting(row -> row.get(0)).containsExactly(ConsoleSessions.hash(next));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theTableHoldsOnlyTheHashOfTheCookieValueWhichDoesNotOpenTheSession(String vendor) {
        database(vendor);
        String session = at(LOGIN).login(TOKEN, "Grace").orElseThrow();
        List<List<String>> rows = rows();
        assertThat(rows).hasSize(1);
        assertThat(String.join("|", rows.get(0))).doesNotContain(session).doesNotContain(TOKEN);
        String stored = rows.get(0).get(0);
        assertThat(stored).hasSize(64).isEqualTo(ConsoleSessions.hash(session));
        // what a reader of the table has is not a session
        assertThat(at(LOGIN.plusSeconds(1)).valid(cookie(stored))).isFalse();
        assertThat(at(LOGIN.plusSeconds(1)).valid(cookie(session))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void writesLastSeenAtMostOncePerInterval(String vendor) throws SQLException {
        database(vendor);
        String session = at(LOGIN).login(TOKEN).orElseThrow();
        assertThat(at(LOGIN.plusSeconds(30)).valid(cookie(session))).isTrue();
        assertThat(lastSeen()).isEqualTo(LOGIN);
        assertThat(at(LOGIN.plusSeconds(61)).valid(cookie(session))).isTrue();
        assertThat(lastSeen()).isEqualTo(LOGIN.plusSeconds(61));
        assertThat(at(LOGIN.plusSeconds(90)).valid(cookie(session))).isTrue();
        assertThat(at(LOGIN.plusSeconds(120)).valid(cookie(session))).isTrue();
        assertThat(lastSeen()).isEqualTo(LOGIN.plusSeconds(61));
        assertThat(at(LOGIN.plusSeconds(121)).valid(cookie(session))).isTrue();
        assertThat(lastSeen()).isEqualTo(LOGIN.plusSeconds(121));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aWrongTokenOpensNoSessionAndNoCookieOpensNone(String vendor) {
        database(vendor);
        assertThat(at(LOGIN).login("not-" + TOKEN, "Eve")).isEmpty();
        assertThat(rows()).isEmpty();
        assertThat(at(LOGIN).valid(null)).isFalse();
        assertThat(at(LOGIN).valid("theme=dark")).isFalse();
        assertThat(at(LOGIN).valid(ConsoleSessions.COOKIE + "=")).isFalse();
        at(LOGIN).logout(ConsoleSessions.COOKIE + "=");
    }

    private Instant lastSeen() throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select last_seen_at from console_session")) {
            assertThat(r.next()).isTrue();
            return r.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /** Every row of console_session, every column as text, the key first. */
    private List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select id_hash, * from console_session")) {
            ResultSetMetaData columns = r.getMetaData();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.add(String.valueOf(r.getString(i)));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
