package io.crmbridge.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;

/** HubSpot's timestamp forms: ISO-8601 with milliseconds and Z, epoch-millisecond strings, yyyy-MM-dd dates (hubspot-api.md §0). */
final class Timestamps {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years the pattern writes as four plain digits. */
    private static final long MIN_FAST_SECOND = -62_135_596_800L;
    private static final long MAX_FAST_SECOND = 253_402_300_800L;

    private Timestamps() {
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * e.g. {@code 2022-02-17T19:22:45.581Z}. The sandbox formats four timestamps per record it writes, and the
     * pattern formatter (a zone conversion and a print context per call) was a fifth of a batch upsert's CPU
     * (docs/benchmarks.md): years 1 to 9999 are written field by field, others by the formatter.
     */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FAST_SECOND || seconds >= MAX_FAST_SECOND) {
            return ISO_MILLIS.format(instant);
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, instant.getNano(), ZoneOffset.UTC);
        StringBuilder s = new StringBuilder(24);
        pad(s, t.getYear(), 4).append('-');
        pad(s, t.getMonthValue(), 2).append('-');
        pad(s, t.getDayOfMonth(), 2).append('T');
        pad(s, t.getHour(), 2).append(':');
        pad(s, t.getMinute(), 2).append(':');
        pad(s, t.getSecond(), 2).append('.');
        return pad(s, instant.getNano() / 1_000_000, 3).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder s, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            s.append('0');
        }
        return s.append(digits);
    }

    /** Epoch ms of an epoch-ms string, an ISO-8601 instant or a yyyy-MM-dd date (midnight UTC); empty when none of these. */
    static OptionalLong toEpochMillis(String value) {
        if (value == null || value.isEmpty()) {
            return OptionalLong.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit) && !v.isEmpty() && v.length() <= 15) {
            return OptionalLong.of(Long.parseLong(v));
        }
        try {
            return OptionalLong.of(Instant.parse(v).toEpochMilli());
        } catch (DateTimeParseException e) {
            // not an instant: try a plain date below
        }
        try {
            return OptionalLong.of(LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }
}
