package io.crmbridge.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.sales.store.ClientRecommendation;
import io.crmbridge.sales.store.LedgerClient;
import io.crmbridge.sales.store.SalesLedgerStore;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The sample ledger of data/sales-ledger/ through the real application: exact
 * counts per file, derived here from the files themselves, normalised values in the tables, and
 * the segment distribution in the JSON and HTML reports.
 */
class SampleLedgerImportTest extends ImportFlowTestSupport {

    private static final Path DATA = Path.of("data", "sales-ledger");
    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void theSampleLedgerLoadsWithExactCountsAndReportsTheSegments() throws Exception {
        List<CSVRecord> clientRows = read(DATA.resolve("clients.csv"), CP1252);
        List<CSVRecord> productRows = read(DATA.resolve("produits.csv"), StandardCharsets.UTF_8);
        List<CSVRecord> lineRows = read(DATA.resolve("ventes_lignes.csv"), CP1252);
        Set<String> clientCodes = new HashSet<>();
        clientRows.forEach(r -> clientCodes.add(r.get("client_code")));
        Set<String> productNames = new HashSet<>();
        productRows.forEach(r -> productNames.add(r.get("produit").trim().toLowerCase(Locale.ROOT)));
        // expectations from the files: a line is refused for a date that does not exist, a negative
        // quantity on a sale or for repeating an earlier line; held when its client or product is unknown
        DateTimeFormatter strict = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
        Set<String> seen = new HashSet<>();
        int rejected = 0;
        int held = 0;
        Set<String> buyers = new TreeSet<>();
        for (CSVRecord r : lineRows) {
            boolean badDate;
            try {
                LocalDate.parse(r.get("date_livraison"), strict);
                badDate = false;
            } catch (DateTimeParseException e) {
                badDate = true;
            }
            boolean negativeSale = r.get("document_type").equals("VENTE") && r.get("qty_line").startsWith("-");
            if (badDate || negativeSale || !seen.add(String.join(";", r.values()))) {
                rejected++;
            } else if (!clientCodes.contains(r.get("client_code"))
                    || !productNames.contains(r.get("produit_label").toLowerCase(Locale.ROOT))) {
                held++;
            } else if (r.get("document_type").equals("VENTE")) {
                buyers.add(r.get("client_code"));
            }
        }

        drop(DATA.resolve("clients.csv"), "clients.csv");
        drop(DATA.resolve("produits.csv"), "produits.csv");
        drop(DATA.resolve("ventes_lignes.csv"), "ventes_lignes.csv");
        JsonNode clients = awaitReport("clients.csv", 1, TIMEOUT);
        JsonNode products = awaitReport("produits.csv", 1, TIMEOUT);
        JsonNode lines = awaitReport("ventes_lignes.csv", 1, TIMEOUT);

        assertThat(clients.path("rowsRead").asInt()).isEqualTo(clientRows.size()).isGreaterThanOrEqualTo(300);
        assertThat(clients.path("outcomes").path("loaded").asInt()).isEqualTo(clientCodes.size());
        assertThat(clients.path("outcomes").path("rejected").asInt()).isEqualTo(clientRows.size() - clientCodes.size());
        assertThat(clients.path("errorsByCode").path("DUPLICATE_IN_FILE").asInt()).isEqualTo(1);
        assertThat(clients.path("warningsByCode").path("INVALID_PHONE").asInt()).isEqualTo(1);
        assertThat(clients.path("warningsByCode").path("INVALID_OPTIONAL_EMAIL").asInt()).isEqualTo(1);
        assertThat(clients.path("charset").asText()).isEqualTo("windows-1252");
        assertThat(products.path("outcomes").path("loaded").asInt()).isEqualTo(productNames.size()).isEqualTo(60);
        assertThat(products.path("outcomes").path("rejected").asInt()).isEqualTo(productRows.size() - productNames.size());

        assertThat(lines.path("rowsRead").asInt()).isEqualTo(lineRows.size()).isGreaterThanOrEqualTo(5000);
        assertThat(lines.path("outcomes").path("rejected").asInt()).isEqualTo(rejected).isEqualTo(3);
        assertThat(lines.path("outcomes").path("held").asInt()).isEqualTo(held).isEqualTo(2);
        assertThat(lines.path("outcomes").path("loaded").asInt()).isEqualTo(lineRows.size() - rejected - held);
        assertThat(lines.path("heldRows").findValuesAsText("row")).containsExactly("4001", "4501");
        assertThat(lines.path("errorsByCode").path("INVALID_VALUE").asInt()).isEqualTo(2);
        assertThat(lines.path("errorsByCode").path("DUPLICATE_IN_FILE").asInt()).isEqualTo(1);
        // French exports: the first amount with decimals proves the comma; nothing is ambiguous
        assertThat(lines.path("numberFormat").path("decimalSeparator").asText()).isEqualTo(",");
        assertThat(lines.path("numberFormat").path("thousandsSeparator").asText()).isEqualTo(".");
        assertThat(lines.path("numberFormat").path("proven").asBoolean()).isTrue();
        assertThat(lines.path("numberFormat").path("proof").asText()).isEqualTo(lineRows.get(0).get("mt_ht"));
        assertThat(lines.path("warningsByCode").has("AMBIGUOUS_NUMBER")).isFalse();
        assertThat(products.path("numberFormat").path("proof").asText()).isEqualTo(productRows.get(0).get("prix_ttc"));
        // the clients export has no numbers: the ledger's configured default is stated, not proved
        assertThat(clients.path("numberFormat").path("decimalSeparator").asText()).isEqualTo(",");
        assertThat(clients.path("numberFormat").path("proven").asBoolean()).isFalse();
        assertThat(deadLetter("ventes_lignes.csv")).isPresent();
        Path deadLetter = deadLetter("ventes_lignes.csv").orElseThrow();
        // written in the export's own charset
        assertThat(Files.readAllLines(deadLetter, new io.crmbridge.intake.DialectSniffer().sniff(deadLetter).charset()))
                .hasSize(1 + rejected);

        SalesLedgerStore store = context.getRegistry().lookupByNameAndType("salesLedgerStore", SalesLedgerStore.class);
        assertThat(store.loadedCount()).isEqualTo(lineRows.size() - rejected - held);
        assertThat(store.heldCount()).isEqualTo(held);
        LedgerClient c1 = store.client("C0001");
        assertThat(c1.getPhone()).isEqualTo("+33" + clientRows.get(0).get("telephone").replaceAll("[^0-9]", "").substring(2));
        assertThat(c1.getLastName()).isEqualTo(clientRows.get(0).get("nom"));
        assertThat(store.client("C0063").getPostalCode()).isEqualTo("06000");
        assertThat(store.client("C0017").getPhone()).isNull();

        JsonNode scoring = lines.path("scoring");
        assertThat(scoring.path("clientsScored").asInt()).isEqualTo(buyers.size());
        assertThat(scoring.path("referenceDate").asText()).isEqualTo("2025-12-30");
        Map<String, Long> stored = store.segmentCounts();
        Map<String, Long> reported = new HashMap<>();
        scoring.path("segments").fields().forEachRemaining(e -> reported.put(e.getKey(), e.getValue().asLong()));
        assertThat(reported.keySet()).containsExactlyInAnyOrder("champions", "loyal", "potential", "at_risk", "lost",
                "needs_attention");
        assertThat(reported.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(buyers.size());
        reported.forEach((segment, n) -> assertThat(stored.getOrDefault(segment, 0L)).as(segment).isEqualTo(n));
        assertThat(reported.get("champions")).isPositive();
        assertThat(reported.get("lost")).isPositive();
        assertThat(store.recommendations(ClientRecommendation.Kind.CO_PURCHASE)).isNotEmpty();
        assertThat(store.recommendations(ClientRecommendation.Kind.REBUY)).isNotEmpty();

        String html = Files.readString(outbox().resolve("reports").resolve(
                reports("ventes_lignes.csv").get(0).getFileName().toString().replace(".json", ".html")));
        assertThat(html).contains("Segment distribution")
                .contains("<dd>decimal comma, thousands point (proved by the value " + lineRows.get(0).get("mt_ht") + ")</dd>");
        reported.forEach((segment, n) -> assertThat(html).contains("<tr><td>" + segment + "</td><td class=\"num\">" + n + "</td></tr>"));
        assertThat(store.imports()).extracting(i -> i.getKind() + ":" + i.getRowsRead())
                .containsExactly("clients:" + clientRows.size(), "products:" + productRows.size(),
                        "sales_lines:" + lineRows.size());
    }

    private static List<CSVRecord> read(Path file, Charset charset) throws IOException {
        try (Reader in = Files.newBufferedReader(file, charset);
             CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                     .get().parse(in)) {
            return parser.getRecords();
        }
    }
}
