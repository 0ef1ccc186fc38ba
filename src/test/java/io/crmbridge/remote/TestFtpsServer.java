package io.crmbridge.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * A real FTPS server in the test JVM (Apache FtpServer, explicit TLS) on a free loopback port: one user with a
 * password, its home a folder of the test, a self-signed certificate made for the test with the JDK's keytool;
 * {@link #trustStore} is a PKCS12 trust store holding that certificate, as an operator would make one.
 */
public final class TestFtpsServer implements AutoCloseable {

    public static final String USER = "crm";
    private static final String STORE_PASSWORD = "changeit";

    private final FtpServer server;
    private final int port;
    private final Path root;
    private final Path trustStore;

    private TestFtpsServer(FtpServer server, int port, Path root, Path trustStore) {
        this.server = server;
        this.port = port;
        this.root = root;
        this.trustStore = trustStore;
    }

    /** Starts a server whose user {@link #USER} logs in with {@code password} into {@code dir}/home. */
    public static TestFtpsServer start(Path dir, String password) {
        try {
            Path root = Files.createDirectories(dir.resolve("home"));
            Path keyStore = dir.resolve("server.p12");
            Path trustStore = dir.resolve("trust.p12");
            selfSigned(keyStore, trustStore, dir.resolve("server.cer"));
            int port = freePort();
            ListenerFactory listener = new ListenerFactory();
            listener.setServerAddress("127.0.0.1");
            listener.setPort(port);
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(keyStore.toFile());
            ssl.setKeystorePassword(STORE_PASSWORD);
            ssl.setKeystoreType("PKCS12");
            listener.setSslConfiguration(ssl.createSslConfiguration());
            listener.setImplicitSsl(false);
            FtpServerFactory factory = new FtpServerFactory();
            factory.addListener("default", listener.createListener());
            PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
            Path usersFile = dir.resolve("users.properties");
            Files.writeString(usersFile, "");
            users.setFile(usersFile.toFile());
            UserManager manager = users.createUserManager();
            BaseUser user = new BaseUser();
            user.setName(USER);
            user.setPassword(password);
            user.setHomeDirectory(root.toAbsolutePath().toString());
            List<Authority> rights = new ArrayList<>();
            rights.add(new WritePermission());
            user.setAuthorities(rights);
            manager.save(user);
            factory.setUserManager(manager);
            FtpServer server = factory.createServer();
            server.start();
            return new TestFtpsServer(server, port, root, trustStore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FtpException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust store holding the certificate of another server, made in {@code dir}: it must not trust this one. */
    public static Path unrelatedTrustStore(Path dir) {
        try {
            Files.createDirectories(dir);
            Path trust = dir.resolve("other-trust.p12");
            selfSigned(dir.resolve("other.p12"), trust, dir.resolve("other.cer"));
            return trust;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key pair and self-signed certificate for 127.0.0.1 in {@code keyStore}, the certificate alone in {@code trust}. */
    private static void selfSigned(Path keyStore, Path trust, Path certificate) throws IOException {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-storetype",
                "PKCS12", "-keystore", trust.toString(), "-storepass", STORE_PASSWORD);
    }

    private static void keytool(String... args) throws IOException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        List<String> command = new ArrayList<>(List.of(java.resolveSibling("keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** The user's home on the server. */
    public Path root() {
        return root;
    }

    /** A PKCS12 trust store holding the server's certificate. */
    public Path trustStore() {
        return trustStore;
    }

    /** The trust stores' password. */
    public static String trustStorePassword() {
        return STORE_PASSWORD;
    }

    @Override
    public void close() {
        server.stop();
    }
}
