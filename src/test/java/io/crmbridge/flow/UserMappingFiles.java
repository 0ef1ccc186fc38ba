package io.crmbridge.flow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the mapping files a user can give crm-bridge
 * ({@code crm-bridge.mapping.ticket-codes-file}, {@code crm-bridge.mapping.hubspot-properties-file})
 * into a test's folder.
 */
final class UserMappingFiles {

    private UserMappingFiles() {
    }

    /** The bundled ticket codes plus {@code extraLines} (e.g. {@code status.Escalated=9}), as {@code dir/ticket-codes.properties}. */
    static Path ticketCodes(Path dir, String extraLines) {
        try (InputStream in = UserMappingFiles.class.getClassLoader()
                .getResourceAsStream("validation/ticket-codes.properties")) {
            String codes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return write(dir.resolve("ticket-codes.properties"), codes + "\n" + extraLines + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A user property mapping of {@code lines} in the format of mapping/hubspot-properties.properties
     * (lines replace the bundled line of the same field), as {@code dir/hubspot-properties.properties}.
     */
    static Path hubspotProperties(Path dir, String lines) {
        return write(dir.resolve("hubspot-properties.properties"), lines + "\n");
    }

    private static Path write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
