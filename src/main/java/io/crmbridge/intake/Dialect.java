package io.crmbridge.intake;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * How a CSV file is written (feature I3): its character set and field delimiter, as detected by
 * {@link DialectSniffer} and shown in the import report.
 *
 * @param charset      the charset to decode the file with (UTF-8 or windows-1252)
 * @param charsetLabel what the report shows: {@code "UTF-8"}, {@code "UTF-8 with BOM"} or
 *                     {@code "windows-1252"}
 * @param bom          true when the file starts with the UTF-8 byte order mark EF BB BF, which
 *                     readers must skip
 * @param delimiter    the field delimiter: {@code ,} {@code ;} tab or {@code |}
 */
public record Dialect(Charset charset, String charsetLabel, boolean bom, char delimiter) {

    public Dialect {
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(charsetLabel, "charsetLabel");
    }

    /** The delimiter as the report shows it: {@code ","}, {@code ";"}, {@code "tab"} or {@code "|"}. */
    public String delimiterLabel() {
        return delimiter == '\t' ? "tab" : String.valueOf(delimiter);
    }
}
