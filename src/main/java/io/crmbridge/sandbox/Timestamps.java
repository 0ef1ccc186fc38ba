package io.crmbridge.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;

/** HubSpot's timestamp forms: ISO-8601 with milliseconds and Z, epoch-millisecond strings, yyyy-MM-dd dates (hubspot-api.md §0). */
final class Timestamps {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** e.g. {@code 2022-02-17T19:22:45.581Z}. */
    static String format(Instant instant) {
        return ISO_MILLIS.format(instant);
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
