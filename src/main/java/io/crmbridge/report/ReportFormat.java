package io.crmbridge.report;

import java.util.Locale;
import java.util.OptionalDouble;

/** Human-readable renderings of report numbers, shared by the summary line and the HTML page. */
final class ReportFormat {

    private ReportFormat() {
    }

    /** Milliseconds as seconds with one decimal, e.g. {@code 52.1 s}. */
    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A rate rounded to a whole number, e.g. {@code 192}. */
    static String wholeNumber(double value) {
        return String.valueOf(Math.round(value));
    }

    /** A quality score as {@code 97.5%}, or {@code n/a} when undefined (no rows). */
    static String percent(OptionalDouble score) {
        return score.isPresent() ? String.format(Locale.ROOT, "%.1f%%", score.getAsDouble()) : "n/a";
    }

    /**
     * Replaces control characters (line breaks, escapes) with {@code ?} so that a hostile file name
     * cannot forge or split a log line.
     */
    static String singleLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                sb.append('?');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
