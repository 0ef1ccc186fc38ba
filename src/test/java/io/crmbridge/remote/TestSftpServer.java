package io.crmbridge.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server in the test JVM (Apache MINA SSHD) on a free loopback port: one user with a password, its home
 * a folder of the test ({@link #root()}), an RSA host key made for the test. {@link #knownHostsLine} is the line an
 * OpenSSH known-hosts file holds for it; {@link #wrongKnownHostsLine} names the same host with another key.
 */
public final class TestSftpServer implements AutoCloseable {

    public static final String USER = "crm";

    private final SshServer sshd;
    private final Path root;
    private final PublicKey hostKey;
    private final String password;

    private TestSftpServer(SshServer sshd, Path root, PublicKey hostKey, String password) {
        this.sshd = sshd;
        this.root = root;
        this.hostKey = hostKey;
        this.password = password;
    }

    /** Starts a server whose user {@link #USER} logs in with {@code password} into {@code root}. */
    public static TestSftpServer start(Path root, String password) {
        try {
            Files.createDirectories(root);
            KeyPair key = rsa();
            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost("127.0.0.1");
            sshd.setPort(0);
            sshd.setKeyPairProvider(KeyPairProvider.wrap(key));
            sshd.setPasswordAuthenticator((user, given, session) -> USER.equals(user) && password.equals(given));
            sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            sshd.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
            sshd.start();
            return new TestSftpServer(sshd, root, key.getPublic(), password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return sshd.getPort();
    }

    /** The user's home on the server. */
    public Path root() {
        return root;
    }

    public String password() {
        return password;
    }

    /** {@code [127.0.0.1]:PORT ssh-rsa AAAA...}: this server's key as a known-hosts file holds it. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey);
    }

    /** The same host with a key that is not the server's. */
    public String wrongKnownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(rsa().getPublic());
    }

    /** Writes a known-hosts file holding {@code line}. */
    public static Path knownHosts(Path file, String line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
