package io.crmbridge.config;

import io.crmbridge.intake.CsvLimits;
import io.crmbridge.validation.NumberConvention;
import io.crmbridge.validation.NumberReader;
import java.nio.file.Path;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The {@code crm-bridge.*} settings of application.properties (every one documented in docs/configuration.md),
 * read once at start-up.
 *
 * @param inbox               folder watched for CSV files
 * @param outbox              folder that receives reports/ and dead-letter/
 * @param dryRun              validate and report, send nothing (L7)
 * @param batchSize           records per HubSpot batch request, at most 100 (hubspot-api.md §1.5)
 * @param phoneDefaultRegion  ISO 3166 region for phones without a country (V3)
 * @param dateOrder           DMY or MDY, used for ambiguous slash dates a file has not settled (V4)
 * @param numbersByDefault    the number convention a report states for a file none of whose values
 *                            proved one, from its decimal separator {@code .} or {@code ,} (see {@link NumberReader})
 * @param headerAliasesFile   optional user file of header aliases replacing the bundled ones (I4)
 * @param ticketCodesFile     optional user file of ticket status/priority mappings
 * @param progressSeconds     seconds between progress lines for a long file (R3)
 * @param phoneCacheSize      phone results remembered by (number, region); 0 remembers none (docs/benchmarks.md)
 * @param csvLimits           lines and characters one CSV record may span before an open quote is judged broken
 */
public record BridgeSettings(Path inbox, Path outbox, boolean dryRun, int batchSize, String phoneDefaultRegion,
                             String dateOrder, NumberConvention numbersByDefault, String headerAliasesFile,
                             String ticketCodesFile, int progressSeconds, int phoneCacheSize, CsvLimits csvLimits) {

    /** Maximum inputs HubSpot accepts in one batch request (hubspot-api.md §1.5). */
    public static final int HUBSPOT_MAX_BATCH = 100;

    /**
     * Reads the settings from Camel's properties.
     *
     * @throws IllegalArgumentException when batch-size is not between 1 and 100, or the default decimal
     *                                  separator is neither {@code .} nor {@code ,}
     */
    public static BridgeSettings from(PropertiesComponent p) {
        int batch = Integer.parseInt(get(p, "crm-bridge.batch-size", "100"));
        if (batch < 1 || batch > HUBSPOT_MAX_BATCH) {
            throw new IllegalArgumentException("crm-bridge.batch-size must be between 1 and 100, was " + batch);
        }
        return new BridgeSettings(
                Path.of(get(p, "crm-bridge.inbox", "inbox")),
                Path.of(get(p, "crm-bridge.outbox", "outbox")),
                Boolean.parseBoolean(get(p, "crm-bridge.dry-run", "false")),
                batch,
                get(p, "crm-bridge.phone.default-region", "US"),
                get(p, "crm-bridge.dates.default-order", "DMY"),
                NumberConvention.withDecimalSeparator(get(p, "crm-bridge.numbers.default-decimal-separator", ".")),
                get(p, "crm-bridge.mapping.header-aliases-file", ""),
                get(p, "crm-bridge.mapping.ticket-codes-file", ""),
                Integer.parseInt(get(p, "crm-bridge.progress-seconds", "5")),
                Integer.parseInt(get(p, "crm-bridge.phone.cache-size", "50000")),
                new CsvLimits(
                        Integer.parseInt(get(p, "crm-bridge.csv.max-record-lines",
                                Integer.toString(CsvLimits.DEFAULT.maxRecordLines()))),
                        Integer.parseInt(get(p, "crm-bridge.csv.max-record-chars",
                                Integer.toString(CsvLimits.DEFAULT.maxRecordChars())))));
    }

    static String get(PropertiesComponent p, String key, String defaultValue) {
        return p.resolveProperty(key).map(String::trim).orElse(defaultValue);
    }

    public Path reportsDir() {
        return outbox.resolve("reports");
    }

    public Path deadLetterDir() {
        return outbox.resolve("dead-letter");
    }

    /** {@code p} relative to the outbox when it lies inside it (the form reports show), else absolute. */
    public String relativeToOutbox(Path p) {
        Path root = outbox.toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}
