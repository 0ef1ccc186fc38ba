package io.crmbridge.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small spreadsheet files written by tests: the entries and signatures that tell them, no more. */
public final class SpreadsheetFixtures {

    /** The first bytes of every OLE2 compound file (a legacy .xls, .doc or .ppt): signature, version, byte order. */
    private static final byte[] OLE2_HEADER = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
            0x1A, (byte) 0xE1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x3E, 0, 0x03, 0, (byte) 0xFE, (byte) 0xFF};

    private SpreadsheetFixtures() {
    }

    /** A minimal Office Open XML workbook: {@code [Content_Types].xml} and {@code xl/workbook.xml}. */
    public static byte[] minimalXlsx() {
        return zip("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas"
                        + ".openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\""
                        + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                        + "</Types>",
                "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas"
                        + ".openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>");
    }

    /** The 512-byte header block of a legacy .xls (OLE2 compound file). */
    public static byte[] legacyXlsHeader() {
        return Arrays.copyOf(OLE2_HEADER, 512);
    }

    /** A ZIP of text entries, name then content; a {@code mimetype} entry is stored, as OpenDocument requires. */
    public static byte[] zip(String... namesAndContents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                byte[] content = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(namesAndContents[i]);
                if (entry.getName().equals("mimetype")) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(content.length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(content);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
