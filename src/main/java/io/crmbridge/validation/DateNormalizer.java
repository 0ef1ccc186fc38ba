package io.crmbridge.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * V4 date normalisation to what HubSpot date properties take: midnight UTC of the calendar date,
 * in epoch milliseconds, as a decimal string (PRODUCT.md V4; hubspot-api.md: every property value
 * travels as a string, dates as epoch-millisecond strings).
 *
 * <p>Accepted forms (day and month may have one or two digits, the year has four):
 * <ul>
 *   <li>ISO {@code yyyy-MM-dd}, and ISO date-times ({@code 2023-06-01T12:15:36Z},
 *       {@code 2023-06-01 12:15:36}) of which the calendar date as written is kept;</li>
 *   <li>{@code dd-MM-yyyy} and {@code dd.MM.yyyy}: always day first (nobody writes months first
 *       with these separators);</li>
 *   <li>{@code dd/MM/yyyy} or {@code MM/dd/yyyy}: the order is decided per file.</li>
 * </ul>
 *
 * <p>Per-file order rule for slash dates: a date whose first part is greater than 12 proves DMY
 * for the file, one whose second part is greater than 12 proves MDY; the first proof wins and
 * is kept for the rest of the file. An ambiguous date (both parts at most 12) is read in the order
 * the file has proved so far, else in the configured default order. A date that is unambiguous
 * by itself is always read in its only possible order, even against the file's proof. Because
 * earlier rows decide later ones, use ONE instance per file and feed rows in file order.
 * Impossible calendar dates (31/02/2020, 13/13/2020) are invalid. Thread-safe (synchronised).
 */
public final class DateNormalizer {

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2})?\\S*)?");
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[-.](\\d{1,2})[-.](\\d{4})");
    private static final Pattern SLASH = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");

    private final DateOrder defaultOrder;
    private DateOrder provenOrder;

    /** @param defaultOrder order for ambiguous slash dates until the file proves one (non-null) */
    public DateNormalizer(DateOrder defaultOrder) {
        if (defaultOrder == null) {
            throw new IllegalArgumentException("defaultOrder is required");
        }
        this.defaultOrder = defaultOrder;
    }

    /**
     * Normalises one date.
     *
     * @param raw the date as written, may be null
     * @return midnight UTC epoch milliseconds ("1598400000000" for 26-08-2020), or invalid with
     *         "empty", "unrecognised date format" or "no such calendar date"
     */
    public synchronized ValueCheck normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return ValueCheck.invalid("empty");
        }
        String text = raw.trim();
        Matcher m;
        if ((m = ISO.matcher(text)).matches()) {
            return toEpochMillis(part(m, 1), part(m, 2), part(m, 3));
        }
        if ((m = DAY_FIRST.matcher(text)).matches()) {
            return toEpochMillis(part(m, 3), part(m, 2), part(m, 1));
        }
        if ((m = SLASH.matcher(text)).matches()) {
            int first = part(m, 1);
            int second = part(m, 2);
            int year = part(m, 3);
            if (first > 12 && second > 12) {
                return ValueCheck.invalid("no such calendar date");
            }
            DateOrder order;
            if (first > 12) {
                order = DateOrder.DMY;
                prove(order);
            } else if (second > 12) {
                order = DateOrder.MDY;
                prove(order);
            } else {
                order = provenOrder != null ? provenOrder : defaultOrder;
            }
            return order == DateOrder.DMY ? toEpochMillis(year, second, first) : toEpochMillis(year, first, second);
        }
        return ValueCheck.invalid("unrecognised date format");
    }

    /** The slash-date order this file has proved so far, or empty while every date was ambiguous. */
    public synchronized Optional<DateOrder> detectedOrder() {
        return Optional.ofNullable(provenOrder);
    }

    private void prove(DateOrder order) {
        if (provenOrder == null) {
            provenOrder = order;
        }
    }

    private static int part(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static ValueCheck toEpochMillis(int year, int month, int day) {
        try {
            long millis = LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            return ValueCheck.ok(Long.toString(millis));
        } catch (DateTimeException e) {
            return ValueCheck.invalid("no such calendar date");
        }
    }
}
