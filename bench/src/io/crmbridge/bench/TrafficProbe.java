package io.crmbridge.bench;

import io.crmbridge.sandbox.SandboxExchange;
import io.crmbridge.sandbox.SandboxTrafficListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Benchmark probe put on the application's class path (never shipped in the jar): writes one line
 * per exchange the embedded sandbox answered, {@code <epoch ms> <method> <path> <status> <inputs>},
 * to the file named by the system property {@value #FILE_PROPERTY}, so that the benchmark can count
 * write requests and 429s and tell when records landed. Without the property it records nothing.
 */
public final class TrafficProbe implements SandboxTrafficListener {

    /** System property naming the traffic log. */
    public static final String FILE_PROPERTY = "bench.traffic-log";

    private final BufferedWriter out;

    public TrafficProbe() {
        String file = System.getProperty(FILE_PROPERTY);
        try {
            out = file == null ? null : Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void exchanged(SandboxExchange exchange) {
        if (out == null) {
            return;
        }
        try {
            out.write(System.currentTimeMillis() + " " + exchange.method() + " " + exchange.path() + " "
                    + exchange.status() + " " + inputs(exchange.requestBody()) + "\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of batch inputs in a request body (counted by their "idProperty"/"properties" objects). */
    private static int inputs(String body) {
        int count = 0;
        for (int i = body.indexOf("\"properties\""); i >= 0; i = body.indexOf("\"properties\"", i + 1)) {
            count++;
        }
        return count;
    }

    @Override
    public String toString() {
        return "benchmark traffic probe";
    }
}
