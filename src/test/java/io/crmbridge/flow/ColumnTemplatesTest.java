package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.intake.HeaderAliases;
import io.crmbridge.model.ObjectType;
import io.crmbridge.pipeline.FieldMapping;
import io.crmbridge.pipeline.PropertyMapping;
import io.crmbridge.sales.LedgerFileKind;
import io.crmbridge.sales.store.LedgerClient;
import io.crmbridge.sales.store.SalesLedgerStore;
import io.crmbridge.sandbox.SandboxRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The column templates of {@code data/templates/} (one per object type and ledger export) go through
 * the real application: every column is one crm-bridge maps, every field it maps has a column, and
 * every example row loads without a rejection, a failure or a warning, so the templates cannot drift
 * from the header aliases, the property mapping or the validation rules.
 */
class ColumnTemplatesTest extends ImportFlowTestSupport {

    private static final Path TEMPLATES = Path.of("data", "templates");
    private static final Path SAMPLE_LEDGER = Path.of("data", "sales-ledger");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The contacts' one-column alternative to first and last name: the template has those two instead. */
    private static final String FULL_NAME = "fullname";

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void everyCrmTemplateHasAColumnPerMappedFieldAndItsRowsLoadWithEveryPropertySet() throws Exception {
        HeaderAliases aliases = HeaderAliases.loadDefault();
        PropertyMapping mapping = PropertyMapping.loadDefault();
        // companies before contacts before tickets: each row's links find their target already loaded
        for (ObjectType type : List.of(ObjectType.COMPANIES, ObjectType.CONTACTS, ObjectType.TICKETS)) {
            String name = type.pathName() + ".csv";
            List<CSVRecord> records = templateRecords(name);
            List<String> header = records.get(0).toList();
            List<String> fields = new ArrayList<>();
            header.forEach(column -> fields.add(aliases.fieldFor(type, column)
                    .orElseThrow(() -> new AssertionError(name + ": column '" + column + "' maps to no field"))));
            Set<String> expected = new HashSet<>(aliases.fields(type));
            expected.remove(FULL_NAME);
            assertThat(fields).as(name + ": one column per field").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            int rows = records.size() - 1;

            JsonNode report = importTemplate(name);

            assertThat(report.path("objectType").asText()).isEqualTo(type.pathName());
            assertEveryRowLoadedWhole(name, report, "created", rows);
            assertThat(report.path("unmappedColumns").size()).as(name + " unmapped " + report.path("unmappedColumns"))
                    .isZero();
            assertThat(report.path("duplicateColumns").size()).as(name).isZero();
            assertThat(report.path("preflight").path("unknownProperties").size()).as(name).isZero();
            assertThat(report.path("associations").path("pending").asInt()).as(name + ": links waiting").isZero();
            // every example value reached HubSpot: none was left out on the way
            for (SandboxRecord record : sandbox().state().records(type)) {
                for (FieldMapping field : mapping.fields(type)) {
                    assertThat(record.property(field.property())).as(name + ": " + field.property()).isNotBlank();
                }
            }
        }
        assertThat(sandbox().state().records(ObjectType.TICKETS)).hasSize(templateRecords("tickets.csv").size() - 1);
    }

    @Test
    void everyLedgerTemplateHasTheExportsColumnsAndItsRowsLoad() throws Exception {
        // clients and products before the sales lines, which would otherwise be held until both arrive
        for (String name : List.of("clients.csv", "produits.csv", "ventes_lignes.csv")) {
            List<CSVRecord> records = templateRecords(name);
            List<String> header = records.get(0).toList();
            LedgerFileKind kind = LedgerFileKind.byFileName(name).orElseThrow();
            assertThat(LedgerFileKind.byHeader(header)).as(name).contains(kind);
            // the ledger ignores columns it does not read: the template's header is the real export's
            assertThat(header).as(name).containsExactlyElementsOf(
                    deadLetterRecords(SAMPLE_LEDGER.resolve(name)).get(0).toList());
            int rows = records.size() - 1;

            JsonNode report = importTemplate(name);

            assertThat(report.path("kind").asText()).isEqualTo(kind.label());
            assertEveryRowLoadedWhole(name, report, "loaded", rows);
        }
        SalesLedgerStore store = context.getRegistry().lookupByNameAndType("salesLedgerStore", SalesLedgerStore.class);
        CSVRecord clientRow = templateRecords("clients.csv").get(1);
        LedgerClient client = store.client(clientRow.get(0));
        // every column of the clients export reached the ledger
        assertThat(List.of(client.getLastName(), client.getFirstName(), client.getEmail(), client.getPhone(),
                client.getAddress(), client.getPostalCode(), client.getCity(), client.getCountry()))
                .doesNotContainNull();
        assertThat(store.loadedCount()).isEqualTo(templateRecords("ventes_lignes.csv").size() - 1);
        assertThat(store.heldCount()).isZero();
    }

    /** Drops template {@code name} into the inbox and waits for its report. */
    private JsonNode importTemplate(String name) throws IOException {
        drop(TEMPLATES.resolve(name), name);
        return awaitReport(name, 1, TIMEOUT);
    }

    /** Every one of the {@code rows} rows ended as {@code outcome}, with no error and no value left out. */
    private static void assertEveryRowLoadedWhole(String name, JsonNode report, String outcome, int rows) {
        assertThat(rows).as(name + ": example rows").isPositive();
        assertThat(report.path("rowsRead").asInt()).as(name).isEqualTo(rows);
        assertThat(report.path("outcomes").path(outcome).asInt()).as(name + " " + report.path("outcomes")).isEqualTo(rows);
        assertThat(report.path("errorsByCode").size()).as(name + " errors " + report.path("errorsByCode")).isZero();
        assertThat(report.path("warningsByCode").size()).as(name + " warnings " + report.path("warningsByCode")).isZero();
    }

    /** A template's records, header first, read in the dialect crm-bridge detects. */
    private static List<CSVRecord> templateRecords(String name) throws IOException {
        return deadLetterRecords(TEMPLATES.resolve(name));
    }
}
