package io.crmbridge.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.spi.PropertiesFunction;

/**
 * The property placeholder function {@code {{secret-file:PATH}}}: the content of the file at PATH without its final
 * line break, e.g. a remote source's password ({@code camel.routeTemplate[erp].password={{secret-file:/run/secrets/erp}}},
 * docs/sources.md), so that no secret is written in a properties file or on a command line. Camel's own
 * {@code {{env:NAME}}} reads one from the environment. The value is never logged: camel-ftp masks a password in the
 * endpoint URIs it logs, and an error names the file, not its content.
 */
public final class SecretFileFunction implements PropertiesFunction {

    /** The function's name in a placeholder. */
    public static final String NAME = "secret-file";

    @Override
    public String getName() {
        return NAME;
    }

    /**
     * @param remainder the file's path
     * @throws IllegalArgumentException when the file cannot be read (the message names the path only)
     */
    @Override
    public String apply(String remainder) {
        Path file = Path.of(remainder.trim());
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the secret file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
