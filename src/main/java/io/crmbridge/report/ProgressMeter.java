package io.crmbridge.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Progress lines for long files (R3), e.g. {@code contacts.csv: 5000 rows, 950 rows/s, 42% read,
 * ~6 s left}. The rate is rows done over the time since the meter was created; the share read and
 * the time left come from bytes read against the file size, assuming the remaining bytes go at
 * the pace so far. A line is produced at most once per interval, the first one interval after
 * creation. Thread-safe.
 */
public final class ProgressMeter {

    private final String fileName;
    private final long fileBytes;
    private final Duration every;
    private final Clock clock;
    private final Instant start;
    private Instant lastLine;

    /**
     * @param fileName  the file name shown at the start of each line
     * @param fileBytes the file's size in bytes; 0 or less when unknown (then no share or time left is shown)
     * @param every     the minimum interval between two lines; must be positive
     * @param clock     the time source (a fixed or test clock in tests)
     */
    public ProgressMeter(String fileName, long fileBytes, Duration every, Clock clock) {
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("progress interval must be positive: " + every);
        }
        this.fileName = ReportFormat.singleLine(fileName);
        this.fileBytes = fileBytes;
        this.every = every;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = clock.instant();
        this.lastLine = start;
    }

    /**
     * Reports progress; returns a line when at least one interval has passed since the last line
     * (or since creation), else empty.
     *
     * @param rowsDone  data rows processed so far
     * @param bytesRead bytes of the file read so far
     */
    public synchronized Optional<String> update(long rowsDone, long bytesRead) {
        Instant now = clock.instant();
        if (now.isBefore(lastLine.plus(every))) {
            return Optional.empty();
        }
        lastLine = now;
        long elapsedMs = Math.max(1, Duration.between(start, now).toMillis());
        StringBuilder sb = new StringBuilder(fileName).append(": ").append(rowsDone).append(" rows, ")
                .append(Math.round(rowsDone * 1000.0 / elapsedMs)).append(" rows/s");
        if (fileBytes > 0) {
            long read = Math.min(Math.max(0, bytesRead), fileBytes);
            sb.append(", ").append(read * 100 / fileBytes).append("% read, ");
            if (read == 0) {
                sb.append("time left unknown");
            } else {
                long leftMs = Math.round(elapsedMs * (double) (fileBytes - read) / read);
                sb.append('~').append(humanDuration(leftMs)).append(" left");
            }
        }
        return Optional.of(sb.toString());
    }

    /** {@code 6 s}, {@code 3 min 20 s}, {@code 1 h 5 min}; seconds rounded up so that "0 s" means done. */
    static String humanDuration(long millis) {
        long s = (millis + 999) / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
