package io.crmbridge.report;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a dead-letter file is written so that a spreadsheet opens it as it opened the source: the
 * source's delimiter, charset and byte order mark (a windows-1252 {@code ;} export, as French- or
 * German-locale Excel writes and reads it, gets a windows-1252 {@code ;} dead letter; a UTF-8 file with
 * a BOM, which Excel needs to read UTF-8, gets one with a BOM). crm-bridge's intake reads each of these
 * back when the file is dropped into the inbox again.
 *
 * @param delimiter the field delimiter
 * @param charset   the charset the file is written in
 * @param bom       whether the file starts with a byte order mark
 */
public record DeadLetterDialect(char delimiter, Charset charset, boolean bom) {

    /** UTF-8 without a byte order mark, {@code ,}: lists crm-bridge builds itself (RFC 4180). */
    public static final DeadLetterDialect UTF8_COMMA = new DeadLetterDialect(',', StandardCharsets.UTF_8, false);

    public DeadLetterDialect {
        Objects.requireNonNull(charset, "charset");
    }

    /** What the report shows: e.g. {@code "windows-1252, ;"} or {@code "UTF-8 with BOM, tab"}. */
    public String label() {
        return charset.name() + (bom ? " with BOM" : "") + ", " + (delimiter == '\t' ? "tab" : String.valueOf(delimiter));
    }
}
