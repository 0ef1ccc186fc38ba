package io.crmbridge.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The properties a start of {@code crm-bridge.jar} is given besides the bundled application.properties, checked
 * before anything starts: the user's configuration file ({@link Settings#CONFIG_FILE}, named on the command line or
 * as a system property), the command line's {@code --name=value} and the JVM's {@code -Dname=value}. The Camel run,
 * the HubSpot emulator and {@code --check-portal} all take their overrides from {@link #resolve}.
 */
public final class StartupProperties {

    private StartupProperties() {
    }

    /**
     * Reads the user's configuration file, when one is named, and checks every crm-bridge property of the command
     * line, the system properties and that file ({@link Settings#check}). The bundled application.properties holds
     * only Camel's settings; a Camel run checks what Camel's properties hold again ({@link Settings#applyTo}).
     *
     * @param commandLine the command line's properties ({@code --name=value} and those its flags set)
     * @return the properties to give Camel as overrides: the file's, then the command line's over them
     * @throws InvalidSettingException naming the first property refused, or a configuration file that cannot be read
     */
    public static Map<String, String> resolve(Map<String, String> commandLine) {
        Map<String, String> system = new LinkedHashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (Settings.isOwn(name)) {
                system.put(name, System.getProperty(name));
            }
        }
        Settings.validate(commandLine);
        Settings.validate(system);
        String fileName = system.getOrDefault(Settings.CONFIG_FILE.name(), commandLine.get(Settings.CONFIG_FILE.name()));
        Map<String, String> resolved = new LinkedHashMap<>();
        if (fileName != null && !fileName.isBlank()) {
            Map<String, String> file = configurationFile(fileName.trim());
            Settings.validate(file);
            resolved.putAll(file);
        }
        resolved.putAll(commandLine);
        return resolved;
    }

    /**
     * The properties of a configuration file (the {@link Properties} format, read as UTF-8), values trimmed.
     *
     * @throws InvalidSettingException when the file cannot be read, naming it
     */
    public static Map<String, String> configurationFile(String fileName) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(fileName), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingException(Settings.CONFIG_FILE.name() + " = " + fileName + ": cannot be read ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : new java.util.TreeSet<>(p.stringPropertyNames())) {
            map.put(name, p.getProperty(name).trim());
        }
        return map;
    }
}
