package io.crmbridge.flow;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application in a child JVM: the packaged jar ({@code java -jar target/crm-bridge.jar}) when the
 * integration-test run names it in system property {@value #JAR_PROPERTY} (failsafe, {@code mvn verify}),
 * else {@code io.crmbridge.Application} with this test run's class path. Its own process that a test can
 * stop with SIGTERM ({@link #terminate()}) or SIGKILL ({@link #kill()}). Output (stdout and stderr) goes to a log file. Free management and
 * application ports are passed, so that children never collide with each other or a running crm-bridge.
 */
final class ChildApplication implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Path errorLog;

    private ChildApplication(Process process, Path log, Path errorLog) {
        this.process = process;
        this.log = log;
        this.errorLog = errorLog;
    }

    /** System property naming the packaged jar to run (set by the failsafe plugin in pom.xml). */
    static final String JAR_PROPERTY = "test.application-jar";

    /**
     * Starts {@code java -D<properties> -jar <packaged jar> <args>} (or, outside {@code mvn verify},
     * {@code java -cp <test class path> -D<properties> io.crmbridge.Application <args>}) in {@code workDir},
     * without {@code HUBSPOT_ACCESS_TOKEN} in its environment.
     *
     * @throws IllegalStateException when the named jar does not exist (run {@code mvn verify}, which packages it)
     */
    static ChildApplication start(Path workDir, Path log, Map<String, String> properties, String... args)
            throws IOException {
        return start(workDir, log, log, properties, args);
    }

    /**
     * As {@link #start(Path, Path, Map, String...)}, with stdout in {@code log} ({@link #output()}) and stderr in
     * {@code errorLog} ({@link #errorOutput()}), for a test of what goes to which stream.
     */
    static ChildApplication start(Path workDir, Path log, Path errorLog, Map<String, String> properties,
                                  String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dcamel.management.port=" + ImportFlowTestSupport.freePort());
        command.add("-Dcamel.server.port=" + ImportFlowTestSupport.freePort());
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar != null && !jar.isBlank()) {
            if (!Files.isRegularFile(Path.of(jar))) {
                throw new IllegalStateException("no packaged application at " + jar + ": run mvn verify");
            }
            command.add("-jar");
            command.add(Path.of(jar).toAbsolutePath().toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("io.crmbridge.Application");
        }
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(log.toFile());
        if (errorLog.equals(log)) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(errorLog.toFile());
        }
        pb.environment().remove("HUBSPOT_ACCESS_TOKEN");
        return new ChildApplication(pb.start(), log, errorLog);
    }

    /** Everything the child printed so far (on stdout only when stderr goes to a file of its own). */
    String output() {
        return read(log);
    }

    /** What the child printed on stderr so far, when started with a file of its own for it. */
    String errorOutput() {
        return read(errorLog);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the child printed {@code fragment}. */
    void awaitOutput(String fragment, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> output().contains(fragment) || !process.isAlive());
        if (!output().contains(fragment)) {
            throw new AssertionError("the child ended without printing '" + fragment + "':\n" + output());
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, no finally block runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM (Process.destroy on Linux): the JVM runs its shutdown hooks, Camel Main shuts down gracefully. */
    void terminate() {
        process.destroy();
    }

    /**
     * Waits for the child to exit.
     *
     * @return its exit status
     * @throws AssertionError with the child's output when it is still running after {@code timeout}
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child did not exit within " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
