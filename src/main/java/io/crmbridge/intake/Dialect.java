package io.crmbridge.intake;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * How a CSV file is written (feature I3): its character set and field delimiter, as detected by
 * {@link DialectSniffer} and shown in the import report.
 *
 * @param charset      the charset to decode the file with (UTF-8, UTF-16LE, UTF-16BE or windows-1252)
 * @param charsetLabel what the report shows: {@code "UTF-8"}, {@code "UTF-8 with BOM"},
 *                     {@code "UTF-16LE with BOM"}, {@code "UTF-16BE with BOM"} or {@code "windows-1252"}
 * @param bom          true when the file starts with a byte order mark (UTF-8 EF BB BF, UTF-16 FF FE
 *                     or FE FF), which readers must skip
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
