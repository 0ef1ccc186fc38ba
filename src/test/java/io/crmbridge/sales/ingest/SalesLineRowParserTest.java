package io.crmbridge.sales.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.SourceRow;
import io.crmbridge.sales.store.SalesLine;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.NumberConvention;
import io.crmbridge.validation.NumberReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesLineRowParserTest {

    private static final List<String> HEADER = List.of("client_code", "date_livraison", "produit_label", "qty_line",
            "pu_ht", "mt_ht", "mt_ttc", "marge", "document_type", "document_no", "article", "email", "code_postal", "ville");
    private final SalesLineRowParser parser = new SalesLineRowParser(new EmailValidator());
    // one file: its rows share the reader, so earlier rows settle the decimal separator of later ones
    private final NumberReader numbers = new NumberReader(NumberConvention.DECIMAL_COMMA);

    private ParsedRow<SalesLine> parse(String line) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < HEADER.size(); i++) {
            columns.put(HEADER.get(i), i);
        }
        return parser.parse(new LedgerRow(new SourceRow(7, Arrays.asList(line.split(";", -1)), null), columns,
                numbers));
    }

    @Test
    void normalisesTheExportsLine() {
        ParsedRow<SalesLine> row = parse(" C001 ;27/12/2025; Crémant Alsace  Extra Brut ;1;8,5;8,5;10,2;2,0;vente;V001;CREMANT;"
                + "John@Example.com;7000;Strasbourg");

        assertThat(row.isRejected()).isFalse();
        assertThat(row.warnings()).isEmpty();
        SalesLine line = row.value();
        assertThat(line.getClientCode()).isEqualTo("C001");
        assertThat(line.getDeliveryDate()).isEqualTo(LocalDate.of(2025, 12, 27));
        assertThat(line.getProductLabel()).isEqualTo("Crémant Alsace Extra Brut");
        assertThat(line.getAmountHt()).isEqualByComparingTo(new BigDecimal("8.5"));
        assertThat(line.getDocumentType()).isEqualTo("VENTE");
        assertThat(line.getEmail()).isEqualTo("john@example.com");
        assertThat(line.getLineKey()).isEqualTo("VENTE|V001|C001|crémant alsace extra brut|1|8.5");
    }

    @Test
    void refusesWhatCannotBeASalesLine() {
        assertThat(parse(";27/12/2025;X;1;8,5;8,5;;;VENTE;V1;;;;").rejection().code()).isEqualTo(ErrorCode.MISSING_REQUIRED);
        assertThat(parse("C1;31/02/2025;X;1;8,5;8,5;;;VENTE;V1;;;;").rejection().message())
                .contains("31/02/2025").contains("date_livraison");
        assertThat(parse("C1;27/12/2025;X;-2;8,5;-17;;;VENTE;V1;;;;").rejection().message()).contains("negative on a sale");
        assertThat(parse("C1;27/12/2025;X;1;8,5;8,5;;;AVOIR;A1;;;;").rejection().message()).contains("positive on a credit note");
        assertThat(parse("C1;27/12/2025;X;1;8,5;8,5;;;DEVIS;D1;;;;").rejection().message()).contains("VENTE or AVOIR");
        assertThat(parse("C1;27/12/2025;X;un;8,5;8,5;;;VENTE;V1;;;;").rejection().code()).isEqualTo(ErrorCode.INVALID_VALUE);
    }

    @Test
    void acceptsACreditNoteAndLeavesOutUnreadableOptionalAmounts() {
        ParsedRow<SalesLine> row = parse("C1;27/12/2025;X;-1;8,5;-8,5;n/a;;AVOIR;A1;;pas-un-mail;;");

        assertThat(row.isRejected()).isFalse();
        assertThat(row.warnings()).extracting(w -> w.code())
                .containsExactly(ErrorCode.INVALID_NUMBER, ErrorCode.INVALID_OPTIONAL_EMAIL);
        assertThat(row.value().getEmail()).isNull();
    }

    @Test
    void refusesKeysTooLongToStoreAndLeavesOutTooLongOptionalText() {
        String longNumber = "V" + "0".repeat(64);
        assertThat(parse("C1;27/12/2025;X;1;8,5;8,5;;;VENTE;" + longNumber + ";;;;").rejection().message())
                .contains("document_no").contains("longer than 64 characters");

        ParsedRow<SalesLine> row = parse("C1;27/12/2025;X;1;8,5;8,5;;;VENTE;V1;;;75011 PARIS CEDEX 15;Paris");

        assertThat(row.isRejected()).isFalse();
        assertThat(row.warnings()).extracting(w -> w.code()).containsExactly(ErrorCode.VALUE_TOO_LONG);
    }

    @Test
    void refusesAnAmountThatReadsTwoWaysBeforeTheFileShowedItsDecimalSeparator() {
        ParsedRow<SalesLine> row = parse("C1;27/12/2025;X;1;;1.200;;;VENTE;V1;;;;");

        assertThat(row.rejection().code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(row.rejection().message()).isEqualTo("invalid net amount '1.200' in column mt_ht: ambiguous, 1.2 with"
                + " '.' as decimal separator or 1200 with '.' grouping thousands, and no earlier value of the file shows which");
    }

    @Test
    void readsAThreeDigitGroupInTheConventionAnEarlierRowProved() {
        parse("C1;27/12/2025;X;1;8,5;8,5;;;VENTE;V1;;;;");

        ParsedRow<SalesLine> row = parse("C1;27/12/2025;X;1;1.200;1.200;1.440;;VENTE;V2;;;;");

        assertThat(row.isRejected()).isFalse();
        assertThat(row.warnings()).isEmpty();
        assertThat(row.value().getAmountHt()).isEqualByComparingTo("1200");
    }

    @Test
    void leavesOutAnOptionalAmountThatReadsTwoWays() {
        ParsedRow<SalesLine> row = parse("C1;27/12/2025;X;1;1,500;1500;;;VENTE;V1;;;;");

        assertThat(row.isRejected()).isFalse();
        assertThat(row.warnings()).extracting(w -> w.code()).containsExactly(ErrorCode.AMBIGUOUS_NUMBER);
        assertThat(row.warnings().get(0).message()).contains("'1,500'").contains("pu_ht")
                .contains("1.5 with ',' as decimal separator or 1500 with ',' grouping thousands");
    }
}
