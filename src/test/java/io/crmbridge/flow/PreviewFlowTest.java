package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The preview asks the portal (U2, docs/undo.md): a dry run of the real customers file against a portal that
 * already holds half of its rows, some edited there since and some changed in the file, while the ledger knows none
 * of them (a fresh ledger), predicts exactly the outcomes the real import of the same file then reports, and lists
 * each update's property changes.
 */
class PreviewFlowTest extends ImportFlowTestSupport {

    private static final int ROWS = 2000;
    private static final String EDITED_CITY = "Edited In HubSpot";
    private static final String MOVED_CITY = "Moved In The File";

    private List<String> header;
    /** Set on first use: the test support asks for the properties before this class's fields are initialised. */
    private String ledgerUrl;

    @Override
    protected Properties extraProperties() {
        if (ledgerUrl == null) {
            ledgerUrl = "jdbc:h2:mem:preview-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        }
        Properties p = unlimitedRate();
        p.setProperty("crm-bridge.db.url", ledgerUrl);
        return p;
    }

    @Test
    void aDryRunAgainstAPortalHoldingHalfTheRowsPredictsWhatTheImportReports() throws Exception {
        List<CSVRecord> customers = customers();
        // the portal gets the first half from an import whose ledger is then forgotten
        drop(write("first-half.csv", customers.subList(0, ROWS / 2), Map.of()), "first-half.csv");
        JsonNode first = awaitReport("first-half.csv");
        long held = first.path("outcomes").path("created").asLong();
        assertThat(held).isGreaterThan(900);
        awaitInboxEmpty(Duration.ofSeconds(30));
        forgetRecords();
        // someone edits rows 1-100 in HubSpot; the new file moves rows 501-700 to another city
        Map<String, String> editedCities = new HashMap<>();
        for (CSVRecord r : customers.subList(0, 100)) {
            sandbox().state().findByProperty(ObjectType.CONTACTS, "email", email(r)).ifPresent(c -> {
                sandbox().state().update(ObjectType.CONTACTS, c.id(), Map.of("city", EDITED_CITY));
                editedCities.put(email(r), r.get("City"));
            });
        }
        Map<Integer, String> moved = new HashMap<>();
        int expectUpdated = editedCities.size();
        for (int i = 500; i < 700; i++) {
            moved.put(i, MOVED_CITY);
            if (sandbox().state().findByProperty(ObjectType.CONTACTS, "email", email(customers.get(i))).isPresent()) {
                expectUpdated++;
            }
        }
        Path whole = write("customers.csv", customers.subList(0, ROWS), moved);

        dropToCheck(whole, "customers.csv");
        JsonNode preview = awaitReport("customers.csv");
        awaitInboxEmpty(Duration.ofSeconds(30));
        long writesBefore = writes();
        drop(whole, "customers.csv");
        JsonNode imported = awaitReport("customers.csv", 2, Duration.ofSeconds(120));

        assertThat(preview.path("dryRun").asBoolean()).isTrue();
        assertThat(imported.path("dryRun").asBoolean()).isFalse();
        assertThat(preview.path("outcomes")).isEqualTo(imported.path("outcomes"));
        assertThat(preview.path("outcomes").path("updated").asLong()).isEqualTo(expectUpdated);
        assertThat(preview.path("outcomes").path("unchanged").asLong())
                .isEqualTo(held - expectUpdated);
        assertThat(preview.path("outcomes").path("created").asLong()).isEqualTo(ROWS - held
                - preview.path("outcomes").path("rejected").asLong());
        // the preview's changes: HubSpot's value, then the file's
        Map<String, JsonNode> changes = new HashMap<>();
        preview.path("propertyChanges").forEach(c -> changes.put(c.path("key").asText(), c.path("changes")));
        assertThat(changes).hasSize(expectUpdated);
        String someEdited = editedCities.keySet().iterator().next();
        assertThat(changes.get(someEdited)).hasSize(1);
        assertThat(changes.get(someEdited).get(0).path("property").asText()).isEqualTo("city");
        assertThat(changes.get(someEdited).get(0).path("from").asText()).isEqualTo(EDITED_CITY);
        assertThat(changes.get(someEdited).get(0).path("to").asText()).isEqualTo(editedCities.get(someEdited));
        assertThat(imported.path("propertyChanges")).isEmpty();
        assertThat(Files.readString(htmlBeside(reports("customers.csv").get(0)))).contains("What the import would change");
        // the import sent only what the preview said would change: unchanged records were not written
        SandboxRecord edited = sandbox().state().findByProperty(ObjectType.CONTACTS, "email", someEdited).orElseThrow();
        assertThat(edited.property("city")).isEqualTo(editedCities.get(someEdited));
        assertThat(writes() - writesBefore).isLessThanOrEqualTo(
                (preview.path("outcomes").path("created").asLong() + expectUpdated + 99) / 100 + 2);
    }

    /** The real customers file's first {@value #ROWS} rows. */
    private List<CSVRecord> customers() throws IOException {
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(DATASETS.resolve(RealDatasetFacts.CUSTOMERS_CSV)))) {
            header = parser.getHeaderNames();
            List<CSVRecord> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                rows.add(r);
                if (rows.size() == ROWS) {
                    break;
                }
            }
            return rows;
        }
    }

    /** Writes {@code rows} as a customers CSV under the work folder, the City of row index i set to {@code city[i]}. */
    private Path write(String name, List<CSVRecord> rows, Map<Integer, String> city) throws IOException {
        Path file = work().resolve("source-" + name);
        try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (int i = 0; i < rows.size(); i++) {
                List<String> values = new ArrayList<>(rows.get(i).toList());
                if (city.containsKey(i)) {
                    values.set(header.indexOf("City"), city.get(i));
                }
                out.printRecord(values);
            }
        }
        return file;
    }

    /** Drops {@code source} into the inbox's check-first folder: imported as a dry run (docs/console.md). */
    private void dropToCheck(Path source, String name) throws IOException {
        Path check = Files.createDirectories(inbox().resolve(".check"));
        Path staging = work().resolve("staging-check-" + name);
        Files.copy(source, staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, check.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** A fresh ledger's view: no record known, so nothing can be called unchanged without asking the portal. */
    private void forgetRecords() throws Exception {
        try (Connection c = DriverManager.getConnection(ledgerUrl, "sa", ""); Statement s = c.createStatement()) {
            s.executeUpdate("delete from record_key");
        }
    }

    private long writes() {
        return sandbox().state().requests().stream().filter(r -> "POST".equals(r.method())
                && (r.path().endsWith("/batch/upsert") || r.path().endsWith("/batch/create"))).count();
    }

    private static String email(CSVRecord r) {
        return r.get("Email").trim().toLowerCase(Locale.ROOT);
    }
}
