package io.crmbridge.pipeline;

import io.crmbridge.enrichment.ContactExtractor;
import io.crmbridge.intake.ColumnMapping;
import io.crmbridge.intake.CsvRowReader;
import io.crmbridge.intake.Dialect;
import io.crmbridge.intake.HeaderAliases;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.RowResult;
import io.crmbridge.report.DeadLetterWriter;
import io.crmbridge.report.ImportReport;
import io.crmbridge.report.ProgressMeter;
import io.crmbridge.validation.CodeMapper;
import io.crmbridge.validation.CountryRegions;
import io.crmbridge.validation.DateNormalizer;
import io.crmbridge.validation.DateOrder;
import io.crmbridge.validation.NumberConvention;
import io.crmbridge.validation.NumberReader;
import io.crmbridge.validation.DomainNormalizer;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.PhoneNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Maps every row of a small CSV file with the real rules, as the intake route would
 * (UTF-8, comma, the bundled header aliases, property mapping and ticket codes, phones in US by
 * default), through a hand-built {@link FileImport}. Rows are mapped in file order with one
 * FileImport, so per-file state (duplicates, secondary contacts) carries from row to row.
 */
final class RowMapping {

    private final EmailValidator emails = new EmailValidator();
    private final DomainNormalizer domains = DomainNormalizer.load();
    private final RecordProperties properties = new RecordProperties(PropertyMapping.loadDefault(), emails,
            new PhoneNormalizer("US", CountryRegions.load()), ticketCodes());
    final ContactRowMapper contacts = new ContactRowMapper(emails, domains, properties);
    final CompanyRowMapper companies = new CompanyRowMapper(domains, properties);
    final TicketRowMapper tickets = new TicketRowMapper(emails, new ContactExtractor(emails, "US"), properties,
            contacts, "0", "1");

    private final Path dir;
    private FileImport last;

    /** @param dir a test folder for the CSV file and the dead-letter directory */
    RowMapping(Path dir) {
        this.dir = dir;
    }

    private static Map<String, CodeMapper> ticketCodes() {
        Properties p = new Properties();
        try (InputStream in = RowMapping.class.getClassLoader().getResourceAsStream(CodeMapper.TICKET_CODES);
             Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, CodeMapper> codes = new LinkedHashMap<>();
        for (String set : new String[] {"status", "priority", "category", "channel"}) {
            codes.put(set, CodeMapper.fromProperties(p, set));
        }
        return codes;
    }

    /** Writes {@code csv} as {@code fileName}, then maps each of its rows with the mapper of {@code type}. */
    List<RowResult> map(ObjectType type, String fileName, String csv) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        Dialect dialect = new Dialect(StandardCharsets.UTF_8, "UTF-8", false, ',');
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
        RowMapper mapper = type == ObjectType.CONTACTS ? contacts : type == ObjectType.COMPANIES ? companies : tickets;
        List<RowResult> results = new ArrayList<>();
        try (CsvRowReader reader = CsvRowReader.open(file, dialect)) {
            ColumnMapping mapping = ColumnMapping.of(type, reader.header(), HeaderAliases.loadDefault());
            FileImport fileImport = new FileImport(1, fileName, fileName + "-run1", type, dialect, mapping, reader,
                    new ImportReport(fileName, type, "UTF-8", ",", false, clock.instant()),
                    new DeadLetterWriter(dir.resolve("dead-letter"), fileName, reader.header()),
                    new DateNormalizer(DateOrder.DMY),
                    new NumberReader(NumberConvention.DECIMAL_POINT),
                    new ProgressMeter(fileName, Files.size(file), Duration.ofSeconds(5), clock), false);
            reader.forEachRemaining(row -> results.add(mapper.map(row, fileImport)));
            last = fileImport;
        }
        return results;
    }

    /** The FileImport of the last {@link #map} call (its reader closed), for the steps after mapping. */
    FileImport lastFile() {
        return last;
    }
}
