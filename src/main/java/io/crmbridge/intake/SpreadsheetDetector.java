package io.crmbridge.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Tells a spreadsheet (or a PDF) dropped in the inbox from a CSV file by its first bytes, whatever
 * its name, so that it is refused once with "save it as CSV" instead of as unnamed binary content.
 *
 * <p>Recognised: an Excel workbook (ZIP {@code PK\3\4} holding {@code xl/workbook.xml} or
 * {@code xl/workbook.bin}), an OpenDocument spreadsheet (ZIP whose {@code mimetype} entry says
 * {@code application/vnd.oasis.opendocument.spreadsheet}), a legacy Office file (OLE2
 * {@code D0 CF 11 E0 A1 B1 1A E1}: an .xls as a rule, but .doc and .ppt share the signature, so the
 * message names both) and a PDF ({@code %PDF-}). Another ZIP, or a ZIP too damaged to list, is not
 * recognised here: {@link BinaryContentDetector} refuses it as binary. Stateless and thread-safe.
 */
public final class SpreadsheetDetector {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1};
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final String ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";
    private static final String SAVE_AS_CSV = "save it as CSV (UTF-8)";

    /**
     * Why {@code file} is a spreadsheet or a PDF and not a CSV file, or empty when its first bytes
     * are none of those.
     *
     * @throws IOException when the file cannot be read
     */
    public Optional<String> reason(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(OLE2.length);
        }
        if (startsWith(head, ZIP)) {
            return zipSpreadsheet(file);
        }
        if (startsWith(head, OLE2)) {
            return Optional.of("this is an Excel 97-2003 workbook (.xls) or another Office 97-2003 file, not a CSV"
                    + " file: open it in Excel or LibreOffice and " + SAVE_AS_CSV);
        }
        if (startsWith(head, PDF)) {
            return Optional.of("this is a PDF document, not a CSV file: export the data as CSV (UTF-8) from the"
                    + " application it comes from");
        }
        return Optional.empty();
    }

    private static Optional<String> zipSpreadsheet(Path file) throws IOException {
        // the central directory lists the entries without inflating them, however big the workbook
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("xl/workbook.xml") != null || zip.getEntry("xl/workbook.bin") != null) {
                return Optional.of("this is an Excel workbook (.xlsx), not a CSV file: open it in Excel or"
                        + " LibreOffice and " + SAVE_AS_CSV);
            }
            ZipEntry mimetype = zip.getEntry("mimetype");
            if (mimetype != null && isOdsMimetype(zip, mimetype)) {
                return Optional.of("this is an OpenDocument spreadsheet (.ods), not a CSV file: open it in"
                        + " LibreOffice or Excel and " + SAVE_AS_CSV);
            }
            return Optional.empty();
        } catch (ZipException e) {
            // a damaged archive: the binary-content check refuses it as such
            return Optional.empty();
        }
    }

    private static boolean isOdsMimetype(ZipFile zip, ZipEntry mimetype) throws IOException {
        try (InputStream in = zip.getInputStream(mimetype)) {
            byte[] content = in.readNBytes(ODS_MIMETYPE.length() + 1);
            return new String(content, StandardCharsets.US_ASCII).strip().equals(ODS_MIMETYPE);
        }
    }

    private static boolean startsWith(byte[] head, byte[] signature) {
        return head.length >= signature.length
                && Arrays.equals(head, 0, signature.length, signature, 0, signature.length);
    }
}
