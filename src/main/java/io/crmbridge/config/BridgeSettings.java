package io.crmbridge.config;

import io.crmbridge.intake.CsvLimits;
import io.crmbridge.validation.NumberConvention;
import io.crmbridge.validation.NumberReader;
import java.nio.file.Path;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The import's {@code crm-bridge.*} settings ({@link Settings}, docs/configuration.md), read once at start-up.
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
     * Reads the settings from Camel's properties ({@link Settings}).
     *
     * @throws InvalidSettingException when a value is not one its setting allows (e.g. a batch size above 100)
     */
    public static BridgeSettings from(PropertiesComponent p) {
        return new BridgeSettings(
                Path.of(Settings.INBOX.read(p)),
                Path.of(Settings.OUTBOX.read(p)),
                Settings.DRY_RUN.read(p),
                Settings.BATCH_SIZE.read(p),
                Settings.PHONE_DEFAULT_REGION.read(p),
                Settings.DATES_DEFAULT_ORDER.read(p),
                Settings.NUMBERS_DEFAULT_DECIMAL_SEPARATOR.read(p),
                Settings.HEADER_ALIASES_FILE.read(p),
                Settings.TICKET_CODES_FILE.read(p),
                Settings.PROGRESS_SECONDS.read(p),
                Settings.PHONE_CACHE_SIZE.read(p),
                new CsvLimits(Settings.CSV_MAX_RECORD_LINES.read(p), Settings.CSV_MAX_RECORD_CHARS.read(p)));
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
