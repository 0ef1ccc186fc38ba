package io.crmbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Runs the application the way the docs tell users to, through {@code bin/crm-bridge}, for the start-up scenario. */
final class Launcher {

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private Launcher() {
    }

    /**
     * Runs {@code launcher --inbox dir/inbox --outbox dir/outbox args} with {@code JAVA_HOME=javaHome} and
     * {@code CRM_BRIDGE_JAR=jar} (with {@code CRM_BRIDGE_CACHE=off} when {@code cache} is false), output in
     * {@code dir/app.log}.
     *
     * @return the wall time from start to exit, in ms
     * @throws IllegalStateException when the run does not exit 0 within 10 minutes
     */
    static long run(Path launcher, Path jar, Path javaHome, boolean cache, Path dir, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "--inbox", dir.resolve("inbox").toString(),
                "--outbox", dir.resolve("outbox").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("app.log").toFile());
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("CRM_BRIDGE_JAR", jar.toString());
        pb.environment().put("CRM_BRIDGE_CACHE", cache ? "on" : "off");
        pb.environment().remove("JAVA_OPTS");
        long start = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!done || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " failed; see " + dir.resolve("app.log"));
        }
        return ms;
    }

    /**
     * A JDK of this feature version under {@code /usr/lib/jvm} (or {@code BENCH_JDK<version>}), read from its
     * {@code release} file; null when there is none.
     */
    static Path findJdk(int feature) throws IOException {
        String configured = System.getenv("BENCH_JDK" + feature);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                if (Files.isExecutable(home.resolve("bin/java")) && Files.isRegularFile(release)) {
                    Matcher m = RELEASE_VERSION.matcher(Files.readString(release));
                    if (m.find() && Integer.parseInt(m.group(1)) == feature) {
                        return home.toRealPath();
                    }
                }
            }
        }
        return null;
    }
}
